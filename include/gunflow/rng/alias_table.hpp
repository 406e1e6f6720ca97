#pragma once
// Walker's alias method (Vose's stable construction): an index with probability
// weight[i] / sum(weights) from one uniform, in constant time, whatever the number of
// weights. Used where a choice among thousands is made often and its weights change
// rarely (a state's dealers, weighted by sales volume or by attraction to straw buyers).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/core/prefetch.hpp"

namespace gunflow {

class AliasTable {
 public:
  AliasTable() = default;
  /// Weights >= 0; an all-zero (or empty) list gives an empty table.
  explicit AliasTable(std::span<const double> weights) { assign(weights); }
  void assign(std::span<const double> weights);
  [[nodiscard]] bool empty() const { return prob_.empty(); }
  [[nodiscard]] std::size_t size() const { return prob_.size(); }
  [[nodiscard]] double total() const { return total_; }
  /// The index a uniform u in [0, 1) picks: the column floor(u n), kept or sent to its
  /// alias by the fraction left over. Requires !empty().
  /// Starts fetching the column pick(u) will read.
  void prefetch(double u) const {
    const auto col = std::min(static_cast<std::size_t>(u * static_cast<double>(prob_.size())), prob_.size() - 1);
    prefetch_for_read(&prob_[col]);
    prefetch_for_read(&alias_[col]);
  }
  [[nodiscard]] std::size_t pick(double u) const {
    const double x = u * static_cast<double>(prob_.size());
    std::size_t col = static_cast<std::size_t>(x);
    if (col >= prob_.size()) col = prob_.size() - 1;  // u rounding to 1
    return x - static_cast<double>(col) < prob_[col] ? col : alias_[col];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
  double total_ = 0;
};

}  // namespace gunflow
