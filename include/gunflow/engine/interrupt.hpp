#pragma once
// Ctrl-C handling for the drivers: the first SIGINT/SIGTERM asks the run to stop
// after the replications in flight; finished ones are still written.
#include <atomic>

namespace gunflow {

/// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_stop_handlers();

/// Sets the flag as a first Ctrl-C would (for front ends that catch the interrupt
/// themselves, such as the Python module), without installing handlers.
void request_stop();

/// Clears the flag, so that a process that handled an interrupt (the Python module,
/// which raises KeyboardInterrupt and lives on) can run again.
void clear_stop_request();

}  // namespace gunflow
