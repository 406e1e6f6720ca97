#pragma once
// `gunflow serve`: a local teaching demo. A page lets each student pick a scenario,
// read what each policy does, switch policies on with a start date and their main
// parameters (defaults from scenarios/policies/), and run paired replications against
// that scenario, with a live progress bar or place in the queue; then shows the effects
// by name and unit, the years around the policy start, and baseline and policy maps side
// by side. Input goes through the same scenario loader (schema validation); only files
// under scenarios/ are read and only results/serve/ is written. Bound to 127.0.0.1
// unless --classroom says otherwise.
#include <string>

namespace gunflow::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string scenarios_dir = "scenarios";
  std::string results_dir = "results/serve";
  int threads = 0;         ///< per run; 0: the cores shared among parallel runs
  bool classroom = false;  ///< allow a --host other than loopback
  int parallel_runs = 0;   ///< 0: one per two cores (at least one)
};

int serve(const ServeOptions& options);

}  // namespace gunflow::cli
