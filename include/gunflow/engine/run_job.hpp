#pragma once
// The `run` job: scenario → replications in parallel (checkpointed) → ordered
// reduction → outputs; and `merge`, which turns shard checkpoints into the outputs
// an unsharded run would have written.
#include <string>
#include <vector>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/tally/reduce.hpp"

namespace gunflow {

struct RunReport {
  SummaryTable summary;
  std::uint64_t finished = 0;  ///< replications with results (this run's and resumed ones)
  bool interrupted = false;
  bool shard_only = false;  ///< a shard: results are in its checkpoint, awaiting `merge`
  double wall_seconds = 0;
  bool root = true;  ///< false on MPI ranks other than 0 (they write nothing)
};

/// Runs and writes, into cfg.out_dir, checkpoint.bin as replications finish, then
/// replications.csv, summary.csv, summary.json, scenario.resolved.yaml and run.json
/// (each atomically). A shard (cfg.shard_count > 1) writes checkpoint.bin,
/// scenario.resolved.yaml and shard.json only. With cfg.resume, replications already
/// in the checkpoint are skipped. On Ctrl-C, writes what finished.
/// Under MPI (`cluster.size() > 1`) each rank runs its contiguous block and checkpoints
/// to checkpoint.<rank>.bin; rank 0 gathers and writes the outputs (other ranks return
/// an empty report). `progress` (if set) is called as replications finish, from the
/// thread that finished one, one call at a time.
RunReport run_job(const LoadedScenario& scenario, const RunPlan& plan, const ExecutionConfig& cfg,
                  Cluster& cluster = single_process(), const ProgressFn& progress = nullptr);

/// Combines shard directories into full outputs in `out_dir` (byte-identical to an
/// unsharded run). Missing, duplicate or mismatched shards are IoErrors naming them.
RunReport merge_job(const std::vector<std::string>& shard_dirs, const std::string& out_dir, bool force);

/// A short human-readable digest of the main metrics (for the terminal).
std::string format_digest(const SummaryTable& summary, const std::string& scenario_name);

}  // namespace gunflow
