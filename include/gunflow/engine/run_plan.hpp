#pragma once
// Which replications run (RunPlan) is separate from how and where (ExecutionConfig),
// and both are separate from what is simulated (Settings).
#include <cstdint>
#include <string>

namespace gunflow {

struct RunPlan {
  std::uint64_t seed = 1;
  std::uint64_t replications = 20;
};

struct ExecutionConfig {
  int threads = 0;          ///< 0 = OpenMP default
  std::string out_dir;
  bool force = false;       ///< allow writing into a non-empty output directory
  bool quiet = false;       ///< no progress bar
};

}  // namespace gunflow
