#pragma once
// The `run` job: scenario → replications in parallel → ordered reduction → outputs.
#include <string>

#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/tally/reduce.hpp"

namespace gunflow {

struct RunReport {
  SummaryTable summary;
  std::uint64_t finished = 0;
  bool interrupted = false;
  double wall_seconds = 0;
};

/// Runs and writes replications.csv, summary.csv, summary.json, scenario.resolved.yaml
/// and run.json into cfg.out_dir (each atomically). On Ctrl-C, writes what finished.
RunReport run_job(const LoadedScenario& scenario, const RunPlan& plan, const ExecutionConfig& cfg);

/// A short human-readable digest of the main metrics (for the terminal).
std::string format_digest(const SummaryTable& summary, const std::string& scenario_name);

}  // namespace gunflow
