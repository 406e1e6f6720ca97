#include "gunflow/model/arsenal.hpp"

#include <algorithm>
#include <stdexcept>

namespace gunflow {
namespace {
constexpr std::int64_t kLargestSubset = 1 << 14;  // a day's attrition in a region is ~10^2
}  // namespace

void Arsenal::fenwick_add(std::size_t block, std::int64_t delta) {
  for (std::size_t j = block + 1; j < tree_.size(); j += j & (~j + 1)) tree_[j] += delta;
}

void Arsenal::make_room() {
  // Compact first when a quarter of the lots are empty (amortised O(1) per lot, and
  // order-preserving, so every rank still names the same gun).
  if (empty_lots_ > 0 && 4 * empty_lots_ >= counts_.size()) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] == 0) continue;
      lots_[kept] = lots_[i];
      counts_[kept] = counts_[i];
      ++kept;
    }
    lots_.resize(kept);
    counts_.resize(kept);
    empty_lots_ = 0;
  }
  // Room for twice the live lots; O(n) construction, each node passing its finished
  // sum up to its parent once. Nodes past the last block carry sums below them.
  const std::size_t blocks = std::max<std::size_t>(8, 2 * (counts_.size() / kBlock + 1));
  tree_.assign(blocks + 1, 0);
  for (std::size_t i = 0; i < counts_.size(); ++i) tree_[i / kBlock + 1] += counts_[i];
  for (std::size_t j = 1; j < tree_.size(); ++j) {
    const std::size_t parent = j + (j & (~j + 1));
    if (parent < tree_.size()) tree_[parent] += tree_[j];
  }
  top_step_ = 1;
  while (top_step_ * 2 < tree_.size()) top_step_ *= 2;
}

void Arsenal::add(const Lot& lot) {
  constexpr std::int64_t kMaxLot = std::numeric_limits<std::int32_t>::max();
  for (std::int64_t left = lot.count; left > 0; left -= kMaxLot) {  // one pass unless > 2^31 guns
    const std::int64_t n = std::min(left, kMaxLot);
    if (counts_.size() >= (tree_.size() - (tree_.empty() ? 0 : 1)) * kBlock) make_room();
    lots_.push_back(lot);
    counts_.push_back(static_cast<std::int32_t>(n));
    fenwick_add((counts_.size() - 1) / kBlock, n);
    total_ += n;
  }
}

std::size_t Arsenal::block_of(std::int64_t& k) const {
  // Fenwick descent: the block b such that prefix(b) <= k < prefix(b + 1).
  std::size_t block = 0;
  for (std::size_t step = top_step_; step > 0; step /= 2) {
    if (block + step < tree_.size() && tree_[block + step] <= k) {
      block += step;
      k -= tree_[block];
    }
  }
  return block;
}

std::size_t Arsenal::take_one(std::int64_t k) {
  if (k < 0 || k >= total_) throw std::out_of_range("Arsenal: rank outside [0, total)");
  const std::size_t block = block_of(k);
  return remove_located(block, k);  // the block's sum exceeds k: the scan stops inside it
}

bool Arsenal::locate_random_subset(std::int64_t n, Rng& rng) {
  if (n > kLargestSubset) return false;  // sorted insertion is quadratic
  // Floyd: for j = N-n .. N-1 take t uniform in [0, j]; keep t, or j if t is taken.
  // Exactly n draws give a uniform n-subset. Kept sorted (j always goes last).
  ranks_.clear();
  for (std::int64_t j = total_ - n; j < total_; ++j) {
    const auto t = std::min(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(j + 1)), j);
    const auto it = std::lower_bound(ranks_.begin(), ranks_.end(), t);
    if (it != ranks_.end() && *it == t) ranks_.push_back(j);
    else ranks_.insert(it, t);
  }
  // Locate every gun before removing any. The descents run in lockstep, one tree
  // level for all guns at a time, so their cache misses overlap instead of queueing;
  // then the size block each one lands in is prefetched. Guns are removed highest
  // rank first: a removal shifts only the ranks above it, which are done.
  located_.clear();
  for (auto r = ranks_.rbegin(); r != ranks_.rend(); ++r) located_.push_back({0, *r});
  for (std::size_t step = top_step_; step > 0; step /= 2) {
    for (Located& g : located_) {
      const std::size_t node = g.block + step;
      if (node < tree_.size() && tree_[node] <= g.rank_in_block) {
        g.block = node;
        g.rank_in_block -= tree_[node];
      }
    }
  }
  for (const Located& g : located_) __builtin_prefetch(&counts_[g.block * kBlock], 1);
  return true;
}

std::size_t Arsenal::remove_located(std::size_t block, std::int64_t k) {
  std::size_t i = block * kBlock;
  while (k >= counts_[i]) k -= counts_[i++];
  if (--counts_[i] == 0) ++empty_lots_;
  fenwick_add(block, -1);
  --total_;
  return i;
}

void Arsenal::drop_random(std::int64_t n, Rng& rng) {
  n = std::min(n, total_);
  if (n <= 0) return;
  if (!locate_random_subset(n, rng)) {  // one at a time instead (same law, same draws)
    for (std::int64_t i = 0; i < n; ++i) drop_at(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(total_)));
    return;
  }
  for (const Located& g : located_) remove_located(g.block, g.rank_in_block);
}

void Arsenal::take_random(std::int64_t n, Rng& rng, std::vector<Lot>& out) {
  out.clear();
  n = std::min(n, total_);
  if (n <= 0) return;
  if (!locate_random_subset(n, rng)) {
    for (std::int64_t i = 0; i < n; ++i) out.push_back(remove_at(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(total_))));
    return;
  }
  for (const Located& g : located_) {
    out.push_back(lots_[remove_located(g.block, g.rank_in_block)]);
    out.back().count = 1;
  }
}

Lot Arsenal::remove_at(std::int64_t k) {
  Lot one = lots_[take_one(k)];
  one.count = 1;
  return one;
}

void Arsenal::drop_at(std::int64_t k) { take_one(k); }

std::vector<Lot> Arsenal::lots() const {
  std::vector<Lot> out = lots_;
  for (std::size_t i = 0; i < out.size(); ++i) out[i].count = counts_[i];
  return out;
}

}  // namespace gunflow
