#pragma once
// Repeated draws from one long discrete distribution (a state's dealers): cumulative
// weights plus a guide table (Chen & Asau's indexed search). The guide says where in
// the table each of n/8 equal slices of [0, total) starts, so a draw reads one guide
// entry and scans a few neighbours instead of binary-searching thousands of entries.
// A draw returns exactly what categorical_cumulative returns for the same stream.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/rng/stream.hpp"

namespace gunflow {

class CumulativeTable {
 public:
  /// Rebuilds from weights (>= 0). An all-zero or empty table cannot be drawn from.
  void assign(std::span<const double> weights);
  [[nodiscard]] bool empty() const { return cumulative_.empty() || !(cumulative_.back() > 0); }
  [[nodiscard]] std::span<const double> cumulative() const { return cumulative_; }
  /// Index i with probability weight[i] / total; requires !empty().
  std::size_t draw(Rng& rng) const { return find(rng.uniform()); }
  /// The index draw() answers when its uniform is u: the first i with cumulative[i] >
  /// u * total (std::upper_bound), clamped to the last entry.
  [[nodiscard]] std::size_t find(double u) const;

 private:
  std::vector<double> cumulative_;
  std::vector<std::uint32_t> guide_;  // guide_[j] <= the answer for any target in slice j
};

/// Which draws of a CumulativeTable land in a few chosen entries (a state's corrupt
/// dealers among thousands): the targets u * total each chosen entry answers form
/// disjoint intervals, so "did this draw land on a chosen entry, and which" is a
/// binary search over a few intervals that stay in cache, instead of a look-up in the
/// whole table. Answers exactly what table.find(u) answers whenever that is chosen.
class CumulativeSubset {
 public:
  /// `chosen`: indices into `table`, ascending. Rebuild whenever the table changes.
  void assign(const CumulativeTable& table, std::span<const std::size_t> chosen);
  /// table.find(u) if it is a chosen index, else -1.
  [[nodiscard]] std::ptrdiff_t find(double u) const;

 private:
  double total_ = 0;
  std::vector<double> low_, high_;      // target interval [low, high) of each chosen entry
  std::vector<std::size_t> index_;
};

}  // namespace gunflow
