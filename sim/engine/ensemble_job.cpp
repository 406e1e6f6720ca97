#include "gunflow/engine/ensemble_job.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/shared_prefix.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/ensemble_writer.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/scenario_diff.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

/// The metrics of docs/policy-effects.md, and which way is better for a ranking.
struct EnsembleMetric {
  const char* name;
  bool lower_is_better;
};
constexpr EnsembleMetric kEnsembleMetrics[] = {
    {"guns_trafficked", true}, {"us_border_seizures", false}, {"us_investigation_seizures", false}, {"traces", false},
    {"arrests", false},        {"homicides", true},           {"homicides_firearm", true}};
constexpr std::size_t kMetricCount = std::size(kEnsembleMetrics);

/// Scenario `arm` with parameter set `set` applied. A key the arm itself sets to another
/// value than the baseline (a policy acting on that parameter) keeps the arm's value.
Settings ensemble_settings(const std::vector<LoadedScenario>& scenarios, const ParameterSets& sets, std::size_t arm,
                           Eigen::Index set) {
  Settings s = scenarios[arm].settings;
  for (std::size_t j = 0; j < sets.keys.size(); ++j) {
    const SchemaEntry* e = find_parameter_entry(sets.keys[j]);
    if (arm > 0 && e->get(s) != e->get(scenarios[0].settings)) continue;
    apply_parameter(s, sets.keys[j], sets.values(set, static_cast<Eigen::Index>(j)));
  }
  return s;
}

/// A parameter set is applied key by key after the scenarios were read, so the checks
/// between keys the loader makes (weights not all 0, shares within 1) are made here, for
/// every set and scenario, before anything runs.
void check_parameter_sets(const std::vector<LoadedScenario>& scenarios, const ParameterSets& sets) {
  std::vector<InputProblem> problems;
  for (Eigen::Index i = 0; i < sets.values.rows(); ++i) {
    const std::uint64_t id = sets.ids.empty() ? static_cast<std::uint64_t>(i) : sets.ids[static_cast<std::size_t>(i)];
    std::vector<std::string> seen;
    for (std::size_t a = 0; a < scenarios.size(); ++a)
      for (const KeyConflict& k : value_conflicts(ensemble_settings(scenarios, sets, a, i))) {
        const std::string message = k.message + " in parameter set " + std::to_string(id);
        if (std::find(seen.begin(), seen.end(), message) != seen.end()) continue;
        seen.push_back(message);
        problems.push_back({sets.file, 0, 0, k.key, message});
      }
  }
  if (!problems.empty()) throw InputError(problems);
}

/// This process's work: its items not yet done, in units of one parameter set's arms (the
/// arms of a set share their first days with its baseline), a set's arms dealt into `parts`
/// groups when there are fewer sets than threads, so that no thread idles.
struct WorkUnits {
  std::uint64_t k = 1, parts = 1;
  std::vector<char> wanted;          ///< by item: this process's, not yet done
  std::vector<std::uint64_t> units;  ///< set * parts + group, ascending
  [[nodiscard]] std::uint64_t set_of(std::uint64_t unit) const { return unit / parts; }
  /// The arms whose items unit `unit` works, ascending (group g: arms g, g + parts, ...).
  [[nodiscard]] std::vector<std::size_t> arms(std::uint64_t unit) const {
    std::vector<std::size_t> out;
    for (std::uint64_t a = unit % parts; a < k; a += parts)
      if (wanted[set_of(unit) * k + a]) out.push_back(a);
    return out;
  }
};

WorkUnits plan_units(std::uint64_t first, std::uint64_t last, const std::vector<char>& done, std::uint64_t k,
                     int threads) {
  WorkUnits w;
  w.k = k;
  w.wanted.assign(done.size(), 0);
  std::vector<std::uint64_t> todo_sets;
  for (std::uint64_t i = first; i < last; ++i) {
    if (done[i]) continue;
    w.wanted[i] = 1;
    if (todo_sets.empty() || todo_sets.back() != i / k) todo_sets.push_back(i / k);
  }
  w.parts = arm_groups(todo_sets.size(), k, threads);
  for (const std::uint64_t set : todo_sets)
    for (std::uint64_t g = 0; g < w.parts; ++g)
      if (!w.arms(set * w.parts + g).empty()) w.units.push_back(set * w.parts + g);
  return w;
}

