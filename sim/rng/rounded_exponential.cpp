#include "gunflow/rng/rounded_exponential.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gunflow {
namespace {
constexpr std::uint64_t kGrid = std::uint64_t{1} << 52;  // grid points of Rng::uniform_at

/// lround(x) for x >= 0 (ties away from zero), exactly: x − ⌊x⌋ is exact for such x.
std::int64_t round_half_up(double x) {
  const auto whole = static_cast<std::int64_t>(x);
  return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}
}  // namespace

std::int64_t RoundedExponential::formula(double mean, std::uint64_t j) {
  return round_half_up(-mean * std::log(Rng::uniform_at(j)));
}

RoundedExponential::RoundedExponential(double mean) : mean_(mean) {
  if (!(mean > 0) || !std::isfinite(mean)) throw std::invalid_argument("RoundedExponential: the mean must be positive");
  // Values up to K cover u >= 2^-16 (−log 2^-16 = 11.09); smaller u, one draw in 65,536,
  // take the formula. At most 4,096 breakpoints (means up to a year).
  const auto k_max = static_cast<std::int64_t>(std::min(4096.0, std::floor(11.0 * mean)));
  first_at_most_.resize(static_cast<std::size_t>(k_max) + 1);
  for (std::int64_t k = 0; k <= k_max; ++k) {
    // The first j whose value is at most k (the value at the last j is 0).
    std::uint64_t lo = 0, hi = kGrid - 1;
    while (lo < hi) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      if (formula(mean, mid) <= k)
        hi = mid;
      else
        lo = mid + 1;
    }
    first_at_most_[static_cast<std::size_t>(k)] = lo;
  }
  for (std::size_t b = 0; b < guide_.size(); ++b)
    guide_[b] = static_cast<std::uint32_t>(std::min(formula(mean, b << (52 - kBucketBits)), k_max));
}

std::int64_t RoundedExponential::at(std::uint64_t j) const {
  if (first_at_most_.empty()) return formula(mean_, j);  // default-constructed: no table
  const auto last = static_cast<std::int64_t>(first_at_most_.size()) - 1;
  std::int64_t k = guide_[j >> (52 - kBucketBits)];
  const std::uint64_t* b = first_at_most_.data();
  if (j < b[last]) return formula(mean_, j);  // beyond the table
  // B_k <= the bucket's first j <= j; walk down while j has also passed B_(k−1).
  while (k > 0 && b[k - 1] <= j) --k;
  // Near a step the formula decides (see the header).
  if (j - b[k] < kNear || (k > 0 && b[k - 1] - j <= kNear)) return formula(mean_, j);
  return k;
}

}  // namespace gunflow
