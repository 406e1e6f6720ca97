// arsenal.hpp: lot sizes under block and superblock sums; remove_at(k) must return the lot holding the
// gun of rank k (guns ranked lot by lot, in insertion order). That rule makes a
// uniform rank a draw proportional to lot size.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "gunflow/model/arsenal.hpp"

using namespace gunflow;

namespace {
Lot lot(std::int32_t id, std::int64_t count) {
  Lot l;
  l.trafficker = id;  // used as the lot's name in these tests
  l.count = count;
  return l;
}

/// Reference model: the lot holding rank k by linear scan.
std::int32_t owner_of_rank(const std::vector<std::int64_t>& counts, std::int64_t k) {
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (k < counts[i]) return static_cast<std::int32_t>(i);
    k -= counts[i];
  }
  return -1;
}
}  // namespace

TEST_CASE("Arsenal keeps a running total and ignores empty lots", "[model][arsenal]") {
  Arsenal a;
  CHECK(a.total() == 0);
  a.add(lot(0, 5));
  a.add(lot(1, 0));
  a.add(lot(2, -3));
  a.add(lot(3, 3));
  CHECK(a.total() == 8);
  REQUIRE(a.lots().size() == 2);
  CHECK(a.lots()[0].trafficker == 0);
  CHECK(a.lots()[1].trafficker == 3);
}

TEST_CASE("Arsenal::remove_at maps ranks to lots in proportion to their size", "[model][arsenal]") {
  const std::vector<std::int64_t> counts = {5, 1, 3};
  for (std::int64_t k = 0; k < 9; ++k) {
    Arsenal a;
    for (std::size_t i = 0; i < counts.size(); ++i) a.add(lot(static_cast<std::int32_t>(i), counts[i]));
    const Lot got = a.remove_at(k);
    INFO("rank " << k);
    CHECK(got.trafficker == owner_of_rank(counts, k));
    CHECK(got.count == 1);
    CHECK(a.total() == 8);
    CHECK(a.lots()[static_cast<std::size_t>(got.trafficker)].count == counts[static_cast<std::size_t>(got.trafficker)] - 1);
  }
}

TEST_CASE("Removing every gun empties the arsenal and returns each lot's count", "[model][arsenal]") {
  Arsenal a;
  std::vector<std::int64_t> counts;
  for (std::int32_t i = 0; i < 10; ++i) {
    counts.push_back(1 + (i * 7) % 5);
    a.add(lot(i, counts.back()));
  }
  std::int64_t total = a.total();
  std::vector<std::int64_t> returned(counts.size(), 0);
  std::uint64_t x = 12345;
  while (a.total() > 0) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;  // LCG: any rank sequence will do
    const Lot got = a.remove_at(static_cast<std::int64_t>((x >> 33) % static_cast<std::uint64_t>(a.total())));
    ++returned[static_cast<std::size_t>(got.trafficker)];
    REQUIRE(a.total() == --total);
  }
  CHECK(returned == counts);
  for (const Lot& l : a.lots()) CHECK(l.count == 0);
  CHECK_THROWS_AS(a.remove_at(0), std::out_of_range);
}

TEST_CASE("Arsenal::remove_at rejects ranks outside [0, total)", "[model][arsenal]") {
  Arsenal a;
  a.add(lot(0, 2));
  CHECK_THROWS_AS(a.remove_at(-1), std::out_of_range);
  CHECK_THROWS_AS(a.remove_at(2), std::out_of_range);
  CHECK(a.total() == 2);
}

