#pragma once
// Asking the memory system early for data a loop will soon write. The model's daily
// loop over due networks is bound by cache misses on scattered records, not by
// arithmetic; fetching the next ones while one acts hides most of that wait. This is the
// one place that names the compiler built-in, so model code says what, not how.
//
// Why the empty asm: GCC treats __builtin_prefetch as free of side effects, so a helper
// whose only work is prefetching (prefetch_due, an alias table's prefetch) is inferred to
// be a const function, and its calls, returning nothing, are deleted as dead code before
// they can be inlined. GCC 12 -O3 did exactly that to every prefetch of the daily loop.
// A volatile asm that takes the address counts as a side effect, so the calls stay; it
// emits no instruction of its own and clobbers nothing. tests/integration/prefetch_kept.sh
// (ctest prefetch_kept) checks the executable's daily loop for prefetch instructions.
#include <cstddef>
#include <cstdint>

namespace gunflow {

namespace detail {
inline void keep_prefetch(const void* p) {
#if defined(__GNUC__)
  __asm__ volatile("" : : "r"(p));
#else
  (void)p;
#endif
}
}  // namespace detail

/// Starts fetching the cache line of p for reading; no effect on results.
inline void prefetch_for_read(const void* p) {
  __builtin_prefetch(p, 0);
  detail::keep_prefetch(p);
}

/// Starts fetching every cache line that [p, p + bytes) touches, for writing; no effect on
/// results. The first line is the one holding p, which need not be line-aligned.
inline void prefetch_for_write(const void* p, std::size_t bytes = 1) {
  constexpr std::uintptr_t kLine = 64;
  const auto first = reinterpret_cast<std::uintptr_t>(p) & ~(kLine - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(p) + (bytes == 0 ? 1 : bytes);
  for (std::uintptr_t at = first; at < end; at += kLine) __builtin_prefetch(reinterpret_cast<const void*>(at), 1);
  detail::keep_prefetch(p);
}

}  // namespace gunflow
