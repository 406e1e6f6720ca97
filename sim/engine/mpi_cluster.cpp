// MPI implementation of Cluster: the gunflow_mpi library, linked only by gunflow-mpi.
// Results travel as doubles: [replication, values (column-major)] per record; replication
// indices are below 2^53, so the conversion is exact. No MPI_Reduce on floating point: rank 0
// reduces the gathered results in replication order, like a single process.
#include <mpi.h>

#include <cstring>
#include <stdexcept>

#include "gunflow/engine/cluster.hpp"

namespace gunflow {
namespace {
class MpiCluster final : public Cluster {
 public:
  MpiCluster(int* argc, char*** argv) {
    int provided = 0;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);  // OpenMP threads never call MPI
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiCluster() override { MPI_Finalize(); }
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }

  std::vector<ReplicationResult> gather(std::vector<ReplicationResult> local, std::uint64_t n_series,
                                        std::uint64_t n_years) override {
    const std::size_t record = 1 + n_series * n_years;
    std::vector<double> send(local.size() * record);
    for (std::size_t i = 0; i < local.size(); ++i) {
      send[i * record] = static_cast<double>(local[i].replication);
      std::memcpy(&send[i * record + 1], local[i].values.data(), (record - 1) * sizeof(double));
    }
    int count = static_cast<int>(send.size());
    std::vector<int> counts(static_cast<std::size_t>(size_)), offsets(static_cast<std::size_t>(size_));
    MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<double> all;
    if (rank_ == 0) {
      std::size_t total = 0;
      for (int r = 0; r < size_; ++r) {
        offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
        total += static_cast<std::size_t>(counts[static_cast<std::size_t>(r)]);
      }
      all.resize(total);
    }
    MPI_Gatherv(send.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0,
                MPI_COMM_WORLD);
    std::vector<ReplicationResult> out;
    for (std::size_t at = 0; at + record <= all.size(); at += record) {
      ReplicationResult r;
      r.replication = static_cast<std::uint64_t>(all[at]);
      r.values.resize(static_cast<Eigen::Index>(n_series), static_cast<Eigen::Index>(n_years));
      std::memcpy(r.values.data(), &all[at + 1], (record - 1) * sizeof(double));
      out.push_back(std::move(r));
    }
    return out;
  }

  bool any(bool flag) override {
    int local = flag ? 1 : 0, global = 0;
    MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return global != 0;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};
}  // namespace

std::unique_ptr<Cluster> make_mpi_cluster(int* argc, char*** argv) { return std::make_unique<MpiCluster>(argc, argv); }

}  // namespace gunflow
