// gunflow-mpi: gunflow with MPI ranks. MPI_Init (which may rewrite argv) comes before
// argument parsing; MPI_Finalize runs when the cluster goes out of scope.
#include <memory>

#include "cluster_main.hpp"

int main(int argc, char** argv) {
  const std::unique_ptr<gunflow::Cluster> mpi = gunflow::make_mpi_cluster(&argc, &argv);
  return gunflow::cli::main_entry(argc, argv, *mpi);
}