TEST_CASE("Arsenal grows past its initial capacity and stays consistent", "[model][arsenal]") {
  // The tree starts with room for 64 lots and is rebuilt as it grows; interleave
  // adds and removals across several rebuilds and check every draw against a scan.
  Arsenal a;
  std::vector<std::int64_t> counts;
  std::uint64_t x = 99;
  auto next = [&x] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 60; ++i) {
      counts.push_back(static_cast<std::int64_t>(1 + next() % 9));
      a.add(lot(static_cast<std::int32_t>(counts.size() - 1), counts.back()));
    }
    for (int i = 0; i < 40; ++i) {
      const auto k = static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(a.total()));
      const std::int32_t expected = owner_of_rank(counts, k);
      REQUIRE(a.remove_at(k).trafficker == expected);
      --counts[static_cast<std::size_t>(expected)];
    }
  }
  // Lots emptied along the way may have been compacted away; the rest keep their order.
  std::vector<std::int64_t> live;
  for (std::int64_t c : counts)
    if (c > 0) live.push_back(c);
  std::vector<std::int64_t> stored;
  for (const Lot& l : a.lots())
    if (l.count > 0) stored.push_back(l.count);
  CHECK(stored == live);
  std::int64_t sum = 0;
  for (std::int64_t c : counts) sum += c;
  CHECK(a.total() == sum);

  // Every rank of the final arsenal, each on a fresh copy.
  for (std::int64_t k = 0; k < a.total(); ++k) {
    Arsenal copy = a;
    REQUIRE(copy.remove_at(k).trafficker == owner_of_rank(counts, k));
  }
}

TEST_CASE("Arsenal::remove_at at every rank with exactly 64 and 65 lots", "[model][arsenal]") {
  for (int n : {63, 64, 65, 129}) {
    INFO(n << " lots");
    Arsenal a;
    std::vector<std::int64_t> counts;
    for (int i = 0; i < n; ++i) {
      counts.push_back(1 + i % 3);
      a.add(lot(i, counts.back()));
    }
    for (std::int64_t k = 0; k < a.total(); ++k) {
      Arsenal copy = a;
      REQUIRE(copy.remove_at(k).trafficker == owner_of_rank(counts, k));
    }
  }
}

TEST_CASE("Compaction drops emptied lots without changing which gun a rank names", "[model][arsenal]") {
  // Empty most lots, then add enough to force the arrays to grow (and compact).
  Arsenal a;
  std::vector<std::int64_t> counts;
  for (std::int32_t i = 0; i < 200; ++i) {
    counts.push_back(i % 4 == 0 ? 3 : 1);
    a.add(lot(i, counts.back()));
  }
  for (std::int32_t i = 199; i >= 0; --i) {  // empty every lot of size 1, highest first
    if (counts[static_cast<std::size_t>(i)] != 1) continue;
    std::int64_t rank = 0;
    for (std::int32_t j = 0; j < i; ++j) rank += counts[static_cast<std::size_t>(j)];
    REQUIRE(a.remove_at(rank).trafficker == i);
    counts[static_cast<std::size_t>(i)] = 0;
  }
  for (std::int32_t i = 200; i < 1200; ++i) {
    counts.push_back(2);
    a.add(lot(i, 2));
  }
  CHECK(a.lots().size() < counts.size());  // compacted
  for (std::int64_t k = 0; k < a.total(); k += 7) {
    Arsenal copy = a;
    REQUIRE(copy.remove_at(k).trafficker == owner_of_rank(counts, k));
  }
}