/// The items of work unit `unit` (WorkUnits) as one result: rows arm × metric (kMetricCount
/// each, the unit's arms in order), one column per replication, each cell a metric's mean
/// over the effect years. The arms run from one copy of each replication's days shared with
/// the set's baseline (shared_prefix.hpp), so a set costs little more than its baseline
/// when the policies start late. Only the baseline and the unit's own arms are built.
ReplicationResult run_unit(const std::vector<LoadedScenario>& scenarios, const ParameterSets& sets, const RunPlan& plan,
                           int from_year, std::uint64_t unit, const WorkUnits& work, int threads,
                           const std::atomic<bool>& stop) {
  const std::vector<std::size_t> owned = work.arms(unit);
  std::vector<std::size_t> built = owned;  // the baseline first: the others continue from its copy
  if (built.front() != 0) built.insert(built.begin(), 0);
  std::vector<std::unique_ptr<Model>> models;
  std::vector<const Model*> arms;
  for (const std::size_t a : built) {
    models.push_back(
        std::make_unique<Model>(ensemble_settings(scenarios, sets, a, static_cast<Eigen::Index>(work.set_of(unit)))));
    arms.push_back(models.back().get());
  }
  SharedPrefixRunner runner(arms, threads);
  const MetricLayout& layout = models.front()->layout();
  const int first = from_year - layout.first_year(), years = layout.n_years() - first;
  const std::size_t skipped = built.size() - owned.size();  // 1 when the baseline is built only as the source
  ReplicationResult out;
  out.replication = unit;
  out.values = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(owned.size() * kMetricCount),
                                     static_cast<Eigen::Index>(plan.replications));
  for (std::uint64_t r = 0; r < plan.replications; ++r) {
    for (std::size_t i = 0; i < owned.size(); ++i) {
      if (stop.load()) throw ReplicationAbandoned{};
      const ReplicationResult res = runner.run(i + skipped, plan.seed, r);  // the same replications everywhere: CRN
      for (std::size_t m = 0; m < kMetricCount; ++m)
        out.values(static_cast<Eigen::Index>(i * kMetricCount + m), static_cast<Eigen::Index>(r)) =
            res.values.row(static_cast<Eigen::Index>(layout.index(kEnsembleMetrics[m].name)))
                .segment(first, years)
                .mean();
    }
  }
  return out;
}

/// The items of one unit's result (run_unit), each as the checkpoint keeps it.
std::vector<ReplicationResult> items_of(const ReplicationResult& unit_result, const WorkUnits& work) {
  std::vector<ReplicationResult> items;
  const std::vector<std::size_t> owned = work.arms(unit_result.replication);
  for (std::size_t i = 0; i < owned.size(); ++i) {
    ReplicationResult r;
    r.replication = work.set_of(unit_result.replication) * work.k + owned[i];
    r.values = unit_result.values.middleRows(static_cast<Eigen::Index>(i * kMetricCount),
                                             static_cast<Eigen::Index>(kMetricCount));
    items.push_back(std::move(r));
  }
  return items;
}

EnsembleTables tables_from(const std::vector<std::string>& names, const ParameterSets& sets,
                           const std::vector<ReplicationResult>& items) {
  EnsembleTables t;
  const std::size_t k = names.size();
  const auto n_sets = sets.values.rows();
  t.policies.assign(names.begin() + 1, names.end());
  for (const EnsembleMetric& m : kEnsembleMetrics) {
    t.metrics.emplace_back(m.name);
    t.lower_is_better.push_back(m.lower_is_better ? 1 : 0);
  }
  t.keys = sets.keys;
  t.values = sets.values;
  t.weights = sets.weights;
  for (Eigen::Index s = 0; s < n_sets; ++s)
    t.ids.push_back(sets.ids.empty() ? static_cast<std::uint64_t>(s) : sets.ids[static_cast<std::size_t>(s)]);
  auto blank = [&] {
    return std::vector<std::vector<Eigen::VectorXd>>(
        k - 1, std::vector<Eigen::VectorXd>(kMetricCount, Eigen::VectorXd(n_sets)));
  };
  t.base_mean = t.effect_pct = t.mc_low_pct = t.mc_high_pct = blank();
  for (Eigen::Index s = 0; s < n_sets; ++s) {
    const ReplicationResult& base = items[static_cast<std::size_t>(s) * k];
    for (std::size_t p = 1; p < k; ++p) {
      const ReplicationResult& pol = items[static_cast<std::size_t>(s) * k + p];
      for (std::size_t m = 0; m < kMetricCount; ++m) {
        const auto row = static_cast<Eigen::Index>(m);
        const Eigen::ArrayXd diff = pol.values.row(row) - base.values.row(row);
        const std::vector<double> d(diff.data(), diff.data() + diff.size());
        const Summary sd = summarize(d);
        const double mean = base.values.row(row).mean();
        // In percent of the baseline's mean; a metric the baseline never counts has no percentage (0).
        const double scale = mean != 0 ? 100.0 / mean : 0.0;
        t.base_mean[p - 1][m](s) = mean;
        t.effect_pct[p - 1][m](s) = sd.mean * scale;
        t.mc_low_pct[p - 1][m](s) = std::min(sd.ci_low * scale, sd.ci_high * scale);
        t.mc_high_pct[p - 1][m](s) = std::max(sd.ci_low * scale, sd.ci_high * scale);
      }
    }
  }
  return t;
}

