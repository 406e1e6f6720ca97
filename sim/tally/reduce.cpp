#include "gunflow/tally/reduce.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace gunflow {

SummaryTable reduce_blocked(const MetricLayout& layout, std::size_t n_replications, const CellReader& read,
                            std::size_t budget_bytes) {
  SummaryTable table{layout, {}};
  const std::size_t n_series = layout.size();
  const auto n_years = static_cast<std::size_t>(layout.n_years());
  const std::size_t n_cells = n_series * n_years;
  table.cells.resize(n_cells);
  const std::size_t bytes_per_cell = sizeof(double) * std::max<std::size_t>(1, n_replications);
  const std::size_t per_block =
      std::clamp<std::size_t>(budget_bytes / bytes_per_cell, 1, std::max<std::size_t>(1, n_cells));
  std::vector<double> block(per_block * n_replications);  // [replication][cell in block]
  std::vector<double> values(n_replications);             // one cell, replication order
  for (std::size_t first = 0; first < n_cells; first += per_block) {
    const std::size_t count = std::min(per_block, n_cells - first);
    for (std::size_t i = 0; i < n_replications; ++i) read(i, first, count, block.data() + i * count);
    for (std::size_t c = 0; c < count; ++c) {
      for (std::size_t i = 0; i < n_replications; ++i) values[i] = block[i * count + c];
      const std::size_t cell = first + c;
      table.cells[(cell % n_series) * n_years + cell / n_series] = summarize(values);
    }
  }
  return table;
}

SummaryTable reduce_results(const MetricLayout& layout, const std::vector<ReplicationResult>& results) {
  return reduce_blocked(layout, results.size(), [&](std::size_t i, std::size_t first, std::size_t count, double* out) {
    std::memcpy(out, results[i].values.data() + first, count * sizeof(double));
  });
}

std::string describe_cell(const MetricLayout& layout, std::size_t series, int year_offset) {
  const SeriesKey& k = layout.series().at(series);
  return "metric " + k.metric + (k.key.empty() ? "" : " (key " + k.key + ")") + ", year " +
         std::to_string(layout.first_year() + year_offset);
}

void require_finite(const SummaryTable& table) {
  for (std::size_t s = 0; s < table.layout.size(); ++s)
    for (int y = 0; y < table.layout.n_years(); ++y) {
      const Summary& c = table.at(s, y);
      for (const double v : {c.mean, c.sd, c.ci_low, c.ci_high, c.q05, c.q50, c.q95})
        if (!std::isfinite(v))
          throw std::runtime_error(describe_cell(table.layout, s, y) + ": the summary is " + std::to_string(v) +
                                   "; no output is written with NaN or inf (a model error: please report it)");
    }
}

void require_finite(const MetricLayout& layout, const ReplicationResult& result) {
  for (std::size_t s = 0; s < layout.size(); ++s)
    for (int y = 0; y < layout.n_years(); ++y)
      if (!std::isfinite(result.values(static_cast<Eigen::Index>(s), y)))
        throw std::runtime_error(describe_cell(layout, s, y) + ": replication " + std::to_string(result.replication) +
                                 " is " + std::to_string(result.values(static_cast<Eigen::Index>(s), y)) +
                                 "; no output is written with NaN or inf (a model error: please report it)");
}

}  // namespace gunflow
