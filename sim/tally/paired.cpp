#include "gunflow/tally/paired.hpp"

#include <cmath>
#include <stdexcept>

namespace gunflow {

PairedTable compare_paired(const MetricLayout& layout, const std::vector<ReplicationResult>& base,
                           const std::vector<ReplicationResult>& scenario) {
  if (base.size() != scenario.size()) throw std::invalid_argument("compare_paired: replication counts differ");
  for (std::size_t r = 0; r < base.size(); ++r)
    if (base[r].replication != scenario[r].replication)
      throw std::invalid_argument("compare_paired: replications are not paired");
  PairedTable t{layout, {}};
  const auto n_years = static_cast<std::size_t>(layout.n_years());
  t.cells.resize(layout.size() * n_years);
  std::vector<double> b(base.size()), s(base.size()), d(base.size());
  for (std::size_t row = 0; row < layout.size(); ++row) {
    for (std::size_t y = 0; y < n_years; ++y) {
      for (std::size_t r = 0; r < base.size(); ++r) {
        b[r] = base[r].values(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(y));
        s[r] = scenario[r].values(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(y));
        d[r] = s[r] - b[r];
      }
      PairedCell& c = t.cells[row * n_years + y];
      c.base = summarize(b);
      c.scenario = summarize(s);
      c.difference = summarize(d);
      // Relative to the baseline mean, whose own uncertainty is ignored (it is shared
      // by both arms and much smaller than the paired difference's).
      const double scale = std::fabs(c.base.mean) > 0 ? 100.0 / std::fabs(c.base.mean) : 0.0;
      c.percent = c.difference.mean * scale;
      c.percent_low = c.difference.ci_low * scale;
      c.percent_high = c.difference.ci_high * scale;
    }
  }
  return t;
}

}  // namespace gunflow
