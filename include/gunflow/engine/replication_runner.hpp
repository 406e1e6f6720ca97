#pragma once
// Runs replications in parallel. The unit of work is one replication; each one
// writes only its own slot, so results never depend on scheduling or thread count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "gunflow/tally/layout.hpp"

namespace gunflow {

using ReplicationFn = std::function<ReplicationResult(std::uint64_t replication)>;
/// Called after each finished replication with (finished, total); serialised by the runner.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct RunOutcome {
  std::vector<ReplicationResult> results;  ///< finished replications, in replication order
  bool interrupted = false;                ///< a stop was requested before all finished
};

/// The thread count a request means: `requested` if positive, else the OpenMP default.
int resolved_threads(int requested);
/// Checks, before any output exists, that `threads` threads can be started: OpenMP's
/// runtime (libgomp) ends the process with exit 1 when it cannot create one, in the middle
/// of a job, leaving a checkpoint behind. Throws IoError naming the thread count and the
/// system's reason instead.
void require_threads(int threads);

/// Thrown by a replication function that gives up part-way because a stop was
/// requested (a sweep point between its replications): the runner counts the item as not
/// finished — the run is interrupted — instead of as a failure.
struct ReplicationAbandoned {};

/// Called with each finished result, serialised by the runner (e.g. a checkpoint append).
using ResultSink = std::function<void(const ReplicationResult&)>;

/// Whether finished results stay in memory, or only go to the sink (a checkpoint that
/// the outputs are later read from: memory then does not grow with the batch).
enum class Keep { kResults, kNothing };

/// Runs `simulate(i)` for each listed replication index with OpenMP
/// (`schedule(dynamic, chunk)`: a thread takes `chunk` consecutive indices at a time);
/// results come back sorted by index. When `stop` becomes true, replications not yet
/// started are skipped; those already running finish and are kept.
RunOutcome run_replications(const std::vector<std::uint64_t>& indices, const ReplicationFn& simulate, int threads,
                            const ProgressFn& progress, const std::atomic<bool>* stop, const ResultSink& sink = nullptr,
                            Keep keep = Keep::kResults, int chunk = 1);
/// Runs every index of [first, last) not in `skip` (ascending), results to `sink` only,
/// a fixed block of indices at a time: memory does not grow with the size of the range
/// (a requested -n of 10^7 costs what 10^4 does). Progress counts over the whole range;
/// `chunk` as for run_replications.
RunOutcome run_replication_range(std::uint64_t first, std::uint64_t last, const std::vector<std::uint64_t>& skip,
                                 const ReplicationFn& simulate, int threads, const ProgressFn& progress,
                                 const std::atomic<bool>* stop, const ResultSink& sink, int chunk = 1);
/// Indices per block of run_replication_range.
inline constexpr std::uint64_t kReplicationBlock = 16384;
/// The same for the contiguous block first..first+count-1.
RunOutcome run_replications(std::uint64_t first, std::uint64_t count, const ReplicationFn& simulate, int threads,
                            const ProgressFn& progress, const std::atomic<bool>* stop);

}  // namespace gunflow
