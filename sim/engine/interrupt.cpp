#include "gunflow/engine/interrupt.hpp"

#include <csignal>

namespace gunflow {
namespace {
// A signal handler can only reach static storage; this flag is the driver's, never
// read by model code.
std::atomic<bool> g_stop_requested{false};

extern "C" void on_stop_signal(int signal_number) {
  if (g_stop_requested.exchange(true)) {
    std::signal(signal_number, SIG_DFL);  // a second Ctrl-C kills at once
    std::raise(signal_number);
  }
}
}  // namespace

const std::atomic<bool>& install_stop_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  return g_stop_requested;
}

void request_stop() { g_stop_requested.store(true); }

void clear_stop_request() { g_stop_requested.store(false); }

}  // namespace gunflow
