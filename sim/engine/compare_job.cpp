#include "gunflow/engine/compare_job.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/engine/shared_prefix.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/result_store.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/scenario_diff.hpp"
#include "gunflow/tally/paired.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

/// Unique, file-name-safe names (a scenario name may repeat or hold odd characters).
std::vector<std::string> distinct_names(const std::vector<LoadedScenario>& scenarios) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    std::string n;
    for (char c : scenarios[i].settings.simulation.name)
      n += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    if (n.empty()) n = "scenario";
    if (!seen.insert(n).second) {
      n += '-';  // appended piecewise: "-" + std::to_string(i) trips GCC 12's -Warray-bounds (bug 105329)
      n += std::to_string(i);
    }
    seen.insert(n);
    names.push_back(n);
  }
  return names;
}

void require_same_layout(const std::vector<std::unique_ptr<Model>>& models, const std::vector<LoadedScenario>& sc) {
  const MetricLayout& a = models.front()->layout();
  for (std::size_t i = 1; i < models.size(); ++i) {
    const MetricLayout& b = models[i]->layout();
    if (a.first_year() != b.first_year() || a.n_years() != b.n_years() || a.series() != b.series())
      throw InputError(InputProblem{sc[i].source_file, 0, 0, "simulation",
                                    "covers other years or reference data than " + sc[0].source_file +
                                        "; compared scenarios must share simulation.start/end and data tables"});
  }
}

/// What a comparison's checkpoints must belong to: these scenarios, in this order,
/// with this seed and number of replications.
CheckpointHeader header_for(const std::vector<LoadedScenario>& scenarios, const RunPlan& plan,
                            const MetricLayout& layout) {
  std::string identity = "compare";
  for (const LoadedScenario& s : scenarios) identity += "\n---\n" + resolved_yaml(s.settings);
  return {fnv1a(identity.data(), identity.size()), plan.seed, plan.replications * scenarios.size(), layout.size(),
          static_cast<std::uint64_t>(layout.n_years())};
}

/// The replications finished for every scenario, and where each arm sits in the store.
struct StoredPairs {
  std::vector<std::uint64_t> replications;  ///< ascending
  std::vector<std::size_t> first_position;  ///< store position of arm 0 of each
  /// Store position of arm `arm` of the i-th complete pair: a pair's k items are
  /// adjacent in item order (item = replication * k + arm).
  [[nodiscard]] std::size_t position(std::size_t i, std::uint64_t arm) const { return first_position[i] + arm; }
};

StoredPairs complete_pairs(const ResultStore& store, std::uint64_t n, std::uint64_t k) {
  StoredPairs pairs;
  const std::vector<std::uint64_t> items = store.replications();
  for (std::size_t p = 0; p + k <= items.size();) {
    const std::uint64_t rep = items[p] / k;
    if (items[p] % k == 0 && rep < n && items[p + k - 1] == rep * k + k - 1) {  // all k arms, adjacent
      pairs.replications.push_back(rep);
      pairs.first_position.push_back(p);
      p += k;
    } else {
      ++p;
    }
  }
  return pairs;
}

/// replications.csv: every scenario's complete pairs, scenario by scenario, streamed
/// from the store one replication at a time.
void write_compare_replications_csv(const fs::path& path, const std::vector<std::string>& names,
                                    const MetricLayout& layout, const ResultStore& store, const StoredPairs& pairs) {
  AtomicFileWriter out(path.string());
  std::string chunk = kReplicationsCsvHeader;
  for (std::uint64_t arm = 0; arm < names.size(); ++arm) {
    for (std::size_t i = 0; i < pairs.replications.size(); ++i) {
      ReplicationResult r = store.read(pairs.position(i, arm));
      r.replication = pairs.replications[i];
      require_finite(layout, r);
      append_replication_rows(chunk, names[arm], layout, r);
      if (chunk.size() >= (std::size_t{1} << 20)) {
        out.write(chunk);
        chunk.clear();
      }
    }
  }
  out.write(chunk);
  out.commit();
}
}  // namespace

