#pragma once
// Reduction of per-replication results into summaries, in replication order on one
// thread, so the numbers are identical for any thread, rank or shard layout.
//
// Results need not be in memory: the reduction reads them a block of cells at a time
// (every replication's values for those cells), so a batch of any size is reduced in
// a fixed amount of memory with exact quantiles.
#include <cstddef>
#include <functional>
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

/// Values held at once by a reduction (64 MiB), however many replications there are.
inline constexpr std::size_t kReductionBudgetBytes = std::size_t{64} << 20;

/// Fills out[0, count) with cells [first, first + count) of the i-th replication in
/// replication order; a cell is series + year_offset * n_series (ReplicationResult's
/// column-major layout, as in checkpoint records).
using CellReader = std::function<void(std::size_t i, std::size_t first, std::size_t count, double* out)>;

/// Summaries of `n_replications` results read through `read`, holding about
/// `budget_bytes` of values at a time (at least one cell of every replication).
SummaryTable reduce_blocked(const MetricLayout& layout, std::size_t n_replications, const CellReader& read,
                            std::size_t budget_bytes = kReductionBudgetBytes);

/// `results` must be sorted by replication index (the runner guarantees it).
SummaryTable reduce_results(const MetricLayout& layout, const std::vector<ReplicationResult>& results);

/// Throws std::runtime_error (an internal error: the model made it) naming the metric, its
/// key and year if any cell of `table` is NaN or infinite. Every writer's input is checked
/// first, so no output ever holds NaN or inf.
void require_finite(const SummaryTable& table);
/// The same for one replication's values (replications.csv).
void require_finite(const MetricLayout& layout, const ReplicationResult& result);
/// "metric guns_arrived (key TX), year 2011": the cell of a check's message.
std::string describe_cell(const MetricLayout& layout, std::size_t series, int year_offset);

}  // namespace gunflow
