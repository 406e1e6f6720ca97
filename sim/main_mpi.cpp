// gunflow-mpi: gunflow with MPI ranks. MPI_Init (which may rewrite argv) comes before
// argument parsing; MPI_Finalize runs when the cluster goes out of scope.
#include <memory>

#include "cluster_main.hpp"
#include "huge_pages.hpp"

int main(int argc, char** argv) {
  gunflow::cli::restart_with_huge_pages(argv);  // before MPI_Init: it restarts the process
  const std::unique_ptr<gunflow::Cluster> mpi = gunflow::make_mpi_cluster(&argc, &argv);
  return gunflow::cli::main_entry(argc, argv, *mpi);
}
