// decision_draws.hpp: fixed-address draws per decision of an entity-day. The promise
// that common random numbers rest on: a decision's numbers are the same whether or not
// other decisions were asked for, and in whatever order; and they differ between
// decisions, entities, days, seeds and streams. The statistical cases use fixed seeds
// and state their false-failure rates (DESIGN.md rule 18).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>
#include <vector>

#include "gunflow/rng/decision_draws.hpp"

using namespace gunflow;

namespace {
// Seven decisions over two blocks: wide and narrow slots in block 0, narrow and wide
// in block 1 (halves 8..15), and a gap (halves 4, 5, 10, 11, 14, 15 unused).
constexpr std::size_t kN = 7;
constexpr std::array<DrawSlot, kN> kLayout{
    {{0, true}, {2, false}, {3, false}, {6, true}, {8, false}, {9, false}, {12, true}}};
using Draws = DecisionDraws<kLayout, 2>;

constexpr std::uint64_t kSeed = 12345, kRep = 3, kEntity = 77, kStep = 1'014'600;
constexpr StreamId kStream = StreamId::kSelfTest;

Draws make(std::uint64_t seed = kSeed, StreamId stream = kStream, std::uint64_t rep = kRep,
           std::uint64_t entity = kEntity, std::uint64_t step = kStep) {
  return Draws(seed, stream, rep, entity, step);
}

/// What a decision sees: its first draw as bits and uniform, and the first three
/// outputs of its stream.
struct Seen {
  std::uint64_t bits = 0;
  double uniform = 0;
  std::array<std::uint64_t, 3> stream{};
  bool operator==(const Seen&) const = default;
};
Seen look(Draws& draws, std::size_t d) {
  Seen s;
  s.bits = draws.bits(d);
  s.uniform = draws.uniform(d);
  Rng r = draws.rng(d);
  for (auto& x : s.stream) x = r.next_u64();
  return s;
}
/// Each decision looked at on its own, in a fresh object.
std::array<Seen, kN> alone() {
  std::array<Seen, kN> out;
  for (std::size_t d = 0; d < kN; ++d) {
    Draws draws = make();
    out[d] = look(draws, d);
  }
  return out;
}

/// The Philox block that the layout's shared blocks and the continuations come from.
Rng::Philox::ctr_type philox(std::uint64_t c3, std::uint64_t seed = kSeed, StreamId stream = kStream) {
  const Rng::Philox::key_type key{{seed, static_cast<std::uint64_t>(stream)}};
  const Rng::Philox::ctr_type ctr{{kRep, kEntity, kStep, c3}};
  return Rng::Philox()(ctr, key);
}
}  // namespace

TEST_CASE("DecisionDraws: a layout is valid with every slot inside its blocks, wide slots even, no half shared",
          "[rng][decision_draws]") {
  STATIC_REQUIRE(valid_layout(kLayout, 2));
  STATIC_REQUIRE_FALSE(valid_layout(kLayout, 1));  // halves 8..13 need a second block
  constexpr std::array<DrawSlot, 2> odd_wide{{{0, false}, {1, true}}};
  STATIC_REQUIRE_FALSE(valid_layout(odd_wide, 1));
  constexpr std::array<DrawSlot, 2> shared{{{6, true}, {7, false}}};  // half 7 read by both
  STATIC_REQUIRE_FALSE(valid_layout(shared, 1));
  constexpr std::array<DrawSlot, 2> side_by_side{{{6, true}, {5, false}}};
  STATIC_REQUIRE(valid_layout(side_by_side, 1));
}

TEST_CASE("DecisionDraws: a decision's draws do not depend on which others were asked for", "[rng][decision_draws]") {
  const std::array<Seen, kN> reference = alone();
  // Every subset of the decisions, each asked in increasing and in decreasing order.
  for (unsigned mask = 0; mask < (1u << kN); ++mask) {
    Draws up = make(), down = make();
    for (std::size_t d = 0; d < kN; ++d)
      if (mask & (1u << d)) REQUIRE(look(up, d) == reference[d]);
    for (std::size_t d = kN; d-- > 0;)
      if (mask & (1u << d)) REQUIRE(look(down, d) == reference[d]);
  }
}

