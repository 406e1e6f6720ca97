#include "gunflow/model/arsenal.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace gunflow {
namespace {
constexpr std::int64_t kLargestSubset = 1 << 14;  // a day's attrition in a region is ~10^2

Lot one_gun(const GunOrigin& origin) {
  Lot gun;
  static_cast<GunOrigin&>(gun) = origin;
  gun.count = 1;
  return gun;
}
}  // namespace

void Arsenal::compact() {
  // Order-preserving, so every rank still names the same gun.
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
  block_sum_.assign((kept + kBlock - 1) / kBlock, 0);
  for (std::size_t i = 0; i < kept; ++i) block_sum_[i / kBlock] += counts_[i];
  super_sum_.assign((block_sum_.size() + kBlocksPerSuper - 1) / kBlocksPerSuper, 0);
  for (std::size_t b = 0; b < block_sum_.size(); ++b) super_sum_[b / kBlocksPerSuper] += block_sum_[b];
}

void Arsenal::add(const Lot& lot) {
  constexpr std::int64_t kMaxLot = std::numeric_limits<std::int32_t>::max();
  // Amortised O(1): a quarter of the lots must empty between two compactions.
  if (empty_lots_ >= 64 && 4 * empty_lots_ >= counts_.size()) compact();
  for (std::int64_t left = lot.count; left > 0; left -= kMaxLot) {  // one pass unless > 2^31 guns
    const std::int64_t n = std::min(left, kMaxLot);
    const std::size_t i = counts_.size();
    lots_.push_back(lot);  // its origin; the size goes to counts_
    counts_.push_back(static_cast<std::int32_t>(n));
    if (i % kBlock == 0) block_sum_.push_back(0);
    if ((i / kBlock) % kBlocksPerSuper == 0 && i % kBlock == 0) super_sum_.push_back(0);
    block_sum_.back() += n;
    super_sum_.back() += n;
    total_ += n;
  }
}

Arsenal::Located Arsenal::locate(std::int64_t k) const {
  std::size_t s = 0;
  while (k >= super_sum_[s]) k -= super_sum_[s++];
  std::size_t b = s * kBlocksPerSuper;
  while (k >= block_sum_[b]) k -= block_sum_[b++];
  return {b, k};
}

std::size_t Arsenal::remove_located(const Located& g) {
  // The block's sum exceeds the rank within it, so the scan stops inside the block.
  std::size_t i = g.block * kBlock;
  std::int64_t k = g.rank_in_block;
  while (k >= counts_[i]) k -= counts_[i++];
  if (--counts_[i] == 0) ++empty_lots_;
  --block_sum_[g.block];
  --super_sum_[g.block / kBlocksPerSuper];
  --total_;
  return i;
}

std::size_t Arsenal::take_one(std::int64_t k) {
  if (k < 0 || k >= total_) throw std::out_of_range("Arsenal: rank outside [0, total)");
  return remove_located(locate(k));
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
  // Locate every gun before removing any, in one merged pass: ranks ascend, and so do
  // the superblocks and blocks they fall in. Then prefetch each gun's line of sizes.
  // Guns are removed highest rank first: a removal shifts only the ranks above it,
  // which are done, so each location found here stays valid.
  located_.clear();
  std::size_t s = 0;
  std::int64_t before = 0;  // guns in superblocks before s
  for (const std::int64_t r : ranks_) {
    while (r - before >= super_sum_[s]) before += super_sum_[s++];
    std::int64_t k = r - before;
    std::size_t b = s * kBlocksPerSuper;
    while (k >= block_sum_[b]) k -= block_sum_[b++];
    located_.push_back({b, k});
    __builtin_prefetch(&counts_[b * kBlock], 1);
  }
  std::reverse(located_.begin(), located_.end());
  return true;
}

void Arsenal::drop_random(std::int64_t n, Rng& rng) {
  n = std::min(n, total_);
  if (n <= 0) return;
  if (!locate_random_subset(n, rng)) {  // one at a time instead (same law, same draws)
    for (std::int64_t i = 0; i < n; ++i) drop_at(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(total_)));
    return;
  }
  for (const Located& g : located_) remove_located(g);
}

void Arsenal::take_random(std::int64_t n, Rng& rng, std::vector<Lot>& out) {
  out.clear();
  n = std::min(n, total_);
  if (n <= 0) return;
  if (!locate_random_subset(n, rng)) {
    for (std::int64_t i = 0; i < n; ++i) out.push_back(remove_at(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(total_))));
    return;
  }
  for (const Located& g : located_) out.push_back(one_gun(lots_[remove_located(g)]));
}

Lot Arsenal::remove_at(std::int64_t k) {
  return one_gun(lots_[take_one(k)]);
}

void Arsenal::drop_at(std::int64_t k) { take_one(k); }

std::vector<Lot> Arsenal::lots() const {
  std::vector<Lot> out(lots_.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    static_cast<GunOrigin&>(out[i]) = lots_[i];
    out[i].count = counts_[i];
  }
  return out;
}

}  // namespace gunflow
