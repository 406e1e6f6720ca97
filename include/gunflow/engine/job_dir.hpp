#pragma once
// The output directory of a job (run, compare, sweep) across MPI ranks: who prepares
// it, where each rank checkpoints, and what a resumed job already has.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/io/checkpoint.hpp"

namespace gunflow {

/// Rank 0 prepares cfg.out_dir (unless resuming); every rank learns if it was refused
/// (IoError on all ranks, so none waits forever).
void prepare_job_dir(const ExecutionConfig& cfg, Cluster& cluster);

/// This process's checkpoint: checkpoint.bin, or checkpoint.<rank>.bin under MPI.
std::filesystem::path checkpoint_path(const std::filesystem::path& dir, const Cluster& cluster);

/// Every record in dir's checkpoint*.bin files, each index once, checked against
/// `expected` (IoError otherwise). Reading all files lets a job resume with another
/// number of ranks. `own_valid_bytes` is the intact length of the file at `own`.
std::vector<ReplicationResult> resumed_results(const std::filesystem::path& dir, const std::filesystem::path& own,
                                               const CheckpointHeader& expected, std::uint64_t& own_valid_bytes);

}  // namespace gunflow
