// cumulative_table.hpp: the guide table must not change a single draw — every draw
// equals categorical_cumulative's on the same stream, for tables with zero weights,
// ties, one entry and very uneven weights.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "gunflow/rng/cumulative_table.hpp"
#include "gunflow/rng/distributions.hpp"

using namespace gunflow;

namespace {
Rng make(std::uint64_t entity) { return Rng(4242, StreamId::kSelfTest, 1, entity, 0); }
}  // namespace

TEST_CASE("CumulativeTable draws exactly what categorical_cumulative draws", "[rng][cumulative_table]") {
  Rng shape = make(999);
  for (std::size_t n : {1u, 2u, 3u, 7u, 16u, 100u, 1000u}) {
    for (int variant = 0; variant < 4; ++variant) {
      std::vector<double> weights(n);
      for (double& w : weights) {
        const double u = shape.uniform();
        // Variants: all equal; many zeros; very uneven; dealer-like (1 or 3, some 0).
        w = variant == 0 ? 1.0 : variant == 1 ? (u < 0.6 ? 0.0 : u) : variant == 2 ? u * u * u * u * 1e6
                                                                                   : (u < 0.1 ? 0.0 : u < 0.2 ? 3.0 : 1.0);
      }
      weights.back() += 1.0;  // a positive total
      CumulativeTable table;
      table.assign(weights);
      REQUIRE_FALSE(table.empty());
      REQUIRE(table.cumulative().size() == n);
      INFO(n << " entries, variant " << variant);
      for (std::uint64_t i = 0; i < 3000; ++i) {
        Rng a = make(i), b = make(i);
        REQUIRE(table.draw(a) == categorical_cumulative(b, table.cumulative()));
      }
    }
  }
}

TEST_CASE("CumulativeTable never draws a zero-weight entry and reports emptiness", "[rng][cumulative_table]") {
  CumulativeTable table;
  CHECK(table.empty());
  const std::vector<double> zeros = {0.0, 0.0};
  table.assign(zeros);
  CHECK(table.empty());
  const std::vector<double> weights = {0.0, 2.0, 0.0, 0.0, 1.0, 0.0};
  table.assign(weights);
  REQUIRE_FALSE(table.empty());
  int picked[6] = {};
  for (std::uint64_t i = 0; i < 30000; ++i) {
    Rng rng = make(i);
    ++picked[table.draw(rng)];
  }
  CHECK(picked[0] + picked[2] + picked[3] + picked[5] == 0);
  // 2:1 odds; 6 standard deviations of a binomial proportion.
  CHECK(picked[1] / 30000.0 == Approx(2.0 / 3).margin(6 * std::sqrt(2.0 / 9 / 30000)));
}

TEST_CASE("CumulativeSubset answers exactly the table's draws that land on chosen entries", "[rng][cumulative_table]") {
  Rng shape = make(777);
  for (std::size_t n : {1u, 2u, 5u, 64u, 3000u}) {
    for (int variant = 0; variant < 3; ++variant) {
      // Variants: dealer-like weights with zeros (revoked) and heavier corrupt entries;
      // every entry chosen; the last entry chosen with zero weight (the clamp).
      std::vector<double> weights(n);
      std::vector<std::size_t> chosen;
      for (std::size_t i = 0; i < n; ++i) {
        const double u = shape.uniform();
        weights[i] = u < 0.1 ? 0.0 : u < 0.15 ? 3.0 : 1.0;
        if (variant == 1 || (u >= 0.1 && u < 0.15) || (u < 0.05)) chosen.push_back(i);
      }
      if (variant == 2) {
        weights.back() = 0.0;
        if (chosen.empty() || chosen.back() != n - 1) chosen.push_back(n - 1);
      }
      weights.front() += 1.0;  // a positive total
      CumulativeTable table;
      table.assign(weights);
      CumulativeSubset subset;
      subset.assign(table, chosen);
      INFO(n << " entries, variant " << variant);
      std::vector<bool> is_chosen(n, false);
      for (std::size_t i : chosen) is_chosen[i] = true;
      std::size_t hits = 0;
      for (std::uint64_t i = 0; i < 20000; ++i) {
        Rng rng = make(i);
        const double u = rng.uniform();
        const std::size_t answer = table.find(u);
        const std::ptrdiff_t expected = is_chosen[answer] ? static_cast<std::ptrdiff_t>(answer) : -1;
        REQUIRE(subset.find(u) == expected);
        hits += expected >= 0;
      }
      // Exact edges: each chosen entry's own cumulative bounds, and u at the very top.
      const auto cum = table.cumulative();
      for (std::size_t i : chosen) {
        for (double target : {i == 0 ? 0.0 : cum[i - 1], cum[i]}) {
          const double u = target / cum.back();
          const std::size_t answer = table.find(u);
          REQUIRE(subset.find(u) == (is_chosen[answer] ? static_cast<std::ptrdiff_t>(answer) : -1));
        }
      }
      const double top = std::nextafter(1.0, 0.0);
      REQUIRE(subset.find(top) == (is_chosen[table.find(top)] ? static_cast<std::ptrdiff_t>(table.find(top)) : -1));
      if (variant == 1) CHECK(hits == 20000);  // everything chosen: every draw is answered
    }
  }
}
