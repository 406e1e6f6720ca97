#include "gunflow/model/inspection_targets.hpp"

#include <algorithm>

namespace gunflow {

/// Heap order: the highest rank on top, ties to the lowest dealer index.
bool InspectionTargets::ranks_below(const Entry& a, const Entry& b) {
  return a.rank != b.rank ? a.rank < b.rank : a.dealer > b.dealer;
}

std::uint64_t InspectionTargets::rank_of(std::size_t d) const {
  return (static_cast<std::uint64_t>(young_[d]) << 32) | all_[d];
}

void InspectionTargets::reset(std::size_t dealers) {
  young_.assign(dealers, 0);
  all_.assign(dealers, 0);
  heap_.clear();
}

void InspectionTargets::traced(int dealer, bool young) {
  const auto d = static_cast<std::size_t>(dealer);
  ++all_[d];
  if (young) ++young_[d];
  heap_.push_back({rank_of(d), dealer});
  std::push_heap(heap_.begin(), heap_.end(), ranks_below);
  // A dealer's current entries all say the same: the stale ones are rebuilt away before
  // the heap outgrows twice the dealers.
  if (heap_.size() > 2 * all_.size() + 1024) compact();
}

void InspectionTargets::compact() {
  heap_.clear();
  for (std::size_t d = 0; d < all_.size(); ++d)
    if (all_[d] > 0) heap_.push_back({rank_of(d), static_cast<std::int32_t>(d)});
  std::make_heap(heap_.begin(), heap_.end(), ranks_below);
}

int InspectionTargets::next(std::span<const std::uint8_t> revoked) {
  while (!heap_.empty()) {
    const Entry top = heap_.front();
    const auto d = static_cast<std::size_t>(top.dealer);
    if (top.rank == rank_of(d) && revoked[d] == 0) return top.dealer;
    std::pop_heap(heap_.begin(), heap_.end(), ranks_below);
    heap_.pop_back();
  }
  return -1;
}

void InspectionTargets::inspected(int dealer) {
  const auto d = static_cast<std::size_t>(dealer);
  young_[d] = 0;
  all_[d] = 0;
}

}  // namespace gunflow
