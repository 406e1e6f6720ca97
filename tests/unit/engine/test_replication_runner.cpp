// replication_runner.hpp: results by replication index, whatever the thread count
// (DESIGN.md rules 6 and 13); stop requests and failures.
#include <catch2/catch.hpp>

#include <algorithm>

#include <atomic>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "gunflow/engine/replication_runner.hpp"

using namespace gunflow;

namespace {
// Values depend only on the replication index; the sin() terms make every cell a
// non-trivial double so a mix-up between slots cannot go unnoticed.
ReplicationResult fake(std::uint64_t rep) {
  ReplicationResult r;
  r.replication = rep;
  r.values.resize(3, 2);
  for (Eigen::Index s = 0; s < 3; ++s)
    for (Eigen::Index y = 0; y < 2; ++y)
      r.values(s, y) = std::sin(static_cast<double>(rep) * 1.3 + static_cast<double>(s)) * 1e3 + static_cast<double>(y);
  // Uneven work so dynamic scheduling finishes replications out of order.
  volatile double spin = 0;
  for (std::uint64_t i = 0; i < (rep % 7) * 20000; ++i) spin = spin + 1.0;
  return r;
}

bool same(const std::vector<ReplicationResult>& a, const std::vector<ReplicationResult>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].replication != b[i].replication || !(a[i].values == b[i].values).all()) return false;
  return true;
}
}  // namespace

TEST_CASE("run_replications returns results in index order for any thread count", "[engine][runner]") {
  constexpr std::uint64_t kFirst = 10, kCount = 37;
  const RunOutcome serial = run_replications(kFirst, kCount, fake, 1, nullptr, nullptr);
  CHECK_FALSE(serial.interrupted);
  REQUIRE(serial.results.size() == kCount);
  for (std::uint64_t i = 0; i < kCount; ++i) {
    CHECK(serial.results[i].replication == kFirst + i);
    CHECK((serial.results[i].values == fake(kFirst + i).values).all());
  }
  for (int threads : {2, 4, 8}) {
    INFO("threads " << threads);
    const RunOutcome par = run_replications(kFirst, kCount, fake, threads, nullptr, nullptr);
    CHECK_FALSE(par.interrupted);
    CHECK(same(par.results, serial.results));
  }
}

TEST_CASE("run_replications reports progress once per replication", "[engine][runner]") {
  std::vector<std::uint64_t> seen;
  std::uint64_t total_seen = 0;
  const ProgressFn progress = [&](std::uint64_t done, std::uint64_t total) {
    seen.push_back(done);  // the runner serialises calls, so no lock here
    total_seen = total;
  };
  (void)run_replications(0, 20, fake, 4, progress, nullptr);
  REQUIRE(seen.size() == 20);
  CHECK(total_seen == 20);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i + 1);
}

TEST_CASE("run_replications honours a stop request", "[engine][runner]") {
  SECTION("already set: nothing runs") {
    std::atomic<bool> stop{true};
    std::atomic<int> calls{0};
    const ReplicationFn counting = [&](std::uint64_t rep) {
      ++calls;
      return fake(rep);
    };
    const RunOutcome out = run_replications(0, 16, counting, 4, nullptr, &stop);
    CHECK(out.results.empty());
    CHECK(out.interrupted);
    CHECK(calls == 0);
  }
  SECTION("set during the run: finished replications are kept, in order") {
    std::atomic<bool> stop{false};
    const ReplicationFn stop_after_3 = [&](std::uint64_t rep) {
      if (rep == 3) stop = true;  // this one is already running: it finishes and is kept
      return fake(rep);
    };
    const RunOutcome out = run_replications(0, 16, stop_after_3, 1, nullptr, &stop);
    CHECK(out.interrupted);
    REQUIRE(out.results.size() == 4);
    for (std::uint64_t i = 0; i < 4; ++i) CHECK(out.results[i].replication == i);
  }
  SECTION("no stop flag and an empty range") {
    const RunOutcome out = run_replications(5, 0, fake, 2, nullptr, nullptr);
    CHECK(out.results.empty());
    CHECK_FALSE(out.interrupted);
  }
}