TEST_CASE("DecisionDraws: a decision's draws do not depend on the order of asking", "[rng][decision_draws]") {
  const std::array<Seen, kN> reference = alone();
  std::array<std::size_t, kN> order{};
  std::iota(order.begin(), order.end(), 0);
  int permutations = 0;
  do {  // all 5040 orders; other decisions' streams drawn from in between
    Draws draws = make();
    for (std::size_t d : order) {
      REQUIRE(look(draws, d) == reference[d]);
      Rng other = draws.rng((d + 1) % kN);
      (void)other.next_u64();
      (void)other.next_u64();
    }
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(permutations == 5040);
  // Asking twice gives the same again.
  Draws draws = make();
  for (std::size_t d = 0; d < kN; ++d) CHECK(look(draws, d) == look(draws, d));
}

TEST_CASE("DecisionDraws: slots are the Philox outputs at their addresses", "[rng][decision_draws]") {
  Draws draws = make();
  const auto b0 = philox(0), b1 = philox(1);
  constexpr std::uint64_t kTop32 = 0xFFFFFFFF00000000u;
  CHECK(draws.bits(0) == b0.v[0]);             // wide, half 0: word 0
  CHECK(draws.bits(1) == (b0.v[1] & kTop32));  // narrow, half 2: top of word 1
  CHECK(draws.bits(2) == (b0.v[1] << 32));     // narrow, half 3: bottom of word 1
  CHECK(draws.bits(3) == b0.v[3]);             // wide, half 6: word 3
  CHECK(draws.bits(4) == (b1.v[0] & kTop32));  // block 1: half 8
  CHECK(draws.bits(5) == (b1.v[0] << 32));     // half 9
  CHECK(draws.bits(6) == b1.v[2]);             // wide, half 12
  // A decision's later draws are its own blocks: counter word 3 = 2^63 | d << 32 | i.
  for (std::size_t d = 0; d < kN; ++d) {
    Rng r = draws.rng(d);
    CHECK(r.next_u64() == draws.bits(d));
    const auto own = philox((std::uint64_t{1} << 63) | (static_cast<std::uint64_t>(d) << 32));
    for (int k = 0; k < 4; ++k) CHECK(r.next_u64() == own.v[k]);
  }
}

TEST_CASE("DecisionDraws: decisions entities steps seeds and streams get different draws", "[rng][decision_draws]") {
  auto firsts = [](Draws draws) {
    std::vector<std::uint64_t> v;
    for (std::size_t d = 0; d < kN; ++d) v.push_back(draws.bits(d) >> 32);  // the top 32 bits every slot has
    return v;
  };
  const std::vector<std::uint64_t> base = firsts(make());
  CHECK(std::set<std::uint64_t>(base.begin(), base.end()).size() == kN);  // decisions differ from each other
  const std::vector<std::vector<std::uint64_t>> others = {
      firsts(make(kSeed + 1)),
      firsts(make(kSeed, StreamId::kRoute)),
      firsts(make(kSeed, kStream, kRep + 1)),
      firsts(make(kSeed, kStream, kRep, kEntity + 1)),
      firsts(make(kSeed, kStream, kRep, kEntity, kStep + 1)),
  };
  for (const auto& o : others)
    for (std::size_t d = 0; d < kN; ++d) CHECK(o[d] != base[d]);
  // Continuations: each decision's second, third draws are its own, unlike any other's.
  std::set<std::uint64_t> later;
  Draws draws = make();
  for (std::size_t d = 0; d < kN; ++d) {
    Rng r = draws.rng(d);
    (void)r.next_u64();
    later.insert(r.next_u64());
    later.insert(r.next_u64());
  }
  CHECK(later.size() == 2 * kN);
  for (std::uint64_t b : base) CHECK(later.count(b) == 0);
}

TEST_CASE("DecisionDraws: narrow slots are 32-bit uniforms in (0 1) and wide slots 64 bits", "[rng][decision_draws]") {
  std::uint64_t wide_low_bits = 0;
  for (std::uint64_t e = 0; e < 2000; ++e) {
    Draws draws = make(kSeed, kStream, kRep, e);
    for (std::size_t d = 0; d < kN; ++d) {
      const double u = draws.uniform(d);
      REQUIRE(u > 0.0);
      REQUIRE(u < 1.0);
      REQUIRE(u == Rng::uniform_at(draws.bits(d) >> 12));
      Rng r = draws.rng(d);
      REQUIRE(r.uniform() == u);  // rng(d)'s first draw is the slot's
      if (kLayout[d].wide) {
        wide_low_bits |= draws.bits(d) & 0xFFFFFFFFu;
      } else {
        REQUIRE((draws.bits(d) & 0xFFFFFFFFu) == 0);
        // On the grid k / 2^32, offset by half a 2^-52 step: (u - 2^-53) 2^32 is whole.
        const double k = (u - std::ldexp(1.0, -53)) * 4294967296.0;
        REQUIRE(k == std::floor(k));
      }
    }
  }
  CHECK(wide_low_bits == 0xFFFFFFFFu);  // every low bit of the wide slots is used
  // The extremes of a narrow slot stay inside (0, 1).
  CHECK(Rng::uniform_at(0) > 0.0);
  CHECK(Rng::uniform_at((std::uint64_t{0xFFFFFFFF} << 32) >> 12) < 1.0);
}

namespace {
/// Pearson's chi-square of `u` over `bins` equal bins.
double chi_square(const std::vector<double>& u, int bins) {
  std::vector<double> count(static_cast<std::size_t>(bins), 0.0);
  for (double x : u) count[static_cast<std::size_t>(x * bins)] += 1;
  const double expected = static_cast<double>(u.size()) / bins;
  double chi2 = 0;
  for (double c : count) chi2 += (c - expected) * (c - expected) / expected;
  return chi2;
}
double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}
// Every half of block 0 as its own narrow decision.
constexpr std::array<DrawSlot, 8> kHalves{
    {{0, false}, {1, false}, {2, false}, {3, false}, {4, false}, {5, false}, {6, false}, {7, false}}};
}  // namespace

