#pragma once
// The days a comparison's arms share with its base, simulated once.
//
// Up to the day an arm's policies first act otherwise than the base's, a replication of
// the arm is the base's replication, state for state (model/divergence.hpp). `compare`
// therefore simulates those days once per replication (per thread), keeps a copy, and
// continues each arm from the copy with its own model: the same bits as simulating every
// arm from the first day, for a fraction of the work when policies start late.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "gunflow/core/date.hpp"
#include "gunflow/model/simulation.hpp"

namespace gunflow {

/// Runs the arms of a comparison (models[0] is the base) from one copy of each
/// replication's shared days. Thread-safe for OpenMP teams of up to `threads` threads:
/// each thread keeps its own copy, of the replication it last needed.
class SharedPrefixRunner {
 public:
  SharedPrefixRunner(const std::vector<const Model*>& models, int threads);
  /// Replication `replication` of arm `arm`: identical to models[arm]->run(seed, replication).
  [[nodiscard]] ReplicationResult run(std::size_t arm, std::uint64_t seed, std::uint64_t replication);
  /// The day the shared copy is taken (the warm-up's first day when no arm shares any).
  [[nodiscard]] Date fork_day() const { return fork_day_; }
  /// Whether arm `arm` continues from the shared copy.
  [[nodiscard]] bool forks(std::size_t arm) const { return forks_[arm]; }

 private:
  struct ThreadCopy {
    std::uint64_t seed = 0;
    std::uint64_t replication = 0;
    bool valid = false;
    Replication shared;  ///< the base replication before fork_day_, never stepped further
    Replication work;    ///< reused: copying into it keeps its memory from arm to arm
  };
  ThreadCopy& copy_for(std::uint64_t seed, std::uint64_t replication);

  std::vector<const Model*> models_;
  std::vector<bool> forks_;
  Date fork_day_;
  std::vector<std::unique_ptr<ThreadCopy>> copies_;  ///< by OpenMP thread number
};

/// Into how many groups the `arms` arms of each of `units` units of work (a replication of a
/// comparison, a parameter set of an ensemble) are dealt so that `threads` threads all have
/// work: 1 when there are at least as many units as threads (a thread then simulates a
/// unit's shared days once), at most `arms`.
[[nodiscard]] std::uint64_t arm_groups(std::uint64_t units, std::uint64_t arms, int threads);

}  // namespace gunflow
