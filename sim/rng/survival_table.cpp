#include "gunflow/rng/survival_table.hpp"

#include <stdexcept>
#include <utility>

namespace gunflow {

SurvivalTable::SurvivalTable(std::vector<double> survival) : s_(std::move(survival)) {
  if (s_.empty() || !(s_.front() <= 1.0) || !(s_.back() >= 0.0))
    throw std::invalid_argument("SurvivalTable: values must lie in [0, 1]");
  for (std::size_t k = 1; k < s_.size(); ++k)
    if (!(s_[k] <= s_[k - 1])) throw std::invalid_argument("SurvivalTable: values must not increase");
  // One slice per step. Slice bounds rise as the answers fall, so one merged pass fills
  // the guide. v_0 = S[n] has no answer (nothing is below the smallest value); it is
  // never asked for (targets lie above S[n]) and is clamped to n.
  const std::size_t n = s_.size() - 1;
  const std::size_t slices = std::max<std::size_t>(n, 1);
  lowest_ = s_.back();
  width_ = (1.0 - lowest_) / static_cast<double>(slices);
  per_width_ = width_ > 0 ? 1.0 / width_ : 0.0;
  guide_.assign(slices + 1, 0);
  std::size_t k = n;
  for (std::size_t j = 0; j <= slices; ++j) {
    const double v = bound(j);
    while (k > 0 && s_[k - 1] < v) --k;  // first k with S[k] < v
    guide_[j] = static_cast<std::uint32_t>(k);
  }
}

}  // namespace gunflow
