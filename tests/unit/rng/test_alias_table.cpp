// alias_table.hpp: each index is picked with probability weight / total (checked exactly
// on a fine grid of uniforms), zero weights are never picked, an all-zero list is empty.
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/rng/alias_table.hpp"

using namespace gunflow;

TEST_CASE("AliasTable picks each index in proportion to its weight", "[rng][alias]") {
  const std::vector<double> w{5, 0, 1, 3, 0.5, 0.5};
  const AliasTable table(w);
  REQUIRE(table.size() == w.size());
  CHECK(table.total() == Approx(10.0));
  constexpr int kN = 600000;  // a grid of uniforms: each column sees kN / 6 of them
  std::vector<int> seen(w.size(), 0);
  for (int k = 0; k < kN; ++k) ++seen[table.pick((k + 0.5) / kN)];
  for (std::size_t i = 0; i < w.size(); ++i) CHECK(seen[i] / double(kN) == Approx(w[i] / 10.0).margin(1e-4));
  CHECK(seen[1] == 0);  // a zero weight is never picked
}

TEST_CASE("AliasTable of no positive weight is empty", "[rng][alias]") {
  CHECK(AliasTable(std::vector<double>{}).empty());
  CHECK(AliasTable(std::vector<double>{0, 0}).empty());
  const AliasTable one(std::vector<double>{0, 2});
  CHECK(one.pick(0.0) == 1);
  CHECK(one.pick(0.999999) == 1);
}
