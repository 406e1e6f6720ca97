#pragma once
// The `compare` job: several scenarios, the same replications of each under common
// random numbers, paired differences against the first.
#include <string>
#include <vector>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/io/compare_writer.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow {

struct CompareReport {
  std::string base;
  std::vector<NamedComparison> comparisons;
  std::uint64_t finished = 0;  ///< complete pairs (replications finished for every scenario)
  bool interrupted = false;
  double wall_seconds = 0;
  bool root = true;  ///< false on MPI ranks other than 0
};

/// Runs every scenario for replications 0..n-1 with the plan's seed and writes
/// compare.csv, compare.json, replications.csv (all scenarios), one resolved scenario
/// per input (scenario.<name>.resolved.yaml) and run.json. The scenarios must cover the
/// same years and reference data (InputError otherwise).
/// Under MPI each rank runs a contiguous block of (replication, scenario) items and
/// rank 0 gathers them and writes the outputs.
CompareReport compare_job(const std::vector<LoadedScenario>& scenarios, const RunPlan& plan, const ExecutionConfig& cfg,
                          Cluster& cluster = single_process(), const ProgressFn& progress = nullptr);

/// A short table of the main metrics' paired differences for the terminal.
std::string format_compare_digest(const CompareReport& report);

}  // namespace gunflow
