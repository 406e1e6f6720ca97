#pragma once
// Where replications run across processes. One process is the default; the MPI
// executable (gunflow-mpi) provides ranks that each take a contiguous block of the work
// and gather their results to rank 0, which reduces them in replication order and writes
// every output. Model code never sees this.
#include <cstdint>
#include <memory>
#include <vector>

#include "gunflow/tally/layout.hpp"

namespace gunflow {

class Cluster {
 public:
  virtual ~Cluster() = default;
  [[nodiscard]] virtual int rank() const { return 0; }
  [[nodiscard]] virtual int size() const { return 1; }
  /// Collective: every rank passes its results; rank 0 gets all of them (in rank
  /// order), other ranks get an empty vector.
  virtual std::vector<ReplicationResult> gather(std::vector<ReplicationResult> local, std::uint64_t n_series,
                                                std::uint64_t n_years) {
    (void)n_series;
    (void)n_years;
    return local;
  }
  /// Collective: true on every rank if any rank passes true.
  virtual bool any(bool flag) { return flag; }
};

/// The single-process cluster.
Cluster& single_process();

/// MPI_Init on construction, MPI_Finalize on destruction (one per program, in main).
/// Defined in the gunflow_mpi library (sim/engine/mpi_cluster.cpp), which only
/// gunflow-mpi links; gunflow_core itself never depends on MPI.
std::unique_ptr<Cluster> make_mpi_cluster(int* argc, char*** argv);

}  // namespace gunflow
