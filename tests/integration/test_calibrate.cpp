// `gunflow calibrate` recovers a parameter from a synthetic target: the band is
// centred on the model's own output at a known value, and the fit must find that
// value again from a start far away (same code path as the command).
#include <catch2/catch.hpp>

#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/model/simulation.hpp"

using namespace gunflow;

TEST_CASE("calibration recovers demand.guns_per_year from a synthetic flow target", "[calibrate]") {
  CalibrationSpec spec;
  spec.file = "synthetic";
  spec.base = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/scenarios/short.yaml");
  spec.base.settings.simulation.end = Date::from_ymd(2010, 4, 1);
  spec.base.settings.simulation.warmup_days = 30;
  spec.replications = 2;
  spec.seed = 3;
  spec.max_evaluations = 40;
  spec.parameters = {{"demand.guns_per_year", 150000, 450000, 400000}};

  constexpr double kTruth = 250000;
  Settings truth = spec.base.settings;
  truth.demand.guns_per_year = kTruth;
  const Model model(truth);
  const std::size_t row = model.layout().index("guns_trafficked");
  double v = 0;
  for (std::uint64_t r = 0; r < spec.replications; ++r) v += model.run(spec.seed, r).values(static_cast<Eigen::Index>(row), 0);
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
  CalibrationSpec spec;
  spec.file = "synthetic";
  spec.base = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/scenarios/short.yaml");
  spec.base.settings.simulation.end = Date::from_ymd(2010, 2, 1);
  spec.base.settings.simulation.warmup_days = 10;
  spec.replications = 2;
  spec.seed = 5;
  spec.max_evaluations = 6;
  spec.parameters = {{"demand.guns_per_year", 150000, 450000, 400000}};
  spec.targets = {{"guns_trafficked", "", 2010, 15000, 17000, "synthetic"}};

  std::vector<CalibrationEvaluation> all;
  const CalibrationResult whole =
      calibrate(spec, 1, [&](const std::vector<double>& v, double value) { all.push_back({v, value}); });
  REQUIRE(all.size() == 6);
  CHECK(whole.reused == 0);

  // The first four known: they are replayed, the rest run, and the fit ends the same.
  const std::vector<CalibrationEvaluation> head(all.begin(), all.begin() + 4);
  std::vector<CalibrationEvaluation> seen;
  const CalibrationResult resumed =
      calibrate(spec, 1, [&](const std::vector<double>& v, double value) { seen.push_back({v, value}); }, head);
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
