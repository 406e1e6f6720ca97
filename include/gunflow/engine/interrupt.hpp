#pragma once
// Ctrl-C handling for the drivers: the first SIGINT/SIGTERM asks the run to stop
// after the replications in flight; finished ones are still written.
#include <atomic>

namespace gunflow {

/// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_stop_handlers();

}  // namespace gunflow
