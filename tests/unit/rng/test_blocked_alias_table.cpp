// blocked_alias_table.hpp: each index is picked with probability weight / total (checked
// on a fine grid of uniforms, across several blocks, a partial last block and a block of
// zero weight), tags come back with the index, and a table changed one weight at a time
// picks exactly as one built afresh from the final weights.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "gunflow/rng/blocked_alias_table.hpp"

using namespace gunflow;

namespace {
constexpr std::size_t kSize = 5 * BlockedAliasTable::kBlock - 20;  // five blocks, the last partial

std::vector<double> uneven_weights() {
  std::vector<double> w(kSize);
  for (std::size_t i = 0; i < kSize; ++i) w[i] = (i % 7 == 0) ? 0.0 : 0.1 + static_cast<double>((i * 37) % 11);
  for (std::size_t i = BlockedAliasTable::kBlock; i < 2 * BlockedAliasTable::kBlock; ++i) w[i] = 0;  // block 1 empty
  return w;
}

std::vector<std::uint8_t> tags_of(std::size_t n) {
  std::vector<std::uint8_t> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<std::uint8_t>(i % 3);
  return t;
}

/// How many of kN evenly spaced uniforms pick each index.
std::vector<int> grid_hits(const BlockedAliasTable& table, int n_uniforms) {
  std::vector<int> hits(table.size(), 0);
  for (int k = 0; k < n_uniforms; ++k) ++hits[table.pick((k + 0.5) / n_uniforms)];
  return hits;
}
}  // namespace

TEST_CASE("BlockedAliasTable picks each index in proportion to its weight", "[rng][alias]") {
  const std::vector<double> w = uneven_weights();
  const std::vector<std::uint8_t> tags = tags_of(kSize);
  BlockedAliasTable table;
  table.assign(w, tags);
  double total = 0;
  for (const double x : w) total += x;
  CHECK(table.total() == Approx(total));
  constexpr int kN = 3000000;
  const std::vector<int> hits = grid_hits(table, kN);
  for (std::size_t i = 0; i < kSize; ++i) {
    INFO("index " << i);
    // Each index's share of the grid is its weight's, to within the rounding of the two
    // alias levels (a few grid points; the grid gives an index about 1,000 of them).
    CHECK(std::abs(hits[i] - kN * w[i] / total) <= 4.0);
    if (w[i] == 0) CHECK(hits[i] == 0);
  }
  for (int k = 0; k < 1000; ++k) {
    const BlockedAliasTable::Picked p = table.pick_tagged((k + 0.5) / 1000);
    CHECK(p.tag == tags[p.index]);
  }
  CHECK(table.pick(1e-300) < kSize);
  CHECK(table.pick(1.0 - 0x1p-53) < kSize);
  CHECK(w[table.pick(1.0 - 0x1p-53)] > 0);
}

TEST_CASE("BlockedAliasTable changed weight by weight picks as one built afresh", "[rng][alias]") {
  std::vector<double> w = uneven_weights();
  std::vector<std::uint8_t> tags = tags_of(kSize);
  BlockedAliasTable changed;
  changed.assign(w, tags);
  // Revocations, retypes and renewals: weights to zero, up, down, in several blocks, and a
  // retype that keeps the weight (index 5: only its tag changes, so its block's total stays
  // and the table over the blocks is not rebuilt).
  const std::size_t at[] = {3, 70, 70, 130, 200, 299, 0, 64, 65, 5};
  const double to[] = {0.0, 4.0, 0.5, 9.0, 0.0, 2.5, 1.0, 3.0, 0.0, w[5]};
  for (std::size_t k = 0; k < std::size(at); ++k) {
    w[at[k]] = to[k];
    tags[at[k]] = static_cast<std::uint8_t>(k % 3);
    changed.update(at[k], to[k], tags[at[k]]);
    BlockedAliasTable fresh;
    fresh.assign(w, tags);
    REQUIRE(changed.total() == fresh.total());
    for (int j = 0; j < 20000; ++j) {
      const double u = (j + 0.5) / 20000;
      const BlockedAliasTable::Picked a = changed.pick_tagged(u), b = fresh.pick_tagged(u);
      REQUIRE(a.index == b.index);
      REQUIRE(a.tag == b.tag);
    }
  }
}

TEST_CASE("BlockedAliasTable is empty exactly while every weight is zero", "[rng][alias]") {
  BlockedAliasTable none;
  none.assign(std::vector<double>{});
  CHECK(none.empty());
  BlockedAliasTable table;
  table.assign(std::vector<double>(100, 0.0));
  CHECK(table.empty());
  table.update(77, 2.0, 1);
  REQUIRE(!table.empty());
  CHECK(table.pick(1e-9) == 77);
  CHECK(table.pick_tagged(0.999999).index == 77);
  CHECK(table.pick_tagged(0.5).tag == 1);
  table.update(77, 0.0, 1);
  CHECK(table.empty());
}
