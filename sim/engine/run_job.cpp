#include "gunflow/engine/run_job.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include <omp.h>

#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}
}  // namespace

RunReport run_job(const LoadedScenario& scenario, const RunPlan& plan, const ExecutionConfig& cfg) {
  prepare_output_dir(cfg.out_dir, cfg.force);
  const Settings& s = scenario.settings;
  const Model model(s);
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  ProgressBar bar(s.simulation.name, !cfg.quiet && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  const RunOutcome outcome = run_replications(
      0, plan.replications, [&](std::uint64_t rep) { return model.run(plan.seed, rep); }, cfg.threads,
      [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); }, &stop);
  bar.finish();

  RunReport report;
  report.summary = reduce_results(model.layout(), outcome.results);
  report.finished = outcome.results.size();
  report.interrupted = outcome.interrupted;
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const fs::path dir(cfg.out_dir);
  const std::string& name = s.simulation.name;
  write_file_atomic((dir / "replications.csv").string(), replications_csv(name, model.layout(), outcome.results));
  write_file_atomic((dir / "summary.csv").string(), summary_csv(name, report.summary));
  write_file_atomic((dir / "summary.json").string(), summary_json(name, report.summary).dump(1) + "\n");
  write_file_atomic((dir / "scenario.resolved.yaml").string(), resolved_yaml(s));
  RunMetadata meta{scenario.source_file, plan.seed, plan.replications, report.finished,
                   cfg.threads > 0 ? cfg.threads : omp_get_max_threads(), report.wall_seconds,
                   report.interrupted, started};
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

std::string format_digest(const SummaryTable& t, const std::string& name) {
  const char* keys[][2] = {{"guns_trafficked", "US guns trafficked to Mexico / yr"},
                           {"us_border_seizures", "US southbound seizures (guns)"},
                           {"mx_recoveries", "guns recovered in Mexico"},
                           {"traces", "eTrace requests from Mexico"},
                           {"traces_us_sourced_share", "share of traces US-sourced"},
                           {"arrests", "straw/unlicensed arrests"},
                           {"homicides", "homicides in Mexico"},
                           {"homicides_firearm_share", "firearm share of homicides"}};
  std::string out = "gunflow: " + name + " (n = " + std::to_string(t.cells.empty() ? 0 : t.cells[0].n) +
                    " replications; mean [95% CI] per year)\n";
  char line[256];
  for (const auto& k : keys) {
    const std::size_t row = t.layout.index(k[0]);
    for (int y = 0; y < t.layout.n_years(); ++y) {
      const Summary& c = t.at(row, y);
      std::snprintf(line, sizeof line, "  %-36s %d  %12.4g  [%.4g, %.4g]\n", y == 0 ? k[1] : "", t.layout.first_year() + y,
                    c.mean, c.ci_low, c.ci_high);
      out += line;
    }
  }
  return out;
}

}  // namespace gunflow
