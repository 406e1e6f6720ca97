#include "serve_jobs.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <random>

namespace gunflow::cli {
namespace {
constexpr std::size_t kKeptFinished = 500;  // results kept for browsers that come back

std::string new_id() {
  static std::random_device device;
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(device()));
    id += part;
  }
  return id;
}
}  // namespace

JobQueue::JobQueue(std::size_t workers, std::size_t max_waiting) : max_waiting_(max_waiting) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, workers); ++i) threads_.emplace_back([this] { serve(); });
}

JobQueue::~JobQueue() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

std::string JobQueue::submit(std::uint64_t total, Work work) {
  const std::lock_guard lock(mutex_);
  if (waiting_.size() >= max_waiting_) return "";
  std::string id = new_id();
  while (jobs_.count(id)) id = new_id();
  Entry e;
  e.status.state = "queued";
  e.status.total = total;
  e.work = std::move(work);
  jobs_.emplace(id, std::move(e));
  waiting_.push_back(id);
  wake_.notify_one();
  return id;
}

bool JobQueue::full() const {
  const std::lock_guard lock(mutex_);
  return waiting_.size() >= max_waiting_;
}

JobStatus JobQueue::status(const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return {"unknown", 0, 0, 0, "no such run (the server keeps the last 500)", ""};
  JobStatus s = it->second.status;
  if (s.state == "queued")
    s.position = static_cast<std::size_t>(std::find(waiting_.begin(), waiting_.end(), id) - waiting_.begin()) + 1;
  return s;
}

void JobQueue::serve() {
  for (;;) {
    std::string id;
    Work work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      id = waiting_.front();
      waiting_.pop_front();
      Entry& e = jobs_.at(id);
      e.status.state = "running";
      work = std::move(e.work);
    }
    const Progress progress = [this, id](std::uint64_t done, std::uint64_t total) {
      const std::lock_guard lock(mutex_);
      JobStatus& s = jobs_.at(id).status;
      s.done = done;
      s.total = total;
    };
    std::string html, error;
    try {
      html = work(progress);
    } catch (const std::exception& e) {
      error = e.what();
    }
    const std::lock_guard lock(mutex_);
    JobStatus& s = jobs_.at(id).status;
    s.state = error.empty() ? "done" : "error";
    s.error = error;
    s.result_html = std::move(html);
    finished_.push_back(id);
    if (finished_.size() > kKeptFinished) {
      jobs_.erase(finished_.front());
      finished_.pop_front();
    }
  }
}

}  // namespace gunflow::cli