std::string policy_names_checked(const std::vector<LoadedScenario>& scenarios, std::vector<std::string>& names) {
  for (const LoadedScenario& s : scenarios) {
    std::string n;
    for (char c : s.settings.simulation.name)
      n += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    for (const std::string& earlier : names)
      if (earlier == n) return s.source_file;
    names.push_back(n);
  }
  return "";
}
}  // namespace

FailureRule parse_failure_rule(const std::string& text) {
  static const std::regex form(R"(^([A-Za-z0-9_\-]+):([a-z_]+)([<>])(-?[0-9.eE+\-]+)$)");
  std::smatch m;
  FailureRule rule;
  bool ok = std::regex_match(text, m, form);
  if (ok) {
    rule.policy = m[1];
    rule.metric = m[2];
    rule.above = m[3] == ">";
    const std::string x = m[4];
    const auto [ptr, ec] = std::from_chars(x.data(), x.data() + x.size(), rule.threshold);
    ok = ec == std::errc() && ptr == x.data() + x.size();
  }
  if (!ok)
    throw InputError(
        InputProblem{"--fail", 0, 0, "", "'" + text + "' is not POLICY:METRIC>PERCENT or POLICY:METRIC<PERCENT"});
  return rule;
}

EnsembleReport ensemble_job(const std::vector<LoadedScenario>& scenarios, const ParameterSets& sets,
                            const RunPlan& plan, const EnsembleOptions& options, const ExecutionConfig& cfg,
                            Cluster& cluster) {
  std::vector<std::string> names;
  if (const std::string dup = policy_names_checked(scenarios, names); !dup.empty())
    throw InputError(InputProblem{dup, 0, 0, "simulation.name", "repeats another scenario's name; names must differ"});
  const Model base(scenarios[0].settings);
  const MetricLayout& layout = base.layout();
  const int last_year = layout.first_year() + layout.n_years() - 1;
  // By default the years after the first (the shipped policies start a year into the run).
  const int from_year =
      options.from_year.value_or(layout.n_years() > 1 ? layout.first_year() + 1 : layout.first_year());
  if (from_year < layout.first_year() || from_year > last_year)
    throw InputError(InputProblem{"--from-year", 0, 0, "from-year", std::to_string(from_year) + " is not simulated"});
  std::size_t fail_policy = 0, fail_metric = kMetricCount;
  if (options.fail) {
    const auto p = std::find(names.begin() + 1, names.end(), options.fail->policy);
    for (std::size_t m = 0; m < kMetricCount; ++m)
      if (options.fail->metric == kEnsembleMetrics[m].name) fail_metric = m;
    if (p == names.end() || fail_metric == kMetricCount)
      throw InputError(InputProblem{
          "--fail", 0, 0, "",
          "names no policy scenario or ensemble metric: " + options.fail->policy + ":" + options.fail->metric});
    fail_policy = static_cast<std::size_t>(p - names.begin() - 1);
  }
  for (std::size_t a = 1; a < scenarios.size(); ++a) (void)Model(scenarios[a].settings).layout();  // bad data fails now
  check_parameter_sets(scenarios, sets);
  const fs::path dir(cfg.out_dir);
  prepare_job_dir(cfg, cluster);
  if (cfg.resume) check_resumed_kind(cfg, "ensemble");
  const std::string inputs = input_manifest(scenarios);
  check_recorded_inputs(cfg, inputs, "the ensemble");
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  const std::uint64_t k = scenarios.size(), n_items = static_cast<std::uint64_t>(sets.values.rows()) * k;
  std::string identity = "ensemble " + std::to_string(from_year) + "\n" + parameter_sets_csv(sets);
  for (const LoadedScenario& s : scenarios) identity += "\n---\n" + resolved_yaml(s.settings) + input_fingerprint(s);
  const CheckpointHeader header{fnv1a(identity.data(), identity.size()), plan.seed, n_items, kMetricCount,
                                plan.replications};
  const fs::path ckpt = checkpoint_path(dir, cluster);
  std::uint64_t valid = 0;
  std::vector<ReplicationResult> done_items =
      cfg.resume ? resumed_results(dir, ckpt, header, valid) : std::vector<ReplicationResult>{};
  record_inputs(cfg, cluster, inputs);
  std::vector<char> done(n_items, 0);
  for (const ReplicationResult& r : done_items) done[r.replication] = 1;
  if (cluster.rank() != 0) done_items.clear();  // rank 0 alone keeps them: no duplicates in the gather
  const std::uint64_t part = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.rank()) : cfg.shard_index;
  const std::uint64_t parts = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.size()) : cfg.shard_count;
  const auto [first, last] = shard_range(n_items, part, parts);
  // This process's items, worked a parameter set's arms at a time; a set split between
  // processes is worked by each for its own items.
  const int threads = resolved_threads(cfg.threads);
  const WorkUnits work = plan_units(first, last, done, k, threads);
  CheckpointWriter writer(ckpt.string(), header, cfg.resume && fs::exists(ckpt), valid);
  ProgressBar bar("ensemble", !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  RunOutcome outcome = run_replications(
      work.units,
      [&](std::uint64_t unit) { return run_unit(scenarios, sets, plan, from_year, unit, work, threads, stop); },
      threads, [&](std::uint64_t n, std::uint64_t total) { bar.update(n, total); }, &stop,
      [&](const ReplicationResult& r) {
        for (const ReplicationResult& item : items_of(r, work)) writer.append(item);
      });
  bar.finish();
  EnsembleReport report;
  report.sets = static_cast<std::uint64_t>(sets.values.rows());
  report.items = n_items;
  report.interrupted = cluster.any(outcome.interrupted);
  std::vector<ReplicationResult> own;
  for (const ReplicationResult& r : outcome.results)
    for (ReplicationResult& item : items_of(r, work)) own.push_back(std::move(item));
  std::vector<ReplicationResult> gathered = cluster.gather(std::move(own), kMetricCount, plan.replications);
  if (cluster.rank() != 0) {
    report.root = false;
    return report;
  }
  for (ReplicationResult& r : gathered) done_items.push_back(std::move(r));
  sort_by_replication(done_items);
  report.finished = done_items.size();
  write_file_atomic((dir / "ensemble_parameters.csv").string(), parameter_sets_csv(sets));
  write_metrics_catalogue(dir);  // names and units for scripts/plot.py
  if (report.finished == n_items) {
    const EnsembleTables t = tables_from(names, sets, done_items);
    write_file_atomic((dir / "ensemble_sets.csv").string(), ensemble_sets_csv(t));
    write_file_atomic((dir / "ensemble_effects.csv").string(), ensemble_effects_csv(t));
    write_file_atomic((dir / "ensemble_ranking.csv").string(), ensemble_ranking_csv(t));
    write_file_atomic((dir / "ensemble_sensitivity.csv").string(), ensemble_sensitivity_csv(t));
    if (options.fail)
      write_file_atomic((dir / "prim_boxes.csv").string(),
                        prim_boxes_csv(t, fail_policy, fail_metric, options.fail->above, options.fail->threshold));
  }
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string files;
  for (const LoadedScenario& s : scenarios) files += (files.empty() ? "" : " ") + s.source_file;
  RunMetadata meta{files,
                   plan.seed,
                   n_items * plan.replications,
                   report.finished * plan.replications,
                   resolved_threads(cfg.threads),
                   report.wall_seconds,
                   report.interrupted,
                   started,
                   scenarios.front().overrides,
                   nlohmann::json::object()};
  meta.extra["parameter_sets"] = report.sets;
  meta.extra["parameters"] = sets.file;
  meta.extra["replications_per_set"] = plan.replications;
  meta.extra["effect_years"] = std::to_string(from_year) + "-" + std::to_string(last_year);
  meta.extra["items_finished"] = report.finished;
  meta.extra["scenarios"] = names;  // the baseline first: `gunflow report --ensemble` checks it
  if (const auto w = comparison_warnings(scenarios); !w.empty()) meta.extra["warnings"] = w;
  if (options.fail)
    meta.extra["fail"] = options.fail->policy + ":" + options.fail->metric + (options.fail->above ? ">" : "<") +
                         format_number(options.fail->threshold);
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

}  // namespace gunflow
