#include "gunflow/tally/paired.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace gunflow {

PairedTable compare_paired(const MetricLayout& layout, const std::vector<ReplicationResult>& base,
                           const std::vector<ReplicationResult>& scenario) {
  if (base.size() != scenario.size()) throw std::invalid_argument("compare_paired: replication counts differ");
  for (std::size_t r = 0; r < base.size(); ++r)
    if (base[r].replication != scenario[r].replication)
      throw std::invalid_argument("compare_paired: replications are not paired");
  auto reader = [](const std::vector<ReplicationResult>& arm) {
    return [&arm](std::size_t i, std::size_t first, std::size_t count, double* out) {
      std::memcpy(out, arm[i].values.data() + first, count * sizeof(double));
    };
  };
  return compare_paired_blocked(layout, base.size(), reader(base), reader(scenario));
}

PairedTable compare_paired_blocked(const MetricLayout& layout, std::size_t n_pairs, const CellReader& base,
                                   const CellReader& scenario, std::size_t budget_bytes) {
  PairedTable t{layout, {}};
  const std::size_t n_series = layout.size();
  const auto n_years = static_cast<std::size_t>(layout.n_years());
  const std::size_t n_cells = n_series * n_years;
  t.cells.resize(n_cells);
  const std::size_t bytes_per_cell = 2 * sizeof(double) * std::max<std::size_t>(1, n_pairs);
  const std::size_t per_block =
      std::clamp<std::size_t>(budget_bytes / bytes_per_cell, 1, std::max<std::size_t>(1, n_cells));
  std::vector<double> base_block(per_block * n_pairs), scenario_block(per_block * n_pairs);  // [pair][cell in block]
  std::vector<double> b(n_pairs), s(n_pairs), d(n_pairs);
  for (std::size_t first = 0; first < n_cells; first += per_block) {
    const std::size_t count = std::min(per_block, n_cells - first);
    for (std::size_t r = 0; r < n_pairs; ++r) {
      base(r, first, count, base_block.data() + r * count);
      scenario(r, first, count, scenario_block.data() + r * count);
    }
    for (std::size_t c = 0; c < count; ++c) {
      for (std::size_t r = 0; r < n_pairs; ++r) {
        b[r] = base_block[r * count + c];
        s[r] = scenario_block[r * count + c];
        d[r] = s[r] - b[r];
      }
      const std::size_t cell = first + c;  // series + year * n_series
      PairedCell& pc = t.cells[(cell % n_series) * n_years + cell / n_series];
      pc.base = summarize(b);
      pc.scenario = summarize(s);
      pc.difference = summarize(d);
      // Relative to the baseline mean, whose own uncertainty is ignored (it is shared
      // by both arms and much smaller than the paired difference's).
      const double scale = std::fabs(pc.base.mean) > 0 ? 100.0 / std::fabs(pc.base.mean) : 0.0;
      pc.percent = pc.difference.mean * scale;
      pc.percent_low = pc.difference.ci_low * scale;
      pc.percent_high = pc.difference.ci_high * scale;
    }
  }
  return t;
}

void require_finite(const PairedTable& table) {
  for (std::size_t s = 0; s < table.layout.size(); ++s)
    for (int y = 0; y < table.layout.n_years(); ++y) {
      const PairedCell& c = table.at(s, y);
      for (const Summary* m : {&c.base, &c.scenario, &c.difference})
        for (const double v : {m->mean, m->sd, m->ci_low, m->ci_high, m->q05, m->q50, m->q95})
          if (!std::isfinite(v))
            throw std::runtime_error(describe_cell(table.layout, s, y) + ": a comparison is " + std::to_string(v) +
                                     "; no output is written with NaN or inf (a model error: please report it)");
      for (const double v : {c.percent, c.percent_low, c.percent_high})
        if (!std::isfinite(v))
          throw std::runtime_error(describe_cell(table.layout, s, y) + ": a percentage change is " + std::to_string(v) +
                                   "; no output is written with NaN or inf");
    }
}

}  // namespace gunflow
