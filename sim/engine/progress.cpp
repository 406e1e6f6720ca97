#include "gunflow/engine/progress.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>

namespace gunflow {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string ProgressBar::render(std::uint64_t done, std::uint64_t total, double elapsed_s, int width) {
  const double frac = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 1.0;
  const int filled = static_cast<int>(frac * width + 1e-9);
  std::string bar = "[";
  bar.append(static_cast<std::size_t>(filled), '#').append(static_cast<std::size_t>(width - filled), '-') += ']';
  char tail[96];
  if (done > 0 && done < total) {
    const double eta = elapsed_s / static_cast<double>(done) * static_cast<double>(total - done);
    std::snprintf(tail, sizeof tail, " %llu/%llu  %.1f s elapsed  ETA %.0f s", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), elapsed_s, eta);
  } else {
    std::snprintf(tail, sizeof tail, " %llu/%llu  %.1f s elapsed", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), elapsed_s);
  }
  return bar + tail;
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r%s %s\x1b[K", label_.c_str(), render(done, total, elapsed).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace gunflow
