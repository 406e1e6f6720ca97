// run_plan.hpp: the contiguous block of replications each shard (or MPI rank) runs.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "gunflow/engine/run_plan.hpp"

using gunflow::shard_range;

TEST_CASE("shard_range gives contiguous blocks that differ in size by at most one", "[engine][run_plan]") {
  // 10 over 3: the first 10 % 3 = 1 shard takes the extra replication.
  CHECK(shard_range(10, 0, 3) == std::pair<std::uint64_t, std::uint64_t>{0, 4});
  CHECK(shard_range(10, 1, 3) == std::pair<std::uint64_t, std::uint64_t>{4, 7});
  CHECK(shard_range(10, 2, 3) == std::pair<std::uint64_t, std::uint64_t>{7, 10});
  // One shard runs everything.
  CHECK(shard_range(7, 0, 1) == std::pair<std::uint64_t, std::uint64_t>{0, 7});
}

TEST_CASE("shard_range: more shards than replications leaves the last ones empty", "[engine][run_plan]") {
  CHECK(shard_range(2, 0, 4) == std::pair<std::uint64_t, std::uint64_t>{0, 1});
  CHECK(shard_range(2, 1, 4) == std::pair<std::uint64_t, std::uint64_t>{1, 2});
  CHECK(shard_range(2, 2, 4) == std::pair<std::uint64_t, std::uint64_t>{2, 2});
  CHECK(shard_range(2, 3, 4) == std::pair<std::uint64_t, std::uint64_t>{2, 2});
}

TEST_CASE("shard_range: the shards cover every replication exactly once", "[engine][run_plan]") {
  for (std::uint64_t n : {0, 1, 5, 17, 100, 1001})
    for (std::uint64_t count : {1, 2, 3, 7, 16}) {
      INFO(n << " replications over " << count << " shards");
      std::uint64_t next = 0, smallest = n, largest = 0;
      for (std::uint64_t i = 0; i < count; ++i) {
        const auto [first, last] = shard_range(n, i, count);
        REQUIRE(first == next);  // contiguous, in shard order
        REQUIRE(last >= first);
        smallest = std::min(smallest, last - first);
        largest = std::max(largest, last - first);
        next = last;
      }
      CHECK(next == n);
      CHECK(largest - smallest <= 1);
    }
}

TEST_CASE("RunPlan and ExecutionConfig defaults: 20 replications of seed 1, no force, no resume, one shard",
          "[engine][run_plan]") {
  const gunflow::RunPlan plan;
  CHECK(plan.seed == 1);
  CHECK(plan.replications == 20);
  const gunflow::ExecutionConfig cfg;
  CHECK(cfg.threads == 0);
  CHECK_FALSE(cfg.force);
  CHECK_FALSE(cfg.resume);
  CHECK(cfg.shard_index == 0);
  CHECK(cfg.shard_count == 1);
}
