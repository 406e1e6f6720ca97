// paired.hpp: differences replication by replication.
#include <catch2/catch.hpp>

#include "gunflow/tally/paired.hpp"

using namespace gunflow;

namespace {
ReplicationResult result(std::uint64_t rep, double value) {
  ReplicationResult r;
  r.replication = rep;
  r.values = Eigen::ArrayXXd::Constant(1, 1, value);
  return r;
}
}  // namespace

TEST_CASE("paired differences cancel the noise both arms share", "[tally][paired]") {
  MetricLayout layout({{"flow", ""}}, 2010, 1);
  // Shared noise ±100 per replication, a constant effect of +5.
  std::vector<ReplicationResult> base, policy;
  const double noise[] = {100, -80, 40, -60, 0, 90};
  for (std::uint64_t r = 0; r < 6; ++r) {
    base.push_back(result(r, 1000 + noise[r]));
    policy.push_back(result(r, 1005 + noise[r]));
  }
  const PairedTable t = compare_paired(layout, base, policy);
  const PairedCell& c = t.at(0, 0);
  CHECK(c.difference.mean == Approx(5.0));
  CHECK(c.difference.sd == Approx(0.0).margin(1e-12));
  CHECK(c.difference.ci_low == Approx(5.0));
  CHECK(c.base.sd > 50);  // the unpaired arms are noisy
  CHECK(c.percent == Approx(100.0 * 5.0 / c.base.mean));
}

TEST_CASE("unpaired inputs are refused", "[tally][paired]") {
  MetricLayout layout({{"flow", ""}}, 2010, 1);
  std::vector<ReplicationResult> base{result(0, 1), result(1, 2)}, other{result(0, 1), result(2, 2)};
  CHECK_THROWS_AS(compare_paired(layout, base, other), std::invalid_argument);
  CHECK_THROWS_AS(compare_paired(layout, base, {result(0, 1)}), std::invalid_argument);
}