TEST_CASE("DecisionDraws: narrow and wide uniforms pass chi-square and lanes are uncorrelated",
          "[rng][decision_draws][statistical]") {
  // 20,000 entity-days with a fixed seed. Chi-square over 100 bins (99 degrees of
  // freedom): 181.1 is its 1 - 1e-6 quantile (Wilson-Hilferty), so each of the two
  // checks fails by chance once in 10^6 seeds.
  constexpr std::uint64_t kDays = 20000;
  std::vector<double> narrow, wide;
  std::array<std::vector<double>, 8> lane;
  for (std::uint64_t e = 0; e < kDays; ++e) {
    Draws draws = make(kSeed, kStream, kRep, e);
    narrow.push_back(draws.uniform(2));
    wide.push_back(draws.uniform(6));
    DecisionDraws<kHalves, 1> halves(kSeed, kStream, kRep, e, kStep);
    for (std::size_t h = 0; h < 8; ++h) lane[h].push_back(halves.uniform(h));
  }
  CHECK(chi_square(narrow, 100) < 181.1);
  CHECK(chi_square(wide, 100) < 181.1);
  // The eight 32-bit lanes of one block: under independence a sample correlation has
  // sd 1/sqrt(20000) = 0.0071; 0.04 is 5.66 sd (two-sided p = 1.5e-8 a pair), so the
  // 28 pairs together fail by chance less than once in 10^6.
  for (std::size_t a = 0; a < 8; ++a)
    for (std::size_t b = a + 1; b < 8; ++b) {
      INFO("halves " << a << " and " << b);
      CHECK(std::abs(correlation(lane[a], lane[b])) < 0.04);
    }
}

TEST_CASE("IndexedDraws: draw i is the same read alone after others or out of order", "[rng][decision_draws]") {
  constexpr std::uint64_t kCount = 40;  // five blocks
  std::vector<double> reference;
  for (std::uint64_t i = 0; i < kCount; ++i) {
    IndexedDraws fresh(kSeed, kStream, kRep, kEntity, kStep);
    reference.push_back(fresh.uniform(i));
  }
  IndexedDraws in_order(kSeed, kStream, kRep, kEntity, kStep);
  for (std::uint64_t i = 0; i < kCount; ++i) CHECK(in_order.uniform(i) == reference[i]);
  IndexedDraws backwards(kSeed, kStream, kRep, kEntity, kStep);
  for (std::uint64_t i = kCount; i-- > 0;) CHECK(backwards.uniform(i) == reference[i]);
  IndexedDraws scattered(kSeed, kStream, kRep, kEntity, kStep);
  for (std::uint64_t i : {17, 3, 39, 3, 8, 0, 25, 16, 17}) CHECK(scattered.uniform(i) == reference[i]);
  // Draws differ from each other and lie in (0, 1).
  CHECK(std::set<double>(reference.begin(), reference.end()).size() == kCount);
  for (double u : reference) CHECK((u > 0.0 && u < 1.0));
  // Draw i is the narrow slot at half i of the same entity-day (one address scheme).
  DecisionDraws<kHalves, 1> halves(kSeed, kStream, kRep, kEntity, kStep);
  for (std::size_t h = 0; h < 8; ++h) CHECK(halves.uniform(h) == reference[h]);
  // Other entities, days, seeds and streams give other draws.
  for (IndexedDraws other :
       {IndexedDraws(kSeed + 1, kStream, kRep, kEntity, kStep),
        IndexedDraws(kSeed, StreamId::kTrace, kRep, kEntity, kStep),
        IndexedDraws(kSeed, kStream, kRep + 1, kEntity, kStep), IndexedDraws(kSeed, kStream, kRep, kEntity + 1, kStep),
        IndexedDraws(kSeed, kStream, kRep, kEntity, kStep + 1)})
    for (std::uint64_t i = 0; i < 8; ++i) CHECK(other.uniform(i) != reference[i]);
}
