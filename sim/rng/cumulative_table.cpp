#include "gunflow/rng/cumulative_table.hpp"

#include <algorithm>

namespace gunflow {

void CumulativeTable::assign(std::span<const double> weights) {
  cumulative_.resize(weights.size());
  double acc = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) cumulative_[i] = acc += weights[i];
  // One guide entry per 8 table entries: small enough to stay in cache, and a draw
  // then scans about one cache line of the table.
  guide_.assign((weights.size() + 7) / 8, 0);
  if (empty()) return;
  // Slice j holds targets u * total with u in [j/n, (j+1)/n). The guide is a lower
  // bound of every answer in the slice; the slack absorbs rounding in u * total.
  // One merged pass (slice bounds and the table both increase): O(n), because a
  // state's table is rebuilt after every revocation.
  const double n = static_cast<double>(guide_.size());
  std::size_t i = 0;
  for (std::size_t j = 0; j < guide_.size(); ++j) {
    const double lowest = cumulative_.back() * (static_cast<double>(j) / n) * (1.0 - 1e-9);
    while (i < cumulative_.size() && cumulative_[i] <= lowest) ++i;  // std::upper_bound
    guide_[j] = static_cast<std::uint32_t>(i);
  }
}

std::size_t CumulativeTable::draw(Rng& rng) const {
  const double u = rng.uniform();
  const double target = u * cumulative_.back();
  const auto slice = std::min(static_cast<std::size_t>(u * static_cast<double>(guide_.size())), guide_.size() - 1);
  // First i with cumulative[i] > target (as std::upper_bound), clamped to the last.
  std::size_t i = guide_[slice];
  const std::size_t last = cumulative_.size() - 1;
  while (i < last && cumulative_[i] <= target) ++i;
  return i;
}

}  // namespace gunflow
