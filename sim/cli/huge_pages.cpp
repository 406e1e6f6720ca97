// Why: a replication writes ~100 MB of fresh agent state (arsenal lots, buyers, dealer
// tables). On 4 kB pages that is ~25,000 page faults for a thread's first replication, and
// on virtual machines (the development machine, most cloud nodes) each fault is expensive:
// 20-30% of a one-replication run went to first touches. glibc can back its heap with
// transparent huge pages (2 MB: 500 times fewer faults, fewer TLB misses after), but only
// when the tunable is in the environment at start-up, so the program restarts itself once
// with it set. Results do not depend on it (memory layout never reaches the model), which
// tests/integration/cli_end_to_end.sh checks with GUNFLOW_HUGE_PAGES=0.
#include "huge_pages.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <unistd.h>

namespace gunflow::cli {
namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb=1";

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define GUNFLOW_OWN_MALLOC 1  // sanitizers replace malloc: the tunable means nothing
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GUNFLOW_OWN_MALLOC 1
#endif

bool has(const char* text, const char* part) { return text != nullptr && std::strstr(text, part) != nullptr; }

/// Huge pages on request only ("madvise", what glibc's tunable does) or always; not "never".
bool kernel_offers_huge_pages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  return has(modes.c_str(), "[always]") || has(modes.c_str(), "[madvise]");
}

}  // namespace

void restart_with_huge_pages(char** argv) {
#if defined(__GLIBC__) && defined(__linux__) && !defined(GUNFLOW_OWN_MALLOC)
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (has(tunables, "glibc.malloc.hugetlb")) return;   // already set (by us, or by the user: theirs stands)
  if (const char* opt = std::getenv("GUNFLOW_HUGE_PAGES"); opt != nullptr && std::strcmp(opt, "0") == 0) return;
  if (has(std::getenv("LD_PRELOAD"), "vgpreload")) return;  // under valgrind, /proc/self/exe is valgrind
  if (!kernel_offers_huge_pages()) return;
  const std::string value = tunables != nullptr && *tunables != '\0' ? std::string(tunables) + ":" + kTunable : kTunable;
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  // The executable's own path, so the process keeps its name ("gunflow", not "exe") in
  // ps and top; /proc/self/exe if that fails (the file was replaced, say).
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    execv(self, argv);
  }
  execv("/proc/self/exe", argv);
  // Only reached if the restart failed: carry on with ordinary pages.
  if (tunables != nullptr) setenv("GLIBC_TUNABLES", tunables, 1);
  else unsetenv("GLIBC_TUNABLES");
#else
  (void)argv;
#endif
}

}  // namespace gunflow::cli
