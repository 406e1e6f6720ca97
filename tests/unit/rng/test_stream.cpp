// stream.hpp: counter-based Philox streams addressed by (seed, purpose) and
// (replication, entity, step, draw) — DESIGN.md rules 11–12.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include <Random123/philox.h>

#include "gunflow/rng/stream.hpp"

using gunflow::Rng;
using gunflow::StreamId;

namespace {
std::vector<std::uint64_t> draws(Rng rng, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next_u64());
  return out;
}
std::vector<std::uint64_t> draws(std::uint64_t seed, StreamId s, std::uint64_t rep, std::uint64_t ent,
                                 std::uint64_t step, int n = 16) {
  return draws(Rng(seed, s, rep, ent, step), n);
}
}  // namespace

TEST_CASE("Same key and counter give the same numbers", "[rng][stream]") {
  CHECK(draws(42, StreamId::kTrip, 3, 1234, 14610) == draws(42, StreamId::kTrip, 3, 1234, 14610));
  Rng a(7, StreamId::kRoute, 0, 0, 0), b(7, StreamId::kRoute, 0, 0, 0);
  for (int i = 0; i < 100; ++i) REQUIRE(a.uniform() == b.uniform());
}

TEST_CASE("Rng is Philox4x64 with key {seed, stream} and counter {rep, entity, step, draw}", "[rng][stream]") {
  // The layout is the reproducibility contract: it must not change silently.
  using P = r123::Philox4x64;
  const P::key_type key = {{99, static_cast<std::uint64_t>(StreamId::kHomicide)}};
  P::ctr_type ctr = {{5, 77, 1000, 0}};
  std::vector<std::uint64_t> expected;
  for (int block = 0; block < 3; ++block, ++ctr.v[3]) {
    const P::ctr_type out = P()(ctr, key);
    expected.insert(expected.end(), out.v, out.v + 4);
  }
  CHECK(draws(99, StreamId::kHomicide, 5, 77, 1000, 12) == expected);
}

TEST_CASE("Each coordinate of the address selects a different stream", "[rng][stream]") {
  const auto base = draws(1, StreamId::kDealerType, 2, 3, 4);
  CHECK(draws(2, StreamId::kDealerType, 2, 3, 4) != base);    // seed
  CHECK(draws(1, StreamId::kNetworkStart, 2, 3, 4) != base);  // purpose
  CHECK(draws(1, StreamId::kDealerType, 3, 3, 4) != base);    // replication
  CHECK(draws(1, StreamId::kDealerType, 2, 4, 4) != base);    // entity
  CHECK(draws(1, StreamId::kDealerType, 2, 3, 5) != base);    // step
}

TEST_CASE("Keys are tuples, not sums: swapped coordinates do not collide", "[rng][stream]") {
  // seed + stream and replication + entity would collide here (Stan #3287).
  CHECK(draws(1, static_cast<StreamId>(2), 0, 0, 0) != draws(2, static_cast<StreamId>(1), 0, 0, 0));
  CHECK(draws(9, StreamId::kTrace, 1, 2, 0) != draws(9, StreamId::kTrace, 2, 1, 0));
  CHECK(draws(9, StreamId::kTrace, 0, 1, 2) != draws(9, StreamId::kTrace, 0, 2, 1));
}

TEST_CASE("A stream does not depend on other Rng objects or on interleaving", "[rng][stream]") {
  const auto reference = draws(11, StreamId::kGunFate, 0, 17, 20000, 10);
  Rng a(11, StreamId::kGunFate, 0, 17, 20000);
  std::vector<std::uint64_t> got;
  for (int i = 0; i < 3; ++i) got.push_back(a.next_u64());
  // Create and use many unrelated streams, including the same purpose and entity.
  for (std::uint64_t e = 0; e < 1000; ++e) {
    Rng other(11, StreamId::kGunFate, 0, e, 20001);
    (void)other.next_u64();
    (void)other.uniform();
  }
  for (int i = 3; i < 10; ++i) got.push_back(a.next_u64());
  CHECK(got == reference);
}

TEST_CASE("uniform() lies in the open interval (0, 1) with mean 1/2", "[rng][stream]") {
  // n = 200000: SE of the mean is sqrt(1/12/n) ≈ 6.5e-4; the 6-SE tolerance fails
  // by chance with probability ≈ 2e-9 (and the seed is fixed anyway).
  constexpr int kN = 200000;
  double sum = 0, lo = 1, hi = 0;
  for (int i = 0; i < kN / 100; ++i) {
    Rng rng(2024, StreamId::kSelfTest, 0, static_cast<std::uint64_t>(i), 0);
    for (int j = 0; j < 100; ++j) {
      const double u = rng.uniform();
      REQUIRE(u > 0.0);
      REQUIRE(u < 1.0);
      sum += u;
      lo = std::min(lo, u);
      hi = std::max(hi, u);
    }
  }
  CHECK(sum / kN == Approx(0.5).margin(6 * 6.5e-4));
  CHECK(lo < 1e-4);  // P(min > 1e-4) = (1 - 1e-4)^200000 ≈ 2e-9
  CHECK(hi > 1 - 1e-4);
}
