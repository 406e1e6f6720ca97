#pragma once
// `gunflow serve`: a local teaching demo. A page lets a user pick a scenario, switch
// policies on with start dates and run paired replications against that scenario,
// with a live progress bar, then shows the flow map and effects. Input goes through
// the same scenario loader (schema validation); only files under scenarios/ are read
// and only results/serve/ is written.
#include <string>

namespace gunflow::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string scenarios_dir = "scenarios";
  std::string results_dir = "results/serve";
  int threads = 0;
};

int serve(const ServeOptions& options);

}  // namespace gunflow::cli
