#pragma once
// Shared set-up for model tests: the real baseline scenario and reference tables,
// shortened to a 60-day run without warm-up so each replication takes well under a
// second.
#include <string>

#include <Eigen/Core>

#include "gunflow/core/date.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::test {

/// scenarios/baseline.yaml, loaded once per test binary.
inline const Settings& baseline_settings() {
  static const Settings settings = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings;
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

/// A replication stepped by hand from `simulation.start` (no warm-up) with Model::step,
/// the call Model::run makes, so a test can look at the replication state between days.
struct SteppedReplication {
  explicit SteppedReplication(const Settings& settings)
      : model(settings), rep(model.start(kSeed, 0)), st(rep.state), values(rep.result.values), rows(model.rows()) {}
  void step(Date d) { model.step(d, rep); }

  Model model;
  Replication rep;
  ReplicationState& st;
  Eigen::ArrayXXd& values;
  const MetricRows& rows;
};

/// A started replication on its first day, with the context and tally sink a submodel
/// receives, for calling the submodels directly. Recording into the first output year.
struct DayFixture {
  explicit DayFixture(const Settings& settings)
      : run(settings),
        ctx{run.model.world(), run.model.settings(), run.model.rows(), kSeed, 0, settings.simulation.start},
        tally(run.values) {
    tally.set_year_column(0);
  }
  /// Today's count in output row `row`.
  [[nodiscard]] double count(std::size_t row) const { return run.values(static_cast<Eigen::Index>(row), 0); }

  SteppedReplication run;
  StepContext ctx;
  TallySink tally;
};

}  // namespace gunflow::test
