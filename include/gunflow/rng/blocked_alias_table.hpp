#pragma once
// An alias table whose weights change one at a time: an index with probability
// weight[i] / sum(weights) from one uniform, in constant time, and a change of one weight
// rebuilding a block of 64 columns and a table over the n / 64 block totals instead of
// all n columns.
//
// Why: a state's dealers (thousands) are drawn for every trip and re-weighted after each
// inspection that reforms or revokes one and each renewal that fills a place, several
// thousand times a replication; rebuilding the whole table each time was 7% of a
// replication (docs/performance.md). Here the indices are cut into blocks of kBlock; each
// block has its own alias columns, and a small top table picks a block by its total. A
// pick is then two alias picks, the second on what is left of the uniform after the
// first (given the first's outcome that rest is again uniform), and a change rebuilds one
// block and the top table. Each index is still picked with probability weight / total.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/core/prefetch.hpp"
#include "gunflow/rng/alias_table.hpp"

namespace gunflow {

class BlockedAliasTable {
 public:
  static constexpr std::size_t kBlock = 64;

  /// Weights >= 0 (a negative or NaN one counts as 0) and `tags` (empty, or one per
  /// weight; std::invalid_argument otherwise) handed back with the index picked.
  void assign(std::span<const double> weights, std::span<const std::uint8_t> tags = {});
  /// Index i < size() now has weight w >= 0 and tag `tag`. Picks are then exactly those of
  /// a table assigned the same weights and tags afresh.
  void update(std::size_t i, double w, std::uint8_t tag);
  /// No index can be picked (none, or every weight 0).
  [[nodiscard]] bool empty() const { return !(total_ > 0); }
  [[nodiscard]] std::size_t size() const { return weights_.size(); }
  [[nodiscard]] double total() const { return total_; }
  /// Index i's weight as stored (negative and NaN weights stored as 0).
  [[nodiscard]] double weight(std::size_t i) const { return weights_[i]; }

  struct Picked {
    std::size_t index;
    std::uint8_t tag;
  };
  /// The index a uniform u in (0, 1) picks. Requires !empty().
  [[nodiscard]] Picked pick_tagged(double u) const {
    const Column at = column_of(u);
    const AliasColumn& c = columns_[at.first + at.col];
    if (at.fraction < c.prob) return {at.first + at.col, c.tag};
    return {at.first + c.alias, c.alias_tag};
  }
  [[nodiscard]] std::size_t pick(double u) const { return pick_tagged(u).index; }
  /// Starts fetching the column pick(u) will read (the top table is small and stays cached).
  /// Requires !empty().
  void prefetch(double u) const {
    const Column at = column_of(u);
    prefetch_for_read(&columns_[at.first + at.col]);
  }

 private:
  /// A column of the top table, with the reciprocals that turn what is left of the
  /// uniform into a uniform for the block's own pick.
  struct TopColumn {
    double prob = 1;
    double per_kept = 1;     // 1 / prob
    double per_aliased = 0;  // 1 / (1 - prob)
    std::uint32_t alias = 0;
  };
  struct BlockPick {
    std::size_t block;
    double rest;  // uniform in [0, 1), independent of the block picked
  };
  [[nodiscard]] BlockPick pick_block(double u) const {
    const double x = u * static_cast<double>(top_.size());
    const std::size_t col = std::min(static_cast<std::size_t>(x), top_.size() - 1);
    const TopColumn& t = top_[col];
    const double f = x - static_cast<double>(col);
    constexpr double kBelowOne = 1.0 - 0x1p-53;  // a product rounding up to 1 stays in the block
    if (f < t.prob) return {col, std::min(f * t.per_kept, kBelowOne)};
    return {t.alias, std::min((f - t.prob) * t.per_aliased, kBelowOne)};
  }
  struct Column {
    std::size_t first, col;  // the block's first index, and the column within it
    double fraction;         // what is left of the uniform within the column, in [0, 1)
  };
  /// The column of its block a uniform falls in.
  [[nodiscard]] Column column_of(double u) const {
    const BlockPick b = pick_block(u);
    const std::size_t first = b.block * kBlock;
    const std::size_t n = std::min(kBlock, weights_.size() - first);
    const double x = b.rest * static_cast<double>(n);
    const std::size_t col = std::min(static_cast<std::size_t>(x), n - 1);
    return {first, col, x - static_cast<double>(col)};
  }
  void build_block(std::size_t block);
  void build_top();

  std::vector<double> weights_;
  std::vector<std::uint8_t> tags_;
  std::vector<AliasColumn> columns_;  // block b's columns at [b kBlock, ...), aliases within the block
  std::vector<double> block_total_;
  std::vector<TopColumn> top_;
  double total_ = 0;
  std::vector<AliasColumn> top_work_;         // reused while building
  std::vector<std::uint32_t> small_, large_;  // reused while building
};

}  // namespace gunflow
