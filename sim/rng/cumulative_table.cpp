#include "gunflow/rng/cumulative_table.hpp"

#include <algorithm>
#include <limits>

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

std::size_t CumulativeTable::find(double u) const {
  const double target = u * cumulative_.back();
  const auto slice = std::min(static_cast<std::size_t>(u * static_cast<double>(guide_.size())), guide_.size() - 1);
  // First i with cumulative[i] > target (as std::upper_bound), clamped to the last.
  std::size_t i = guide_[slice];
  const std::size_t last = cumulative_.size() - 1;
  while (i < last && cumulative_[i] <= target) ++i;
  return i;
}

void CumulativeSubset::assign(const CumulativeTable& table, std::span<const std::size_t> chosen) {
  low_.clear();
  high_.clear();
  index_.clear();
  const std::span<const double> cum = table.cumulative();
  if (table.empty()) return;
  total_ = cum.back();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t last = cum.size() - 1;
  for (const std::size_t i : chosen) {
    // find answers i for targets in [cum[i-1], cum[i]) — from -inf for the first
    // entry, to +inf for the last (the clamp) — so a zero weight answers nothing
    // unless it is last, exactly as in find.
    const double low = i == 0 ? -kInf : cum[i - 1];
    const double high = i == last ? kInf : cum[i];
    if (!(low < high)) continue;
    low_.push_back(low);
    high_.push_back(high);
    index_.push_back(i);
  }
}

std::ptrdiff_t CumulativeSubset::find(double u) const {
  const double target = u * total_;  // the same product as CumulativeTable::find
  // The last interval starting at or below the target, if the target is inside it.
  const auto it = std::upper_bound(low_.begin(), low_.end(), target);
  if (it == low_.begin()) return -1;
  const auto k = static_cast<std::size_t>(it - low_.begin()) - 1;
  return target < high_[k] ? static_cast<std::ptrdiff_t>(index_[k]) : -1;
}

}  // namespace gunflow