TEST_CASE("An exception in one replication propagates", "[engine][runner]") {
  const ReplicationFn failing = [](std::uint64_t rep) {
    if (rep == 5) throw std::runtime_error("replication 5 failed");
    return fake(rep);
  };
  for (int threads : {1, 4}) {
    INFO("threads " << threads);
    CHECK_THROWS_WITH(run_replications(0, 12, failing, threads, nullptr, nullptr), "replication 5 failed");
  }
}

TEST_CASE("run_replications with Keep::kNothing hands every result to the sink and keeps none", "[engine][runner]") {
  const ReplicationFn fake = [](std::uint64_t rep) {
    ReplicationResult r;
    r.replication = rep;
    r.values = Eigen::ArrayXXd::Constant(2, 2, static_cast<double>(rep));
    return r;
  };
  std::vector<std::uint64_t> sunk;
  const std::vector<std::uint64_t> indices = {3, 1, 4, 5, 9, 2, 6};
  const RunOutcome out = run_replications(
      indices, fake, 2, nullptr, nullptr, [&](const ReplicationResult& r) { sunk.push_back(r.replication); },
      Keep::kNothing);
  CHECK(out.results.empty());
  CHECK_FALSE(out.interrupted);  // all finished, none kept
  std::sort(sunk.begin(), sunk.end());
  CHECK(sunk == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 9});
}

TEST_CASE("run_replication_range runs what is not skipped, block by block, to the sink", "[engine]") {
  const std::uint64_t first = 5, last = 5 + 2 * kReplicationBlock + 17;
  const std::vector<std::uint64_t> skip = {1, 5, 6, 100, kReplicationBlock + 3, last, last + 9};  // some outside
  std::vector<char> seen(last, 0);
  std::mutex m;
  std::uint64_t calls = 0, last_done = 0, last_total = 0;
  const RunOutcome out = run_replication_range(
      first, last, skip,
      [](std::uint64_t rep) {
        ReplicationResult r;
        r.replication = rep;
        return r;
      },
      2,
      [&](std::uint64_t done, std::uint64_t total) {
        CHECK(done > last_done);
        last_done = done;
        last_total = total;
      },
      nullptr,
      [&](const ReplicationResult& r) {
        const std::lock_guard lock(m);
        ++seen[r.replication];
        ++calls;
      });
  CHECK_FALSE(out.interrupted);
  CHECK(out.results.empty());                         // results go to the sink only
  const std::uint64_t expected = (last - first) - 4;  // 5, 6, 100 and kReplicationBlock + 3
  CHECK(calls == expected);
  CHECK(last_done == expected);
  CHECK(last_total == expected);
  for (std::uint64_t i = 0; i < last; ++i) {
    const bool skipped = i < first || std::find(skip.begin(), skip.end(), i) != skip.end();
    CHECK(seen[i] == (skipped ? 0 : 1));
  }
}

TEST_CASE("run_replication_range stops between blocks and replications", "[engine]") {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> ran{0};
  const RunOutcome out = run_replication_range(
      0, 10 * kReplicationBlock, {},
      [&](std::uint64_t rep) {
        if (ran.fetch_add(1) == 100) stop.store(true);
        ReplicationResult r;
        r.replication = rep;
        return r;
      },
      1, nullptr, &stop, [](const ReplicationResult&) {});
  CHECK(out.interrupted);
  CHECK(ran.load() <= 102);
}

TEST_CASE("a replication abandoned after a stop counts as interrupted, not failed", "[engine]") {
  std::atomic<bool> stop{false};
  const RunOutcome out = run_replications(
      std::vector<std::uint64_t>{0, 1, 2},
      [&](std::uint64_t rep) -> ReplicationResult {
        if (rep == 1) {
          stop.store(true);
          throw ReplicationAbandoned{};
        }
        return fake(rep);
      },
      1, nullptr, &stop);
  CHECK(out.interrupted);
  REQUIRE(out.results.size() == 1);
  CHECK(out.results[0].replication == 0);
}
