#pragma once
// The `sweep` job: run a design of parameter points, each for the same replications
// (common random numbers across points), stream each finished point to the
// checkpoint, then write per-point results and sensitivity indices.
#include <cstdint>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/sweep_file.hpp"

namespace gunflow {

struct SweepReport {
  std::uint64_t points = 0;
  std::uint64_t finished = 0;
  bool interrupted = false;
  double wall_seconds = 0;
  bool root = true;
};

/// Writes sweep_points.csv, sweep_results.csv (one row per point × replication),
/// sensitivity.csv (Morris or Sobol designs, once every point is done), the resolved
/// base scenario and run.json into cfg.out_dir; checkpoint.bin holds finished points,
/// so `--resume` continues an interrupted sweep. `progress` (if set) is called as points
/// finish, one call at a time.
SweepReport sweep_job(const SweepSpec& spec, const ExecutionConfig& cfg, Cluster& cluster = single_process(),
                      const ProgressFn& progress = nullptr);

}  // namespace gunflow
