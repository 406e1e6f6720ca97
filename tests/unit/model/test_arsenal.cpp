// arsenal.hpp: lots in a Fenwick tree; remove_at(k) must return the lot holding the
// gun of rank k (guns ranked lot by lot, in insertion order). That rule makes a
// uniform rank a draw proportional to lot size.
#include <catch2/catch.hpp>

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
  REQUIRE(a.lots().size() == 360);
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
