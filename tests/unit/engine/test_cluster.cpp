// cluster.hpp: the single-process cluster every job uses without MPI.
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/engine/cluster.hpp"

using namespace gunflow;

TEST_CASE("single_process is rank 0 of 1 and one shared object", "[engine][cluster]") {
  Cluster& c = single_process();
  CHECK(c.rank() == 0);
  CHECK(c.size() == 1);
  CHECK(&c == &single_process());
}

TEST_CASE("single_process: gather returns this process's results in order, and any is the flag itself",
          "[engine][cluster]") {
  Cluster& c = single_process();
  std::vector<ReplicationResult> local(3);
  for (std::uint64_t i = 0; i < 3; ++i) {
    local[i].replication = 10 + i;
    local[i].values = Eigen::ArrayXXd::Constant(2, 1, static_cast<double>(i));
  }
  const std::vector<ReplicationResult> all = c.gather(local, 2, 1);
  REQUIRE(all.size() == 3);
  for (std::uint64_t i = 0; i < 3; ++i) {
    CHECK(all[i].replication == 10 + i);
    CHECK(all[i].values(1, 0) == static_cast<double>(i));
  }
  CHECK(c.any(true));
  CHECK_FALSE(c.any(false));
}
