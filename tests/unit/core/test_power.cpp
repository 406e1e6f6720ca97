#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/core/power.hpp"

using gunflow::power;

TEST_CASE("power takes a square root for a half and squares for whole exponents") {
  // Expected: the bits of operations IEEE 754 rounds correctly, which every CPU gives alike
  // (glibc's pow gave another last bit for this input without FMA: core/power.hpp).
  const double x = 0x1.719919dc347d5p-4;
  CHECK(power(x, 0.5) == std::sqrt(x));
  CHECK(power(x, -0.5) == 1.0 / std::sqrt(x));
  CHECK(power(x, 0.0) == 1.0);
  CHECK(power(x, 1.0) == x);
  CHECK(power(x, 2.0) == x * x);
  const double x2 = x * x, x4 = x2 * x2;
  CHECK(power(x, 8.0) == x4 * x4);
  CHECK(power(x, 3.0) == x * x2);
  CHECK(power(x, -3.0) == 1.0 / (x * x2));
  CHECK(power(0.0, 2.0) == 0.0);
}

TEST_CASE("power stays within a few parts in 1e10 of pow for large whole exponents") {
  // Expected: repeated squaring doubles the relative error at each squaring, so q^n carries
  // about n units in the last place (a binomial's chance of no success, n in the thousands).
  for (double n : {17.0, 2712.0, 100000.0}) {
    const double q = 0.9999;
    CHECK(power(q, n) == Approx(std::pow(q, n)).epsilon(n * 4.0 * 0x1p-52));
  }
}

TEST_CASE("power rounds any other exponent's result to float precision") {
  // Expected: std::pow's result to within float rounding, and exactly a float.
  for (double y : {0.3, -1.7, 18.26, 123.456}) {
    const double got = power(1.05, y), want = std::pow(1.05, y);
    CHECK(got == Approx(want).epsilon(0x1p-24));
    CHECK(static_cast<double>(static_cast<float>(got)) == got);
  }
}
