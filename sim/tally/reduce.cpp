#include "gunflow/tally/reduce.hpp"

namespace gunflow {

SummaryTable reduce_results(const MetricLayout& layout, const std::vector<ReplicationResult>& results) {
  SummaryTable table{layout, {}};
  const auto n_years = static_cast<std::size_t>(layout.n_years());
  table.cells.resize(layout.size() * n_years);
  std::vector<double> values(results.size());
  for (std::size_t s = 0; s < layout.size(); ++s) {
    for (std::size_t y = 0; y < n_years; ++y) {
      for (std::size_t r = 0; r < results.size(); ++r)
        values[r] = results[r].values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(y));
      table.cells[s * n_years + y] = summarize(values);
    }
  }
  return table;
}

}  // namespace gunflow