CompareReport compare_job(const std::vector<LoadedScenario>& scenarios, const RunPlan& plan, const ExecutionConfig& cfg,
                          Cluster& cluster, const ProgressFn& progress) {
  const fs::path dir(cfg.out_dir);
  prepare_job_dir(cfg, cluster);
  if (cfg.resume) check_resumed_kind(cfg, "compare");
  // As for run: a resumed comparison refuses inputs changed since it started. Each
  // scenario's lines carry its position (arm0.data.us_states, …).
  const std::string inputs = input_manifest(scenarios);
  if (!cfg.resume && cluster.rank() == 0) write_file_atomic(manifest_path(dir).string(), inputs);
  std::vector<std::unique_ptr<Model>> models;
  for (const LoadedScenario& s : scenarios) models.push_back(std::make_unique<Model>(s.settings));
  require_same_layout(models, scenarios);
  const MetricLayout& layout = models[0]->layout();
  const std::vector<std::string> names = distinct_names(scenarios);
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  const std::uint64_t n = plan.replications;
  const std::uint64_t k = scenarios.size();
  const CheckpointHeader header = header_for(scenarios, plan, layout);

  // Work item i = (replication i / k, scenario i % k): the arms of a pair finish close
  // together, so an interrupted comparison still has complete pairs. As in `run`,
  // results never stay in memory: each rank appends them to its own checkpoint (which
  // --resume continues), and rank 0 reads every file back for the outputs.
  std::uint64_t valid_bytes = 0;
  const fs::path own_checkpoint = checkpoint_path(dir, cluster);
  std::vector<std::uint64_t> done;  // ascending; only what is done, never a table of every item
  if (cfg.resume) {
    done = stored_results(dir, own_checkpoint, header, valid_bytes).replications();
    // After the checkpoint's own check (other scenarios, seed or -n: exit 3), the files.
    require_same_inputs(recorded_manifest(dir), inputs, "the comparison in " + cfg.out_dir + " started");
  }
  const auto [first, last] =
      shard_range(n * k, static_cast<std::uint64_t>(cluster.rank()), static_cast<std::uint64_t>(cluster.size()));

  // The days every arm shares with the base are simulated once per replication and thread.
  std::vector<const Model*> arms;
  for (const auto& m : models) arms.push_back(m.get());
  const int threads = resolved_threads(cfg.threads);
  SharedPrefixRunner shared(arms, threads);
  // A thread takes a replication's arms together, so it simulates their shared days once;
  // with fewer replications than threads, a replication's arms are split so none idles.
  const std::uint64_t groups = arm_groups((last - first) / k, k, threads);
  const auto chunk = static_cast<int>((k + groups - 1) / groups);

  ProgressBar bar("compare", !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  RunOutcome outcome;
  {
    CheckpointWriter checkpoint(own_checkpoint.string(), header, cfg.resume && fs::exists(own_checkpoint), valid_bytes);
    const std::atomic<bool>& stop = install_stop_handlers();
    outcome = run_replication_range(
        first, last, done,
        [&](std::uint64_t item) {
          ReplicationResult r = shared.run(item % k, plan.seed, item / k);
          r.replication = item;  // the checkpoint is keyed by work item
          return r;
        },
        cfg.threads,
        [&](std::uint64_t finished, std::uint64_t total) {
          bar.update(finished, total);
          if (progress) progress(finished, total);
        },
        &stop, [&](const ReplicationResult& r) { checkpoint.append(r); }, chunk);
  }  // closed before any rank reads it
  bar.finish();
  // Collective, so it is also the point after which every rank's file is complete.
  const bool interrupted = cluster.any(outcome.interrupted);
  if (cluster.rank() != 0) {
    CompareReport none;
    none.root = false;
    return none;
  }

  const ResultStore store = job_results(dir, own_checkpoint, header, cfg.resume, cluster);
  const StoredPairs pairs = complete_pairs(store, n, k);

  CompareReport report;
  report.base = names[0];
  report.finished = pairs.replications.size();
  report.interrupted = interrupted;
  auto arm_reader = [&](std::uint64_t arm) {
    return [&, arm](std::size_t i, std::size_t first_cell, std::size_t count, double* out) {
      store.read_cells(pairs.position(i, arm), first_cell, count, out);
    };
  };
  for (std::size_t i = 1; i < k; ++i)
    report.comparisons.push_back(
        {names[i], compare_paired_blocked(layout, pairs.replications.size(), arm_reader(0), arm_reader(i))});
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const auto& c : report.comparisons) require_finite(c.table);  // no output holds NaN or inf
  write_compare_replications_csv(dir / "replications.csv", names, layout, store, pairs);
  for (std::size_t i = 0; i < k; ++i)
    write_file_atomic((dir / ("scenario." + names[i] + ".resolved.yaml")).string(),
                      resolved_yaml_for(scenarios[i].settings, dir.string(), scenarios[i].overrides));
  write_file_atomic((dir / "compare.csv").string(), compare_csv(names[0], report.comparisons));
  write_file_atomic((dir / "compare.json").string(), compare_json(names[0], report.comparisons).dump(1) + "\n");
  std::string files;
  for (const LoadedScenario& s : scenarios) files += (files.empty() ? "" : " ") + s.source_file;
  RunMetadata meta{files,
                   plan.seed,
                   plan.replications,
                   report.finished,
                   resolved_threads(cfg.threads),
                   report.wall_seconds,
                   report.interrupted,
                   started,
                   {},
                   nlohmann::json::object()};
  meta.extra["scenarios"] = k;  // the replication counts are per scenario (pairs when every scenario finished)
  meta.overrides = scenarios.front().overrides;  // the same for every scenario
  if (const auto w = comparison_warnings(scenarios); !w.empty()) meta.extra["warnings"] = w;
  write_metrics_catalogue(dir);
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

std::string format_compare_digest(const CompareReport& r) {
  const char* metrics[] = {"guns_trafficked", "us_border_seizures", "traces", "arrests", "homicides"};
  std::string out = "gunflow compare: against " + r.base + " (n = " + std::to_string(r.finished) +
                    " paired replications; difference [95% CI], last year)\n";
  char line[256];
  for (const NamedComparison& c : r.comparisons) {
    out += "  " + c.scenario + "\n";
    const int y = c.table.layout.n_years() - 1;
    for (const char* m : metrics) {
      const PairedCell& cell = c.table.at(c.table.layout.index(m), y);
      std::snprintf(line, sizeof line, "    %-22s %12.4g  [%.4g, %.4g]  (%+.1f%%)\n", m, cell.difference.mean,
                    cell.difference.ci_low, cell.difference.ci_high, cell.percent);
      out += line;
    }
  }
  return out;
}

}  // namespace gunflow
