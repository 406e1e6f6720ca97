// calibrate_job.hpp: the fit's outputs, its objective, and resuming only the same fit.
// (tests/integration/test_calibrate.cpp checks that the fit recovers a known value.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
CalibrationSpec small_calibration(int max_evaluations) {
  CalibrationSpec spec = load_calibration(test::fixture("calibration_small.yaml"));
  test::shorten(spec.base.settings);
  spec.max_evaluations = max_evaluations;
  return spec;
}
}  // namespace

TEST_CASE("calibrate_job writes the trace, targets, fitted scenario and identity", "[engine][calibrate_job]") {
  const test::TempDir dir("calibrate_job_outputs");
  const CalibrationSpec spec = small_calibration(3);
  const CalibrationResult r = calibrate_job(spec, test::quiet_config(dir.file("out")), dir.file("fitted_copy.yaml"));
  CHECK(r.evaluations >= 3);  // NLopt stops at the evaluation budget
  REQUIRE(r.values.size() == 1);
  CHECK(r.values[0] >= 150000);
  CHECK(r.values[0] <= 450000);
  REQUIRE(r.fits.size() == 1);
  // The objective is ((mean - centre) / half-width)^2 summed over targets.
  const TargetFit& f = r.fits[0];
  const double z = (f.model.mean - 100000.0) / 10000.0;
  CHECK(r.objective == Approx(z * z));
  CHECK(f.pass == (f.model.mean >= 90000 && f.model.mean <= 110000));
  const std::string trace = test::file_text(dir.file("out/calibration_trace.csv"));
  CHECK(trace.rfind("evaluation,demand.guns_per_year,objective\n", 0) == 0);
  CHECK(std::count(trace.begin(), trace.end(), '\n') == 1 + r.evaluations);  // one line per evaluation
  CHECK_THAT(test::file_text(dir.file("out/fitted.yaml")), Contains("guns_per_year"));
  CHECK_THAT(test::file_text(dir.file("fitted_copy.yaml")), Contains("guns_per_year"));
  // targets.csv: the year column holds a year or nothing (never text); `years` gives the span.
  const std::string targets = test::file_text(dir.file("out/targets.csv"));
  CHECK(targets.rfind("metric,key,year,years,band_low,band_high,mean,ci_low,ci_high,pass,source\n", 0) == 0);
  CHECK(targets.find(",all,") == std::string::npos);
  const nlohmann::json run = nlohmann::json::parse(test::file_text(dir.file("out/run.json")));
  CHECK(run.at("evaluations") == r.evaluations);
  CHECK(run.at("started_utc").get<std::string>().size() == 20);
  CHECK_THAT(test::file_text(dir.file("out/calibration.identity")), Contains("gunflow calibration "));
}

TEST_CASE("calibrate_job --resume refuses another calibration or a directory without one", "[engine][calibrate_job]") {
  const test::TempDir dir("calibrate_job_resume");
  ExecutionConfig cfg = test::quiet_config(dir.file("out"));
  cfg.resume = true;
  CHECK_THROWS_WITH(calibrate_job(small_calibration(2), cfg, ""), Contains("holds no calibration to resume"));
  cfg.resume = false;
  const int first = calibrate_job(small_calibration(2), cfg, "").evaluations;
  cfg.resume = true;
  CalibrationSpec other = small_calibration(2);
  other.base.settings.border.inspection_rate += 0.01;  // another base scenario
  CHECK_THROWS_WITH(calibrate_job(other, cfg, ""), Contains("another calibration file, base scenario or data tables"));
  // The same one continues: the known evaluations are reused, not run again.
  const CalibrationResult r = calibrate_job(small_calibration(first + 2), cfg, "");
  CHECK(r.reused == first);
  CHECK(r.evaluations >= first + 2);
}

TEST_CASE("calibrate refuses a target that is not an output series or a year not simulated",
          "[engine][calibrate_job]") {
  CalibrationSpec spec = small_calibration(1);
  spec.targets.push_back({"no_such_metric", "", std::nullopt, 0, 1, ""});
  spec.targets.push_back({"guns_trafficked", "", 1999, 0, 1, ""});
  try {
    calibrate(spec, 1, [](const std::vector<double>&, double) {});
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Contains("'no_such_metric' is not an output series"));
    CHECK_THAT(e.what(), Contains("year 1999 is not simulated"));
  }
}

TEST_CASE("parse_number_row reads a trace line and names a field that is not a number", "[engine][calibrate_job]") {
  CHECK(parse_number_row("0,1.5,-2e-3", "t.csv:2") == std::vector<double>{0, 1.5, -2e-3});
  CHECK_THROWS_WITH(parse_number_row("0,x1,3", "t.csv:7"), Contains("t.csv:7") && Contains("is not a number: 'x1'"));
  CHECK_THROWS_WITH(parse_number_row("1,,3", "t.csv:4"), Contains("is not a number: ''"));
}
