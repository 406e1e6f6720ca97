#pragma once
// A one-line progress bar with ETA on stderr, shown only when stderr is a terminal.
#include <chrono>
#include <cstdint>
#include <string>

namespace gunflow {

class ProgressBar {
 public:
  /// enabled=false makes every call a no-op (pipes, CI, --quiet).
  ProgressBar(std::string label, bool enabled);
  void update(std::uint64_t done, std::uint64_t total);
  void finish();
  /// True when stderr is an interactive terminal.
  static bool stderr_is_terminal();
  /// "[#####-----] 50/100  12.3 s elapsed  ETA 12 s" for a given state (tested).
  static std::string render(std::uint64_t done, std::uint64_t total, double elapsed_s, int width = 30);

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace gunflow
