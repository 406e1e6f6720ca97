#include "gunflow/model/arsenal.hpp"

#include <stdexcept>

namespace gunflow {

void Arsenal::fenwick_add(std::size_t i, std::int64_t delta) {
  for (std::size_t j = i + 1; j < tree_.size(); j += j & (~j + 1)) tree_[j] += delta;
}

void Arsenal::rebuild(std::size_t capacity) {
  // O(n) construction: each node passes its finished sum up to its parent once.
  // Nodes past the last lot still carry sums of the lots below them.
  tree_.assign(capacity + 1, 0);
  for (std::size_t j = 1; j < tree_.size(); ++j) {
    if (j <= lots_.size()) tree_[j] += lots_[j - 1].count;
    const std::size_t parent = j + (j & (~j + 1));
    if (parent < tree_.size()) tree_[parent] += tree_[j];
  }
}

void Arsenal::add(const Lot& lot) {
  if (lot.count <= 0) return;
  if (lots_.size() + 2 > tree_.size()) {
    lots_.push_back(lot);
    rebuild(std::max<std::size_t>(64, 2 * lots_.size()));
  } else {
    lots_.push_back(lot);
    fenwick_add(lots_.size() - 1, lot.count);
  }
  total_ += lot.count;
}

Lot Arsenal::remove_at(std::int64_t k) {
  if (k < 0 || k >= total_) throw std::out_of_range("Arsenal::remove_at");
  // Fenwick descent: the lot i such that prefix(i) <= k < prefix(i + 1).
  std::size_t pos = 0;
  std::size_t step = 1;
  while (step * 2 < tree_.size()) step *= 2;
  for (; step > 0; step /= 2) {
    if (pos + step < tree_.size() && tree_[pos + step] <= k) {
      pos += step;
      k -= tree_[pos];
    }
  }
  Lot& lot = lots_[pos];  // pos is the 0-based index of the chosen lot
  --lot.count;
  fenwick_add(pos, -1);
  --total_;
  Lot one = lot;
  one.count = 1;
  return one;
}

}  // namespace gunflow
