#pragma once
// Asking the memory system early for data a loop will soon write. The model's daily
// loop over due networks is bound by cache misses on scattered records, not by
// arithmetic; fetching the next ones while one acts hides most of that wait. This is the
// one place that names the compiler built-in, so model code says what, not how.
#include <cstddef>

namespace gunflow {

/// Starts fetching the cache line of p for reading; no effect on results.
inline void prefetch_for_read(const void* p) { __builtin_prefetch(p, 0); }
/// Starts fetching the cache lines of [p, p + bytes) for writing; no effect on results.
inline void prefetch_for_write(const void* p, std::size_t bytes = 1) {
  for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(static_cast<const char*>(p) + at, 1);
}

}  // namespace gunflow
