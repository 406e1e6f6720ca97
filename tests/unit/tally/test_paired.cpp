// paired.hpp: differences replication by replication.
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>

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

TEST_CASE("compare_paired_blocked: every budget gives each cell's paired summaries, bit for bit", "[tally][paired]") {
  MetricLayout layout;
  layout.set_years(2010, 3);
  for (int s = 0; s < 5; ++s) layout.add("m" + std::to_string(s));
  std::vector<ReplicationResult> base(11), policy(11);
  std::uint64_t x = 777;
  auto awkward = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(x >> 11) * 0x1.0p-40 - 1000.0;
  };
  for (std::size_t r = 0; r < base.size(); ++r) {
    base[r].replication = policy[r].replication = r;
    base[r].values.resize(5, 3);
    policy[r].values.resize(5, 3);
    for (Eigen::Index i = 0; i < 15; ++i) {
      base[r].values.data()[i] = awkward();
      policy[r].values.data()[i] = awkward();
    }
  }
  auto reader = [](const std::vector<ReplicationResult>& arm) -> CellReader {
    return [&arm](std::size_t i, std::size_t first, std::size_t count, double* out) {
      std::memcpy(out, arm[i].values.data() + first, count * sizeof(double));
    };
  };
  auto same_bits = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
  for (std::size_t budget : {std::size_t{0}, 2 * sizeof(double) * 11 * 4, std::size_t{1} << 30}) {
    INFO("budget " << budget << " bytes");
    const PairedTable t = compare_paired_blocked(layout, base.size(), reader(base), reader(policy), budget);
    for (std::size_t s = 0; s < 5; ++s) {
      for (int y = 0; y < 3; ++y) {
        // Expected, cell by cell, straight from the results (series s, year y).
        std::vector<double> b, p, d;
        for (std::size_t r = 0; r < base.size(); ++r) {
          b.push_back(base[r].values(static_cast<Eigen::Index>(s), y));
          p.push_back(policy[r].values(static_cast<Eigen::Index>(s), y));
          d.push_back(p.back() - b.back());
        }
        const PairedCell& c = t.at(s, y);
        REQUIRE(same_bits(c.base.mean, summarize(b).mean));
        REQUIRE(same_bits(c.scenario.q50, summarize(p).q50));
        REQUIRE(same_bits(c.difference.mean, summarize(d).mean));
        REQUIRE(same_bits(c.difference.ci_high, summarize(d).ci_high));
      }
    }
  }
}

TEST_CASE("require_finite refuses a comparison holding NaN or inf", "[tally][paired][hardening]") {
  MetricLayout layout;
  layout.set_years(2010, 1);
  layout.add("homicides");
  PairedTable t{layout, std::vector<PairedCell>(1)};
  CHECK_NOTHROW(require_finite(t));
  t.cells[0].percent_high = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(require_finite(t), Catch::Contains("metric homicides, year 2010: a percentage change is -inf"));
}
