#pragma once
// Which replications run (RunPlan) is separate from how and where (ExecutionConfig),
// and both are separate from what is simulated (Settings).
#include <cstdint>
#include <string>
#include <utility>

namespace gunflow {

struct RunPlan {
  std::uint64_t seed = 1;
  std::uint64_t replications = 20;
};

struct ExecutionConfig {
  int threads = 0;  ///< 0 = OpenMP default
  std::string out_dir;
  bool force = false;             ///< allow writing into a non-empty output directory
  bool quiet = false;             ///< no progress bar
  bool resume = false;            ///< continue the run whose checkpoint is in out_dir
  std::uint64_t shard_index = 0;  ///< this process runs shard shard_index of shard_count
  std::uint64_t shard_count = 1;
};

/// The contiguous block of replications [first, last) of shard `index` of `count`
/// (OpenMC-style work split: sizes differ by at most one).
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t replications, std::uint64_t index,
                                                    std::uint64_t count);

}  // namespace gunflow
