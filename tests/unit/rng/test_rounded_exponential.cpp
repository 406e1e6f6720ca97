// rounded_exponential.hpp: the table must give, for every grid point, exactly what
// lround(exponential(rng, mean)) gives for the same draw — at the steps (where rounding
// in log could tip a value), across the guide's buckets, in the tail beyond the table,
// and draw by draw from a stream.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "gunflow/rng/distributions.hpp"
#include "gunflow/rng/rounded_exponential.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

namespace {
constexpr std::uint64_t kGrid = std::uint64_t{1} << 52;

/// The first grid point whose value is at most k, by bisection on the formula.
std::uint64_t step_of(double mean, std::int64_t k) {
  std::uint64_t lo = 0, hi = kGrid - 1;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (RoundedExponential::formula(mean, mid) <= k)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}
}  // namespace

TEST_CASE("RoundedExponential: the formula is lround of exponential()", "[rng][rounded_exponential]") {
  Rng a(3, StreamId::kSelfTest, 0, 0, 0), b = a;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t j = a.next_u64() >> 12;
    REQUIRE(RoundedExponential::formula(7.0, j) == std::lround(exponential(b, 7.0)));
  }
}

TEST_CASE("RoundedExponential: the table gives the formula's value at every kind of grid point",
          "[rng][rounded_exponential]") {
  for (const double mean : {0.5, 1.0, 7.0, 30.5, 365.0}) {
    INFO("mean " << mean);
    const RoundedExponential wait(mean);
    auto check = [&](std::uint64_t j) { REQUIRE(wait.at(j) == RoundedExponential::formula(mean, j)); };
    // Around every step up to well past the table (it covers u >= 2^-16, values to 11 × mean).
    const auto last = static_cast<std::int64_t>(std::min(4200.0, 13.0 * mean));
    for (std::int64_t k = 0; k <= last; k += mean > 100 ? 7 : 1) {
      const std::uint64_t s = step_of(mean, k);
      for (std::uint64_t d = 0; d < 200; ++d) {
        if (s >= d) check(s - d);
        if (s + d < kGrid) check(s + d);
      }
    }
    // Each bucket of the guide (j's top 8 bits) at its first and last points.
    for (std::uint64_t b = 0; b < 256; ++b) {
      const std::uint64_t first = b << 44;
      for (std::uint64_t d = 0; d < 3; ++d) {
        check(first + d);
        check(first + (std::uint64_t{1} << 44) - 1 - d);
      }
    }
    check(0);
    check(kGrid - 1);
    // And a spread of random points, many in the tail (u < 2^-16) too.
    Rng rng(11, StreamId::kSelfTest, 0, 0, static_cast<std::uint64_t>(mean * 2));
    for (int i = 0; i < 100000; ++i) check(rng.next_u64() >> 12);
    for (int i = 0; i < 20000; ++i) check(rng.next_u64() >> 28);
  }
}

TEST_CASE("RoundedExponential: a draw from a stream is the rounded exponential of the same draw",
          "[rng][rounded_exponential]") {
  const RoundedExponential wait(7.0);
  Rng a(5, StreamId::kSelfTest, 0, 0, 0), b = a;
  double sum = 0;
  constexpr int kDraws = 200000;
  for (int i = 0; i < kDraws; ++i) {
    const std::int64_t w = wait(a);
    REQUIRE(w == std::lround(exponential(b, 7.0)));
    sum += static_cast<double>(w);
  }
  // E[round(X)] for X ~ Exp(7): sum over k >= 1 of P(X >= k − 1/2) = e^(1/14) / (e^(1/7) − 1).
  const double mean = std::exp(1.0 / 14.0) / (std::exp(1.0 / 7.0) - 1.0);
  CHECK(std::abs(sum / kDraws - mean) < 5 * 7.0 / std::sqrt(kDraws));
}

TEST_CASE("RoundedExponential default-constructed is the formula with mean 1", "[rng][rounded_exponential]") {
  const RoundedExponential wait;
  Rng rng(9, StreamId::kSelfTest, 0, 0, 0);
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t j = rng.next_u64() >> 12;
    REQUIRE(wait.at(j) == RoundedExponential::formula(1.0, j));
  }
}

TEST_CASE("RoundedExponential refuses a mean that is not positive", "[rng][rounded_exponential]") {
  CHECK_THROWS_AS(RoundedExponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(RoundedExponential(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(RoundedExponential(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK_THROWS_AS(RoundedExponential(std::numeric_limits<double>::infinity()), std::invalid_argument);
}
