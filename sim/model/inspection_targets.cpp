#include "gunflow/model/inspection_targets.hpp"

#include <algorithm>

namespace gunflow {

/// Heap order: the most traces on top, ties to the lowest dealer index.
bool InspectionTargets::ranks_below(const Entry& a, const Entry& b) {
  return a.count != b.count ? a.count < b.count : a.dealer > b.dealer;
}

void InspectionTargets::reset(std::size_t dealers) {
  since_.assign(dealers, 0);
  heap_.clear();
}

bool InspectionTargets::current(const Entry& e) const {
  const auto d = static_cast<std::size_t>(e.dealer);
  return e.count == since_[d];
}

void InspectionTargets::traced(int dealer) {
  const auto d = static_cast<std::size_t>(dealer);
  heap_.push_back({++since_[d], dealer});
  std::push_heap(heap_.begin(), heap_.end(), ranks_below);
  // A dealer's current entries all say the same: the stale ones are rebuilt away before
  // the heap outgrows twice the dealers.
  if (heap_.size() > 2 * since_.size() + 1024) compact();
}

void InspectionTargets::compact() {
  heap_.clear();
  for (std::size_t d = 0; d < since_.size(); ++d)
    if (since_[d] > 0) heap_.push_back({since_[d], static_cast<std::int32_t>(d)});
  std::make_heap(heap_.begin(), heap_.end(), ranks_below);
}

int InspectionTargets::next(std::span<const std::uint8_t> revoked) {
  while (!heap_.empty()) {
    const Entry top = heap_.front();
    if (current(top) && revoked[static_cast<std::size_t>(top.dealer)] == 0) return top.dealer;
    std::pop_heap(heap_.begin(), heap_.end(), ranks_below);
    heap_.pop_back();
  }
  return -1;
}

void InspectionTargets::inspected(int dealer) {
  const auto d = static_cast<std::size_t>(dealer);
  since_[d] = 0;
}

}  // namespace gunflow
