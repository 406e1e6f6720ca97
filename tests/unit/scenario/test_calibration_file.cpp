// calibration_file.hpp: what a calibration file sets, and each parameter's start.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "scenario_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("load_calibration reads base, runs, parameters and targets", "[scenario][calibration_file]") {
  const CalibrationSpec spec = load_calibration(test::source_dir() + "/tests/fixtures/calibration_small.yaml");
  CHECK(spec.base_file == "scenarios/short.yaml");  // as written
  CHECK(spec.base.settings.simulation.name == "short");
  CHECK(spec.replications == 2);
  CHECK(spec.seed == 4);
  CHECK(spec.max_evaluations == 8);
  REQUIRE(spec.parameters.size() == 1);
  CHECK(spec.parameters[0].key == "demand.guns_per_year");
  CHECK(spec.parameters[0].low == 150000);
  CHECK(spec.parameters[0].high == 450000);
  CHECK(spec.parameters[0].start == 400000);
  REQUIRE(spec.targets.size() == 1);
  const CalibrationTarget& t = spec.targets[0];
  CHECK(t.metric == "guns_trafficked");
  CHECK(t.key.empty());
  CHECK_FALSE(t.year.has_value());
  CHECK(t.low == 90000);
  CHECK(t.high == 110000);
  CHECK(t.source == "synthetic");
}

TEST_CASE("load_calibration: a start defaults to the base scenario's value, clamped into the range",
          "[scenario][calibration_file]") {
  const test::TempDir dir("calibration_file_start");
  const std::string base = test::source_dir() + "/tests/fixtures/scenarios/short.yaml";
  const double rate = load_calibration(test::source_dir() + "/tests/fixtures/calibration_small.yaml")
                          .base.settings.border.inspection_rate;
  const CalibrationSpec spec = load_calibration(test::write_file(
      dir, "c.yaml",
      "base: " + base +
          "\n"
          "parameters:\n"
          "  - {key: border.inspection_rate, range: [0, 1]}\n"           // start: the base's value
          "  - {key: border.unofficial_detection, range: [0.5, 0.9]}\n"  // the base's 0.03, clamped up to 0.5
          "targets:\n"
          "  - {metric: us_border_seizures, year: 2010, band: [1, 2]}\n"));
  REQUIRE(spec.parameters.size() == 2);
  CHECK(spec.parameters[0].start == rate);
  CHECK(spec.parameters[1].start == 0.5);
  REQUIRE(spec.targets.size() == 1);
  CHECK(spec.targets[0].year == 2010);
  CHECK(spec.replications == 8);  // the defaults
  CHECK(spec.seed == 1);
  CHECK(spec.max_evaluations == 60);
}

TEST_CASE("load_calibration: a start written outside its range, or a parameter given twice, is an error",
          "[scenario][calibration_file]") {
  const test::TempDir dir("calibration_file_bad_start");
  const std::string path =
      test::write_file(dir, "c.yaml",
                       "base: " + test::source_dir() +
                           "/tests/fixtures/scenarios/short.yaml\n"
                           "parameters:\n"
                           "  - {key: border.unofficial_detection, range: [0.5, 0.9], start: 0.1}\n"
                           "  - {key: border.unofficial_detection, range: [0.5, 0.9]}\n"
                           "targets:\n"
                           "  - {metric: us_border_seizures, year: 2010, band: [1, 2]}\n");
  CHECK_THROWS_WITH(load_calibration(path),
                    Contains("c.yaml:3:66: parameters[0].start is 0.1, outside the parameter's range [0.5, 0.9]") &&
                        Contains("c.yaml:4:11: parameters[1].key 'border.unofficial_detection' is calibrated twice"));
}

TEST_CASE("load_calibration requires targets", "[scenario][calibration_file]") {
  const test::TempDir dir("calibration_file_targets");
  const std::string path = test::write_file(dir, "c.yaml",
                                            "base: " + test::source_dir() +
                                                "/tests/fixtures/scenarios/short.yaml\n"
                                                "parameters:\n  - {key: border.inspection_rate, range: [0, 1]}\n");
  CHECK_THROWS_WITH(load_calibration(path), Contains("targets"));
}

TEST_CASE("load_calibration reads the posterior's waves, and refuses a count outside their range",
          "[scenario][calibration_file]") {
  const test::TempDir dir("calibration_file_waves");
  const std::string head = "base: " + test::source_dir() +
                           "/tests/fixtures/scenarios/short.yaml\n"
                           "parameters:\n  - {key: border.inspection_rate, range: [0, 1]}\n"
                           "targets:\n  - {metric: us_border_seizures, year: 2010, band: [1, 2]}\n"
                           "posterior:\n  prior: " +
                           test::source_dir() + "/tests/fixtures/prior_small.yaml\n";
  const CalibrationSpec defaults = load_calibration(test::write_file(dir, "d.yaml", head));
  REQUIRE(defaults.posterior.has_value());
  CHECK(defaults.posterior->waves == 1);  // one wave unless asked: the draws of the first version
  CHECK(load_calibration(test::write_file(dir, "s.yaml", head + "  waves: 3\n")).posterior->waves == 3);
  CHECK_THROWS_WITH(load_calibration(test::write_file(dir, "w.yaml", head + "  waves: 0\n")),
                    Contains("w.yaml:8:10: posterior.waves"));
  CHECK_THROWS_WITH(load_calibration(test::write_file(dir, "k.yaml", head + "  margin: 0.2\n")),
                    Contains("posterior.margin"));
}
