#include "gunflow/engine/compare_job.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"

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
    if (!seen.insert(n).second) n += "-" + std::to_string(i);
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
}  // namespace

CompareReport compare_job(const std::vector<LoadedScenario>& scenarios, const RunPlan& plan,
                          const ExecutionConfig& cfg, Cluster& cluster, const ProgressFn& progress) {
  ExecutionConfig fresh = cfg;
  fresh.resume = false;  // compare has no checkpoint to resume
  prepare_job_dir(fresh, cluster);
  std::vector<std::unique_ptr<Model>> models;
  for (const LoadedScenario& s : scenarios) models.push_back(std::make_unique<Model>(s.settings));
  require_same_layout(models, scenarios);
  const std::vector<std::string> names = distinct_names(scenarios);
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t n = plan.replications;
  const std::uint64_t k = scenarios.size();

  // Work item i = (replication i / k, scenario i % k): the arms of a pair finish close
  // together, so an interrupted comparison still has complete pairs.
  ProgressBar bar("compare", !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  const auto [first, last] = shard_range(n * k, static_cast<std::uint64_t>(cluster.rank()),
                                         static_cast<std::uint64_t>(cluster.size()));
  RunOutcome outcome = run_replications(
      first, last - first,
      [&](std::uint64_t item) {
        ReplicationResult r = models[item % k]->run(plan.seed, item / k);
        r.replication = item;  // re-keyed below
        return r;
      },
      cfg.threads, [&](std::uint64_t done, std::uint64_t total) {
        bar.update(done, total);
        if (progress) progress(done, total);
      },
      &stop);
  bar.finish();
  const bool interrupted = cluster.any(outcome.interrupted);
  outcome.results = cluster.gather(std::move(outcome.results), models[0]->layout().size(),
                                   static_cast<std::uint64_t>(models[0]->layout().n_years()));
  if (cluster.rank() != 0) {
    CompareReport none;
    none.root = false;
    return none;
  }

  // Keep replications finished for every scenario, split by scenario.
  std::vector<std::vector<ReplicationResult>> arms(k);
  std::vector<std::uint64_t> count(n, 0);
  for (const ReplicationResult& r : outcome.results) ++count[r.replication / k];
  for (ReplicationResult& r : outcome.results) {
    const std::uint64_t rep = r.replication / k, arm = r.replication % k;
    if (count[rep] != k) continue;
    r.replication = rep;
    arms[arm].push_back(std::move(r));
  }

  CompareReport report;
  report.base = names[0];
  report.finished = arms[0].size();
  report.interrupted = interrupted;
  const MetricLayout& layout = models[0]->layout();
  for (std::size_t i = 1; i < k; ++i) report.comparisons.push_back({names[i], compare_paired(layout, arms[0], arms[i])});
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const fs::path dir(cfg.out_dir);
  std::string reps;
  for (std::size_t i = 0; i < k; ++i) {
    std::string part = replications_csv(names[i], layout, arms[i]);
    reps += i == 0 ? part : part.substr(part.find('\n') + 1);  // one header
    write_file_atomic((dir / ("scenario." + names[i] + ".resolved.yaml")).string(), resolved_yaml(scenarios[i].settings));
  }
  write_file_atomic((dir / "replications.csv").string(), reps);
  write_file_atomic((dir / "compare.csv").string(), compare_csv(names[0], report.comparisons));
  write_file_atomic((dir / "compare.json").string(), compare_json(names[0], report.comparisons).dump(1) + "\n");
  std::string files;
  for (const LoadedScenario& s : scenarios) files += (files.empty() ? "" : " ") + s.source_file;
  RunMetadata meta{files, plan.seed, plan.replications, report.finished,
                   resolved_threads(cfg.threads), report.wall_seconds, report.interrupted, ""};
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
