// `gunflow calibrate` recovers a parameter from a synthetic target: the band is
// centred on the model's own output at a known value, and the fit must find that
// value again from a start far away (same code path as the command).
#include <catch2/catch.hpp>

#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/model/simulation.hpp"

using namespace gunflow;

namespace {
/// Fitting demand.guns_per_year (from 400,000 in [150,000, 450,000]) on the short
/// scenario cut to end on `end`, 2 replications.
CalibrationSpec demand_fit(Date end, int warmup_days, std::uint64_t seed, int max_evaluations) {
  CalibrationSpec spec;
  spec.file = "synthetic";
  spec.base = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/scenarios/short.yaml");
  spec.base.settings.simulation.end = end;
  spec.base.settings.simulation.warmup_days = warmup_days;
  spec.replications = 2;
  spec.seed = seed;
  spec.max_evaluations = max_evaluations;
  spec.parameters = {{"demand.guns_per_year", 150000, 450000, 400000}};
  return spec;
}
}  // namespace

TEST_CASE("calibration recovers demand.guns_per_year from a synthetic flow target", "[calibrate]") {
  CalibrationSpec spec = demand_fit(Date::from_ymd(2010, 4, 1), 30, 3, 40);

  constexpr double kTruth = 250000;
  Settings truth = spec.base.settings;
  truth.demand.guns_per_year = kTruth;
  const Model model(truth);
  const std::size_t row = model.layout().index("guns_trafficked");
  double v = 0;
  for (std::uint64_t r = 0; r < spec.replications; ++r)
    v += model.run(spec.seed, r).values(static_cast<Eigen::Index>(row), 0);
  v /= static_cast<double>(spec.replications);
  spec.targets = {{"guns_trafficked", "", 2010, 0.99 * v, 1.01 * v, "synthetic"}};

  int evaluations = 0;
  const CalibrationResult r = calibrate(spec, 2, [&](const std::vector<double>&, double) { ++evaluations; });
  CHECK(r.values[0] == Approx(kTruth).epsilon(0.03));
  CHECK(r.fits[0].pass);
  CHECK(r.objective < 1.0);
  CHECK(evaluations == r.evaluations);
}

TEST_CASE("a resumed calibration replays known evaluations while the fit asks for them", "[calibrate]") {
  CalibrationSpec spec = demand_fit(Date::from_ymd(2010, 2, 1), 10, 5, 6);
  spec.targets = {{"guns_trafficked", "", 2010, 15000, 17000, "synthetic"}};

  std::vector<CalibrationEvaluation> all;
  const CalibrationResult whole = calibrate(spec, 1, [&](const std::vector<double>& v, double value) {
    all.push_back({v, value});
  });
  // The cap is checked before each Nelder-Mead step and a step may take two evaluations,
  // so a cap of 6 gives 6 or 7 depending on the objective's landscape.
  REQUIRE(all.size() >= 6);
  REQUIRE(all.size() <= 7);
  CHECK(whole.reused == 0);

  // The first four known: they are replayed, the rest run, and the fit ends the same.
  const std::vector<CalibrationEvaluation> head(all.begin(), all.begin() + 4);
  std::vector<CalibrationEvaluation> seen;
  const CalibrationResult resumed = calibrate(
      spec, 1,
      [&](const std::vector<double>& v, double value) {
        seen.push_back({v, value});
      },
      head);
  CHECK(resumed.reused == 4);
  CHECK(resumed.values == whole.values);
  CHECK(resumed.objective == whole.objective);
  REQUIRE(seen.size() == all.size());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(seen[i].objective == all[i].objective);

  // A known evaluation at other values (another fit) is not trusted: everything runs.
  std::vector<CalibrationEvaluation> other = head;
  other[0].values[0] += 1.0;
  other[0].objective = -1;
  const CalibrationResult fresh = calibrate(spec, 1, nullptr, other);
  CHECK(fresh.reused == 0);
  CHECK(fresh.objective == whole.objective);
}
