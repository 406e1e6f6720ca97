#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "gunflow/core/int_floor.hpp"

using gunflow::int_floor;

TEST_CASE("int_floor is std::floor at integers, halves and the edges of a double's precision") {
  const double eps = std::numeric_limits<double>::epsilon();
  for (double x : {0.0,
                   -0.0,
                   0.5,
                   -0.5,
                   1.0,
                   -1.0,
                   0.999999999,
                   -0.999999999,
                   2.5,
                   -2.5,
                   1.0 - eps / 2,
                   -1.0 + eps / 2,
                   std::nextafter(3.0, 0.0),
                   std::nextafter(-3.0, 0.0),
                   std::nextafter(-3.0, -10.0),
                   4503599627370495.5,
                   -4503599627370495.5,
                   9007199254740993.0,
                   -9007199254740993.0,
                   9.2e18,
                   -9.2e18,
                   1e-300,
                   -1e-300})
    CHECK(int_floor(x) == static_cast<std::int64_t>(std::floor(x)));
}

TEST_CASE("int_floor agrees with std::floor on a million values across magnitudes") {
  std::mt19937_64 gen(20261202);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 62);
  for (int i = 0; i < 1000000; ++i) {
    const double x = std::ldexp(mantissa(gen), exponent(gen));
    REQUIRE(int_floor(x) == static_cast<std::int64_t>(std::floor(x)));
  }
}
