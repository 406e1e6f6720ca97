#pragma once
// The demo's runs: a queue served by a fixed number of workers, so a class can run at
// once — each browser follows its own run by an unguessable id, sees its place in the
// queue, and runs in parallel up to the number of workers (each with its share of the
// cores). Knows nothing of HTTP or of what a run does.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gunflow::cli {

/// What a browser sees of its run.
struct JobStatus {
  std::string state;         ///< queued, running, done, error, unknown
  std::size_t position = 0;  ///< while queued: 1 = next to start
  std::uint64_t done = 0, total = 0;
  std::string error;        ///< a message for the page (no server paths)
  std::string result_html;  ///< when done
};

class JobQueue {
 public:
  /// work(progress) runs one job and returns its result HTML; it throws with a message for
  /// the page. progress(done, total) may be called from any thread.
  using Progress = std::function<void(std::uint64_t, std::uint64_t)>;
  using Work = std::function<std::string(const Progress&)>;

  JobQueue(std::size_t workers, std::size_t max_waiting);
  ~JobQueue();  ///< lets running jobs finish; queued ones are dropped
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  /// Queues a job; returns its id, or "" when max_waiting jobs already wait.
  std::string submit(std::uint64_t total, Work work);
  [[nodiscard]] JobStatus status(const std::string& id) const;
  /// Whether submit would refuse a job now (max_waiting jobs wait).
  [[nodiscard]] bool full() const;
  [[nodiscard]] std::size_t workers() const { return threads_.size(); }

 private:
  void serve();
  struct Entry {
    JobStatus status;
    Work work;
  };
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Entry> jobs_;
  std::deque<std::string> waiting_, finished_;
  std::size_t max_waiting_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gunflow::cli
