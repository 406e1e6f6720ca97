#pragma once
// Repeated draws from one long discrete distribution (a state's dealers): cumulative
// weights plus a guide table (Chen & Asau's indexed search). The guide says where in
// the table each of n/8 equal slices of [0, total) starts, so a draw reads one guide
// entry and scans a few neighbours instead of binary-searching thousands of entries.
// A draw returns exactly what categorical_cumulative returns for the same stream.
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
  std::size_t draw(Rng& rng) const;

 private:
  std::vector<double> cumulative_;
  std::vector<std::uint32_t> guide_;  // guide_[j] <= the answer for any target in slice j
};

}  // namespace gunflow
