// Why: the replication state (arsenal lots, dealer tables, network and buyer state) is
// tens of MB read at random, so TLB misses cost more than the arithmetic; on 2 MB
// transparent huge pages they mostly go. A kernel in "madvise" mode (this development
// host's, and a common default) gives huge pages only to memory marked MADV_HUGEPAGE, and
// glibc marks its heaps only when a tunable is in the environment at start-up (gunflow used
// to restart itself to set it: docs/performance.md). Instead, the program's operator new marks them: the main
// heap's new part each time it has grown (malloc grows it by at least M_TOP_PAD, set large
// in commands.cpp, so the part is still untouched), and the whole of each other thread's
// heap the first time a block comes from it (glibc reserves those 64 MB at a time, aligned
// to their size, and commits them as they grow). Results do not depend on it (memory
// layout never reaches the model): tested in tests/integration/cli_end_to_end.sh. A mark
// is only a hint; one that lands on a block malloc mapped on its own (256 MB or more, see
// M_MMAP_THRESHOLD) or on nothing changes nothing that matters.
#include "huge_pages.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

// A sanitizer brings its own allocator and its own operator new and delete; replacing new
// alone there makes every delete a mismatch (ASan's alloc-dealloc-mismatch).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GUNFLOW_SANITIZED_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define GUNFLOW_SANITIZED_ALLOCATOR 1
#endif
#endif

namespace gunflow::cli {

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(GUNFLOW_SANITIZED_ALLOCATOR)
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;  // glibc's HEAP_MAX_SIZE on 64-bit
std::atomic<std::uintptr_t> marked_up_to{0};                      // the main heap below this is marked

void advise(std::uintptr_t begin, std::uintptr_t end) {
  (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint: errors change nothing
}

/// The main heap (brk): from the last mark, rounded down to a huge page, to its top.
void mark_main_heap_growth(std::uintptr_t top) {
  std::uintptr_t from = marked_up_to.load(std::memory_order_relaxed);
  if (top <= from || !marked_up_to.compare_exchange_strong(from, top)) return;
  if (from == 0) from = top;  // the first call: the start-up heap is already touched
  advise(from & ~(kHugePage - 1), top);
}

/// A thread's heap: all of it, once (a few remembered per thread).
void mark_thread_heap(std::uintptr_t block) {
  thread_local std::array<std::uintptr_t, 8> marked{};
  thread_local std::size_t next = 0;
  const std::uintptr_t heap = block & ~(kThreadHeap - 1);
  for (const std::uintptr_t h : marked)
    if (h == heap) return;
  marked[next++ % marked.size()] = heap;
  advise(heap, heap + kThreadHeap);
}

void* allocate(std::size_t size) {
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block == nullptr) throw std::bad_alloc();
  const auto address = reinterpret_cast<std::uintptr_t>(block);
  const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));  // glibc: reads a variable, no system call
  if (address < top)
    mark_main_heap_growth(top);
  else
    mark_thread_heap(address);
  return block;
}

}  // namespace

bool huge_pages_for_heaps() {
  mark_main_heap_growth(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  return true;
}

}  // namespace gunflow::cli

// Replacements of the global allocation functions ([new.delete.single]); the default
// operator delete frees with std::free, which matches.
void* operator new(std::size_t size) { return gunflow::cli::allocate(size); }
void* operator new[](std::size_t size) { return gunflow::cli::allocate(size); }

#else  // another C library, or a sanitizer's allocator: the default operator new, ordinary pages

bool huge_pages_for_heaps() { return false; }

}  // namespace gunflow::cli
#endif
