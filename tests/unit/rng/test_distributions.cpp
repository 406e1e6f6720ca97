// distributions.hpp: exact edge cases and basic moments of the samplers.
// Moment checks use 6 standard errors: the chance of a false failure for a fresh seed
// is about 2e-9 each (normal approximation); the seeds are fixed, so results are stable.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "gunflow/rng/distributions.hpp"

using namespace gunflow;

namespace {
Rng make(std::uint64_t entity) { return Rng(31337, StreamId::kSelfTest, 0, entity, 0); }

template <class Draw>
double sample_mean(int n, Draw draw) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    Rng rng = make(static_cast<std::uint64_t>(i));
    sum += static_cast<double>(draw(rng));
  }
  return sum / n;
}
}  // namespace

TEST_CASE("poisson: zero or invalid mean gives 0", "[rng][distributions]") {
  Rng rng = make(0);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(poisson(rng, 0.0) == 0);
    REQUIRE(poisson(rng, -3.0) == 0);
    REQUIRE(poisson(rng, std::numeric_limits<double>::quiet_NaN()) == 0);
  }
}

TEST_CASE("poisson: sample mean matches for both algorithms", "[rng][distributions]") {
  constexpr int kN = 20000;
  for (double mean : {0.3, 3.5, 9.9, 10.0, 50.0, 1234.5}) {
    INFO("mean " << mean);
    const double m = sample_mean(kN, [&](Rng& r) {
      const auto k = poisson(r, mean);
      REQUIRE(k >= 0);
      return k;
    });
    CHECK(m == Approx(mean).margin(6 * std::sqrt(mean / kN)));
  }
}

TEST_CASE("binomial: degenerate cases are exact", "[rng][distributions]") {
  Rng rng = make(1);
  for (std::int64_t n : {0, 1, 7, 1000, 1000000}) {
    REQUIRE(binomial(rng, n, 0.0) == 0);
    REQUIRE(binomial(rng, n, 1.0) == n);
    REQUIRE(binomial(rng, n, -0.5) == 0);
    REQUIRE(binomial(rng, n, 1.5) == n);
  }
  REQUIRE(binomial(rng, 0, 0.5) == 0);
  REQUIRE(binomial(rng, -4, 0.5) == 0);
}

TEST_CASE("binomial: values in [0, n] and mean n·p (inversion and BTRS)", "[rng][distributions]") {
  constexpr int kN = 20000;
  struct Case {
    std::int64_t n;
    double p;
  };
  for (const Case c : {Case{10, 0.3}, Case{1000, 0.005}, Case{1000, 0.3}, Case{1000, 0.7}, Case{50, 0.5},
                       Case{100000, 0.01}, Case{25, 0.99}}) {
    INFO("n " << c.n << " p " << c.p);
    const double m = sample_mean(kN, [&](Rng& r) {
      const auto k = binomial(r, c.n, c.p);
      REQUIRE(k >= 0);
      REQUIRE(k <= c.n);
      return k;
    });
    const double nd = static_cast<double>(c.n);
    CHECK(m == Approx(nd * c.p).margin(6 * std::sqrt(nd * c.p * (1 - c.p) / kN)));
  }
}

TEST_CASE("bernoulli and exponential basics", "[rng][distributions]") {
  Rng rng = make(2);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(bernoulli(rng, 0.0));
    REQUIRE(bernoulli(rng, 1.0));
    REQUIRE(exponential(rng, 3.0) > 0.0);
  }
  constexpr int kN = 20000;
  // Exponential(mean 3): SD 3, so SE of the mean is 3/sqrt(n).
  CHECK(sample_mean(kN, [](Rng& r) { return exponential(r, 3.0); }) == Approx(3.0).margin(6 * 3.0 / std::sqrt(kN)));
  CHECK(sample_mean(kN, [](Rng& r) { return bernoulli(r, 0.2) ? 1 : 0; }) ==
        Approx(0.2).margin(6 * std::sqrt(0.2 * 0.8 / kN)));
  CHECK(sample_mean(kN, [](Rng& r) { return standard_normal(r); }) == Approx(0.0).margin(6 / std::sqrt(kN)));
}

