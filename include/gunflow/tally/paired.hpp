#pragma once
// Paired comparison of two scenarios run with common random numbers: replication i
// of both used the same random numbers, so the per-replication difference carries
// far less noise than the difference of two independent means.
#include <vector>

#include "gunflow/tally/layout.hpp"
#include "gunflow/tally/reduce.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {

struct PairedCell {
  Summary base;                                           ///< the reference scenario
  Summary scenario;                                       ///< the compared scenario
  Summary difference;                                     ///< of scenario - base, replication by replication
  double percent = 0, percent_low = 0, percent_high = 0;  ///< difference / |base mean| × 100
};

struct PairedTable {
  MetricLayout layout;
  std::vector<PairedCell> cells;  ///< [series * n_years + year]
  [[nodiscard]] const PairedCell& at(std::size_t series, int year) const {
    return cells[series * static_cast<std::size_t>(layout.n_years()) + static_cast<std::size_t>(year)];
  }
};

/// Both vectors sorted by replication, with the same replication indices.
PairedTable compare_paired(const MetricLayout& layout, const std::vector<ReplicationResult>& base,
                           const std::vector<ReplicationResult>& scenario);

/// The same for `n_pairs` pairs read through `base` and `scenario` (the i-th pair's
/// arms, in replication order), a block of cells at a time within about
/// `budget_bytes`, so a comparison of any size fits in fixed memory (reduce.hpp).
PairedTable compare_paired_blocked(const MetricLayout& layout, std::size_t n_pairs, const CellReader& base,
                                   const CellReader& scenario, std::size_t budget_bytes = kReductionBudgetBytes);

/// Throws std::runtime_error naming the metric, key and year if any value of `table`
/// (both arms, the difference and the percentages) is NaN or infinite.
void require_finite(const PairedTable& table);

}  // namespace gunflow
