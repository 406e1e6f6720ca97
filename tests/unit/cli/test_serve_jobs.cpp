// serve_jobs.hpp: the demo's run queue. Jobs beyond the workers wait with their place
// shown, run in submission order, report progress and errors to their own id only, and
// a full queue refuses new jobs instead of growing without bound.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "serve_jobs.hpp"

using namespace gunflow::cli;

namespace {
// Waits (bounded: 10 s) until `done` holds.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}
}  // namespace

TEST_CASE("job queue: one worker runs jobs in order, the others wait with their place", "[cli][serve_jobs]") {
  std::atomic<bool> release{false};
  JobQueue queue(1, 10);
  const auto blocking = [&](const JobQueue::Progress& progress) {
    progress(1, 4);
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return std::string("<p>first</p>");
  };
  const std::string first = queue.submit(4, blocking);
  REQUIRE(eventually([&] { return queue.status(first).state == "running"; }));
  const std::string second = queue.submit(2, [](const JobQueue::Progress&) { return std::string("<p>second</p>"); });
  const std::string third = queue.submit(2, [](const JobQueue::Progress&) -> std::string {
    throw std::runtime_error("policies.x.rate: must be at most 1");
  });
  CHECK(first != second);
  CHECK(first.size() == 32);  // 128 random bits: another browser cannot guess it
  CHECK(queue.status(second).state == "queued");
  CHECK(queue.status(second).position == 1);
  CHECK(queue.status(third).position == 2);
  CHECK(queue.status(first).done == 1);
  CHECK(queue.status(first).total == 4);
  release.store(true);
  REQUIRE(eventually([&] { return queue.status(third).state == "error"; }));
  CHECK(queue.status(first).result_html == "<p>first</p>");
  CHECK(queue.status(second).result_html == "<p>second</p>");
  CHECK(queue.status(third).error == "policies.x.rate: must be at most 1");
  CHECK(queue.status("no-such-id").state == "unknown");
}

TEST_CASE("job queue: several workers run jobs at the same time", "[cli][serve_jobs]") {
  std::atomic<int> running{0}, most{0};
  JobQueue queue(3, 10);
  const auto job = [&](const JobQueue::Progress&) {
    const int now = ++running;
    for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    --running;
    return std::string("ok");
  };
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(queue.submit(1, job));
  REQUIRE(eventually([&] {
    for (const auto& id : ids)
      if (queue.status(id).state != "done") return false;
    return true;
  }));
  CHECK(most.load() == 3);
  CHECK(queue.workers() == 3);
}

TEST_CASE("job queue: a full queue refuses more jobs", "[cli][serve_jobs]") {
  std::atomic<bool> release{false};
  JobQueue queue(1, 2);
  const auto blocking = [&](const JobQueue::Progress&) {
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return std::string();
  };
  const std::string running = queue.submit(1, blocking);
  REQUIRE(eventually([&] { return queue.status(running).state == "running"; }));
  CHECK_FALSE(queue.submit(1, blocking).empty());
  CHECK_FALSE(queue.submit(1, blocking).empty());
  CHECK(queue.submit(1, blocking).empty());  // two already wait
  release.store(true);
}