TEST_CASE("drop_random removes a uniformly random subset: n successive uniform ranks, same draws", "[model][arsenal]") {
  // Reference: the guns as a list of lot names; Floyd's subset from a copy of the
  // stream; remove those ranks. drop_random must leave exactly the same counts.
  for (std::int64_t n : {0, 1, 5, 40, 122, 123, 500}) {
    INFO(n << " guns dropped");
    Arsenal a;
    std::vector<std::int32_t> guns;  // lot name of each gun, in rank order
    for (std::int32_t i = 0; i < 50; ++i) {
      const std::int64_t size = 1 + (i * 5) % 4;
      a.add(lot(i, size));
      for (std::int64_t g = 0; g < size; ++g) guns.push_back(i);
    }
    const auto total = static_cast<std::int64_t>(guns.size());  // 123
    Rng rng(7, StreamId::kSelfTest, 0, static_cast<std::uint64_t>(n), 0);
    Rng copy = rng;
    a.drop_random(n, rng);
    const std::int64_t m = std::min(n, total);
    std::vector<char> taken(guns.size(), 0);
    for (std::int64_t j = total - m; j < total; ++j) {
      const auto t = std::min(static_cast<std::int64_t>(copy.uniform() * static_cast<double>(j + 1)), j);
      taken[static_cast<std::size_t>(taken[static_cast<std::size_t>(t)] ? j : t)] = 1;
    }
    std::vector<std::int64_t> expected(50, 0);
    for (std::size_t g = 0; g < guns.size(); ++g)
      if (!taken[g]) ++expected[static_cast<std::size_t>(guns[g])];
    CHECK(a.total() == total - m);
    std::vector<std::int64_t> got(50, 0);
    for (const Lot& l : a.lots()) got[static_cast<std::size_t>(l.trafficker)] = l.count;
    CHECK(got == expected);
    CHECK(rng.uniform() == copy.uniform());  // exactly m draws consumed
  }
}

TEST_CASE("drop_random takes from each lot in proportion to its size", "[model][arsenal]") {
  // Sizes 1..4 (10 guns); drop 3: each lot loses 0.3 guns per gun held, on average.
  constexpr int kTrials = 20000;
  std::vector<double> lost(4, 0.0);
  for (int trial = 0; trial < kTrials; ++trial) {
    Arsenal a;
    for (std::int32_t i = 0; i < 4; ++i) a.add(lot(i, i + 1));
    Rng rng(11, StreamId::kSelfTest, 0, static_cast<std::uint64_t>(trial), 0);
    a.drop_random(3, rng);
    for (const Lot& l : a.lots()) lost[static_cast<std::size_t>(l.trafficker)] += static_cast<double>(l.trafficker + 1 - l.count);
  }
  for (std::size_t i = 0; i < 4; ++i) {
    // Hypergeometric mean 3 (i+1)/10, variance 3 (i+1)/10 (1 - (i+1)/10) 7/9; 6 SEs.
    const double p = static_cast<double>(i + 1) / 10.0;
    const double se = std::sqrt(3 * p * (1 - p) * 7.0 / 9.0 / kTrials);
    INFO("lot " << i);
    CHECK(lost[i] / kTrials == Approx(3 * p).margin(6 * se));
  }
}

TEST_CASE("take_random removes what drop_random removes and returns each gun's lot", "[model][arsenal]") {
  for (std::int64_t n : {0, 1, 17, 120, 300}) {
    INFO(n << " guns taken");
    Arsenal dropped, taken;
    for (std::int32_t i = 0; i < 50; ++i) {
      dropped.add(lot(i, 1 + (i * 5) % 4));
      taken.add(lot(i, 1 + (i * 5) % 4));
    }
    const std::vector<Lot> before = taken.lots();
    Rng a(3, StreamId::kSelfTest, 0, static_cast<std::uint64_t>(n), 0), b = a;
    dropped.drop_random(n, a);
    std::vector<Lot> out = {lot(99, 1)};  // cleared first
    taken.take_random(n, b, out);
    CHECK(static_cast<std::int64_t>(out.size()) == std::min<std::int64_t>(n, 123));  // 123 guns in all
    std::vector<std::int64_t> lost(50, 0);
    for (const Lot& g : out) {
      CHECK(g.count == 1);
      ++lost[static_cast<std::size_t>(g.trafficker)];
    }
    const std::vector<Lot> after = taken.lots();
    for (std::size_t i = 0; i < after.size(); ++i) {
      CHECK(after[i].count == dropped.lots()[i].count);
      CHECK(before[i].count - after[i].count == lost[static_cast<std::size_t>(after[i].trafficker)]);
    }
  }
}
