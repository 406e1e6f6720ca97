#pragma once
// Reduction of per-replication results into summaries, in replication order on one
// thread, so the numbers are identical for any thread, rank or shard layout.
#include <vector>

#include "gunflow/tally/layout.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {

struct SummaryTable {
  MetricLayout layout;
  /// cells[series * n_years + year_offset]
  std::vector<Summary> cells;
  [[nodiscard]] const Summary& at(std::size_t series, int year_offset) const {
    return cells[series * static_cast<std::size_t>(layout.n_years()) + static_cast<std::size_t>(year_offset)];
  }
};

/// `results` must be sorted by replication index (the runner guarantees it).
SummaryTable reduce_results(const MetricLayout& layout, const std::vector<ReplicationResult>& results);

}  // namespace gunflow
