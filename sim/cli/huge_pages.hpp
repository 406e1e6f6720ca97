#pragma once
// Transparent huge pages for the replication state: see huge_pages.cpp.

namespace gunflow::cli {

/// If glibc's malloc is not yet told to use transparent huge pages, restarts this
/// program (same arguments, same process) with GLIBC_TUNABLES=glibc.malloc.hugetlb=1
/// added to its environment; returns if nothing is to be done or the restart fails.
/// Call first thing in main, before MPI_Init. GUNFLOW_HUGE_PAGES=0 turns it off.
void restart_with_huge_pages(char** argv);

}  // namespace gunflow::cli
