#include "gunflow/engine/replication_runner.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <omp.h>

#include "gunflow/core/errors.hpp"

namespace gunflow {

int resolved_threads(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

void require_threads(int threads) {
  // Threads started as OpenMP starts its team (the default stack size), held until all
  // exist so that they are counted together, then released.
  std::vector<std::thread> started;
  std::mutex gate;
  std::unique_lock<std::mutex> hold(gate);
  std::string failure;
  try {
    for (int i = 1; i < threads; ++i) started.emplace_back([&gate] { const std::lock_guard<std::mutex> wait(gate); });
  } catch (const std::system_error& e) {
    failure = e.code().message();
  }
  hold.unlock();
  for (std::thread& t : started) t.join();
  if (!failure.empty())
    throw IoError("--threads " + std::to_string(threads),
                  "cannot start " + std::to_string(threads) + " threads (" + failure + "); run with fewer");
}

RunOutcome run_replications(const std::vector<std::uint64_t>& indices, const ReplicationFn& simulate, int threads,
                            const ProgressFn& progress, const std::atomic<bool>* stop, const ResultSink& sink,
                            Keep keep, int chunk) {
  const std::uint64_t count = indices.size();
  std::vector<std::optional<ReplicationResult>> slots(keep == Keep::kResults ? count : 0);
  std::vector<char> finished(count, 0);
  std::mutex progress_mutex;
  std::uint64_t done = 0;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> failed{false};  // read without the lock; `failure` only under it
  const int n_threads = resolved_threads(threads);
  const auto n = static_cast<std::int64_t>(count);
  chunk = std::max(1, chunk);

#pragma omp parallel for schedule(dynamic, chunk) num_threads(n_threads)
  for (std::int64_t i = 0; i < n; ++i) {
    if ((stop && stop->load()) || failed.load()) continue;
    try {
      ReplicationResult result = simulate(indices[static_cast<std::size_t>(i)]);
      const std::lock_guard lock(progress_mutex);
      if (sink) sink(result);
      if (keep == Keep::kResults) slots[static_cast<std::size_t>(i)] = std::move(result);
      finished[static_cast<std::size_t>(i)] = 1;
      ++done;
      if (progress) progress(done, count);
    } catch (const ReplicationAbandoned&) {
      // not finished: the outcome says interrupted
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true);
    }
  }
  if (failure) std::rethrow_exception(failure);

  RunOutcome out;
  for (auto& slot : slots)
    if (slot) out.results.push_back(std::move(*slot));
  out.interrupted = std::find(finished.begin(), finished.end(), 0) != finished.end();
  sort_by_replication(out.results);
  return out;
}

RunOutcome run_replication_range(std::uint64_t first, std::uint64_t last, const std::vector<std::uint64_t>& skip,
                                 const ReplicationFn& simulate, int threads, const ProgressFn& progress,
                                 const std::atomic<bool>* stop, const ResultSink& sink, int chunk) {
  const auto lo = std::lower_bound(skip.begin(), skip.end(), first);
  const auto hi = std::lower_bound(lo, skip.end(), last);
  const std::uint64_t total = (last > first ? last - first : 0) - static_cast<std::uint64_t>(hi - lo);
  std::uint64_t before = 0;  // finished in earlier blocks
  auto next_skip = lo;
  RunOutcome out;
  std::vector<std::uint64_t> block;
  for (std::uint64_t b = first; b < last && !out.interrupted; b += std::min(kReplicationBlock, last - b)) {
    const std::uint64_t end = b + std::min(kReplicationBlock, last - b);
    block.clear();
    for (std::uint64_t i = b; i < end; ++i) {
      while (next_skip != hi && *next_skip < i) ++next_skip;
      if (next_skip == hi || *next_skip != i) block.push_back(i);
    }
    if (block.empty()) continue;
    const std::uint64_t offset = before;
    const RunOutcome part = run_replications(
        block, simulate, threads,
        [&](std::uint64_t done, std::uint64_t) {
          if (progress) progress(offset + done, total);
        },
        stop, sink, Keep::kNothing, chunk);
    out.interrupted = part.interrupted;
    before += block.size();
  }
  return out;
}

RunOutcome run_replications(std::uint64_t first, std::uint64_t count, const ReplicationFn& simulate, int threads,
                            const ProgressFn& progress, const std::atomic<bool>* stop) {
  std::vector<std::uint64_t> indices(count);
  for (std::uint64_t i = 0; i < count; ++i) indices[i] = first + i;
  return run_replications(indices, simulate, threads, progress, stop);
}

}  // namespace gunflow