TEST_CASE("categorical never returns a zero-weight index", "[rng][distributions]") {
  const std::array<double, 6> w = {0.0, 1.0, 0.0, 2.0, 0.0, 0.0};  // trailing zeros too
  constexpr int kN = 30000;
  std::array<int, 6> count{};
  for (int i = 0; i < kN; ++i) {
    Rng rng = make(static_cast<std::uint64_t>(i));
    ++count[categorical(rng, w)];
  }
  CHECK(count[0] == 0);
  CHECK(count[2] == 0);
  CHECK(count[4] == 0);
  CHECK(count[5] == 0);
  // P(index 1) = 1/3; SE = sqrt(p(1-p)/n).
  CHECK(count[1] / double(kN) == Approx(1.0 / 3).margin(6 * std::sqrt(2.0 / 9 / kN)));
  CHECK(count[1] + count[3] == kN);

  const std::array<double, 3> only = {0.0, 0.0, 5.0};
  Rng rng = make(0);
  for (int i = 0; i < 100; ++i) REQUIRE(categorical(rng, only) == 2);
}

TEST_CASE("categorical_cumulative picks by cumulative weight", "[rng][distributions]") {
  // Weights {0, 1, 0, 2}: indices 0 and 2 have zero mass.
  const std::array<double, 4> cum = {0.0, 1.0, 1.0, 3.0};
  constexpr int kN = 30000;
  std::array<int, 4> count{};
  for (int i = 0; i < kN; ++i) {
    Rng rng = make(static_cast<std::uint64_t>(i));
    const std::size_t k = categorical_cumulative(rng, cum);
    REQUIRE(k < cum.size());
    ++count[k];
  }
  CHECK(count[0] == 0);
  CHECK(count[2] == 0);
  CHECK(count[1] / double(kN) == Approx(1.0 / 3).margin(6 * std::sqrt(2.0 / 9 / kN)));

  // Same stream, same answer as the linear-scan sampler on the same weights.
  const std::array<double, 4> w = {0.0, 1.0, 0.0, 2.0};
  for (std::uint64_t i = 0; i < 1000; ++i) {
    Rng a = make(i), b = make(i);
    REQUIRE(categorical(a, w) == categorical_cumulative(b, cum));
  }
}

TEST_CASE("Poisson with a fixed mean draws what poisson draws", "[rng][distributions]") {
  for (const double mean : {0.0, 0.5, 2.0, 9.99, 10.0, 57.3}) {
    const gunflow::Poisson fixed(mean);
    gunflow::Rng a(21, gunflow::StreamId::kSelfTest, 0, 0, 0), b = a;
    INFO("mean " << mean);
    for (int i = 0; i < 2000; ++i) REQUIRE(fixed(a) == gunflow::poisson(b, mean));
    CHECK(a.next_u64() == b.next_u64());  // the same draws used
  }
}

TEST_CASE("poisson below mean 10 is one draw a value, with the Poisson probabilities", "[rng][distributions]") {
  for (const double mean : {0.5, 2.0, 9.5}) {
    INFO("mean " << mean);
    const gunflow::Poisson fixed(mean);
    Rng a = make(7), b = a, c = a;
    constexpr int kN = 200000;
    std::vector<double> count(40, 0.0);
    for (int i = 0; i < kN; ++i) {
      const std::int64_t k = fixed(a);
      REQUIRE(k == poisson(b, mean));
      (void)c.next_u64();
      if (k < 40) count[static_cast<std::size_t>(k)] += 1;
    }
    CHECK(a.next_u64() == c.next_u64());  // exactly one 64-bit draw per value
    // Each value's frequency within 6 standard errors of its probability.
    double p = std::exp(-mean);
    for (std::size_t k = 0; k < 25; ++k) {
      INFO("k " << k);
      CHECK(count[k] / kN == Approx(p).margin(6 * std::sqrt(p * (1 - p) / kN) + 1e-12));
      p *= mean / static_cast<double>(k + 1);
    }
  }
}
