#pragma once
// Transparent huge pages for the replication state: see huge_pages.cpp.

namespace gunflow::cli {

/// This program's operator new (huge_pages.cpp) marks malloc's heaps for transparent huge
/// pages (madvise MADV_HUGEPAGE) as they grow. Call once at start-up, after mallopt: it
/// marks the main heap's growth so far and keeps the replacement linked in. Returns false
/// where it does nothing (not glibc, or no MADV_HUGEPAGE).
bool huge_pages_for_heaps();

}  // namespace gunflow::cli
