#pragma once
// Shared set-up for model tests: the real baseline scenario and reference tables,
// shortened to a 60-day run without warm-up so each replication takes well under a
// second.
#include <string>

#include <Eigen/Core>

#include "gunflow/core/date.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/mexico.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/us_market.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::test {

/// scenarios/baseline.yaml, loaded once per test binary.
inline const Settings& baseline_settings() {
  static const Settings settings =
      load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings;
  return settings;
}

/// The baseline over [2010-01-01, +days), no warm-up: one output year (2010).
inline Settings short_settings(int days = 60) {
  Settings s = baseline_settings();
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = s.simulation.start + days;
  s.simulation.warmup_days = 0;
  return s;
}

inline constexpr std::uint64_t kSeed = 20100101;

/// Sum of one series over all output years.
inline double total(const Model& model, const ReplicationResult& r, const std::string& metric,
                    const std::string& key = "") {
  return r.values.row(static_cast<Eigen::Index>(model.layout().index(metric, key))).sum();
}

/// Sum of every keyed series of a metric over all output years.
inline double total_over_keys(const Model& model, const ReplicationResult& r, const std::string& metric) {
  double sum = 0;
  const auto& series = model.layout().series();
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i].metric == metric) sum += r.values.row(static_cast<Eigen::Index>(i)).sum();
  return sum;
}

/// A replication stepped by hand from `simulation.start` (no warm-up), so a test can look
/// at the replication state between days. Tallies go to year column 0.
struct SteppedReplication {
  explicit SteppedReplication(const Settings& settings)
      : s(settings),
        model(s),
        layout(make_layout(model.world(), s, rows)),
        values(Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout.size()), layout.n_years())),
        ctx{model.world(), s, rows, kSeed, 0, s.simulation.start, 0, &values} {
    init_replication(ctx, st);
  }
  /// The US, Mexican and enforcement steps of day `d`, as Model::run takes them.
  void step(Date d) {
    ctx.date = d;
    networks_act(ctx, st);
    mexico_day(ctx, st);
    enforcement_day(ctx, st);
  }

  Settings s;
  Model model;
  MetricRows rows;
  MetricLayout layout;
  Eigen::ArrayXXd values;
  StepContext ctx;
  ReplicationState st;
};

}  // namespace gunflow::test
