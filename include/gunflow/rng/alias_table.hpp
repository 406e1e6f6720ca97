#pragma once
// Walker's alias method (Vose's stable construction): an index with probability
// weight[i] / sum(weights) from one uniform, in constant time, whatever the number of
// weights. Used where a choice among thousands is made often and its weights do not
// change (a state's dealers weighted by sales volume, for a traced gun's first sale);
// where they change one at a time, blocked_alias_table.hpp builds on the same columns.
// Each column is one 16-byte record (its threshold, its alias and a small tag for each),
// so a pick touches one cache line: the tag is what the caller needs to know about the
// index picked (a dealer's type) without a second look-up.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/core/prefetch.hpp"

namespace gunflow {

/// One column of an alias table: kept with probability `prob` (given the column), else
/// its alias is picked; each with the caller's one-byte tag.
struct AliasColumn {
  double prob = 1;
  std::uint32_t alias = 0;
  std::uint8_t tag = 0;
  std::uint8_t alias_tag = 0;
};

/// Vose's construction: fills `columns` (one per weight, aliases indexing `weights`)
/// for weights >= 0 whose positive ones sum to `total` > 0. `small` and `large` are
/// work lists, reused between calls.
void build_alias_columns(std::span<const double> weights, std::span<const std::uint8_t> tags, double total,
                         std::span<AliasColumn> columns, std::vector<std::uint32_t>& small,
                         std::vector<std::uint32_t>& large);

class AliasTable {
 public:
  AliasTable() = default;
  /// Weights >= 0; an all-zero (or empty) list gives an empty table.
  explicit AliasTable(std::span<const double> weights) { assign(weights); }
  /// `tags` (empty, or one per weight) are handed back with the index picked.
  void assign(std::span<const double> weights, std::span<const std::uint8_t> tags = {});
  [[nodiscard]] bool empty() const { return columns_.empty(); }
  [[nodiscard]] std::size_t size() const { return columns_.size(); }
  [[nodiscard]] double total() const { return total_; }
  struct Picked {
    std::size_t index;
    std::uint8_t tag;
  };
  /// The index a uniform u in [0, 1) picks: the column floor(u n), kept or sent to its
  /// alias by the fraction left over. Requires !empty().
  [[nodiscard]] Picked pick_tagged(double u) const {
    const double x = u * static_cast<double>(columns_.size());
    const std::size_t col = std::min(static_cast<std::size_t>(x), columns_.size() - 1);  // u rounding to 1
    const AliasColumn& c = columns_[col];
    if (x - static_cast<double>(col) < c.prob) return {col, c.tag};
    return {c.alias, c.alias_tag};
  }
  [[nodiscard]] std::size_t pick(double u) const { return pick_tagged(u).index; }
  /// Starts fetching the column pick(u) will read.
  void prefetch(double u) const {
    prefetch_for_read(
        &columns_[std::min(static_cast<std::size_t>(u * static_cast<double>(columns_.size())), columns_.size() - 1)]);
  }

 private:
  std::vector<AliasColumn> columns_;
  std::vector<std::uint32_t> small_, large_;  // reused while building
  double total_ = 0;
};

}  // namespace gunflow
