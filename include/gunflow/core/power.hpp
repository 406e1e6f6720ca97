#pragma once
// x^y with the same bits on every machine.
//
// glibc's pow is accurate to about half a unit in the last place but not correctly rounded,
// and it picks an FMA or a plain SSE2 version by CPU when the program loads: for a few
// inputs the two differ in the last bit (pow(0x1.719919dc347d5p-4, 0.5) is one), and a
// replication that sums what depends on such a power then differs between machines. So:
// y = ±0.5 is a square root (correctly rounded by IEEE 754); a whole y up to 2^20 in size is
// repeated squaring (a fixed sequence of correctly rounded products, whose relative error
// grows to about |y| units in the last place, 2e-10 at most); any other y goes to std::pow
// and its result is rounded to the nearest float: the two versions, at most a unit in a
// double's last place apart, then agree unless that rounding falls on a float's half-way
// point (about once in 2^29 calls), for a relative error of 6e-8 in what such powers give
// (growth paths, elasticities, known to two digits at best).
// tests/integration/compiler_agreement.sh (ctest libm_variants_agree) checks the outcome.
#include <cmath>
#include <cstdint>

namespace gunflow {

[[nodiscard]] inline double power(double x, double y) {
  if (y == 0.5) return std::sqrt(x);
  if (y == -0.5) return 1.0 / std::sqrt(x);
  if (y == std::trunc(y) && std::fabs(y) <= 1048576.0) {
    auto n = static_cast<std::int64_t>(std::fabs(y));
    double result = 1.0, base = x;
    while (n > 0) {
      if ((n & 1) != 0) result *= base;
      base *= base;
      n >>= 1;
    }
    return y < 0 ? 1.0 / result : result;
  }
  return static_cast<double>(static_cast<float>(std::pow(x, y)));
}

}  // namespace gunflow
