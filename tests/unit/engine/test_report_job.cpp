// report_job.hpp: `gunflow report` reads the calibration file's bands and renders the
// run directory with io/html_report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/report_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("report_job puts the calibration file's bands into the report", "[engine][report_job]") {
  const test::TempDir dir("report_job");
  run_job(test::short_scenario(), RunPlan{1, 2}, test::quiet_config(dir.file("run")));
  const std::string calibration = test::fixture("calibration_small.yaml");
  const std::string html = report_job(dir.file("run"), calibration);
  // calibration_small.yaml's one target: guns_trafficked in [90000, 110000], "synthetic".
  CHECK_THAT(html, Contains("Calibration targets") && Contains(calibration));
  CHECK_THAT(html, Contains("guns_trafficked") && Contains("90,000 – 110,000") && Contains("synthetic"));
  // "" asks for none: no table, and the report says why under "Not shown".
  const std::string none = report_job(dir.file("run"), "");
  CHECK(none.find("Calibration targets") == std::string::npos);
  CHECK_THAT(none, Contains("id=\"not-shown\"") && Contains("calibration table: none asked for"));
  // A named file that does not exist is an error, not a silent omission.
  CHECK_THROWS_AS(report_job(dir.file("run"), dir.file("no_such_calibration.yaml")), InputError);
  // A calibration file that is not valid is an input error naming the file.
  const std::string bad = test::fixture("bad_calibration.yaml");
  CHECK_THROWS_AS(report_job(dir.file("run"), bad), InputError);
  CHECK_THROWS_WITH(report_job(dir.file("run"), bad), Contains("bad_calibration.yaml"));
}

TEST_CASE("report_job from another working directory finds the calibration file and the map's places",
          "[engine][report_job]") {
  const test::TempDir dir("report_job_cwd");
  LoadedScenario sc = test::short_scenario();
  sc.settings.simulation.origin_destination = true;
  run_job(sc, RunPlan{1, 2}, test::quiet_config(dir.file("run")));
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());  // nothing of the repository is reachable by a relative path here
  std::string html;
  try {
    html = report_job(std::filesystem::absolute(dir.file("run")).string(), std::nullopt);
  } catch (...) {
    std::filesystem::current_path(cwd);
    throw;
  }
  std::filesystem::current_path(cwd);
  // The short fixture's tables are scenarios/data/*.csv of the repository, so the default
  // calibration file is scenarios/calibration/baseline.calib.yaml beside them.
  CHECK_THAT(html, Contains("Calibration targets") && Contains("baseline.calib.yaml"));
  CHECK_THAT(html, Contains("class=\"flow leg-us\"") && Contains("class=\"land us\""));
}

TEST_CASE("report_job without a resolved scenario says what it cannot show", "[engine][report_job]") {
  const test::TempDir dir("report_job_no_scenario");
  run_job(test::short_scenario(), RunPlan{1, 2}, test::quiet_config(dir.file("run")));
  std::filesystem::remove(dir.file("run") + "/scenario.resolved.yaml");
  const std::string html = report_job(dir.file("run"), std::nullopt);
  CHECK_THAT(html, Contains("holds no scenario.*resolved.yaml") && Contains("no default calibration file"));
  CHECK(html.find("class=\"flow leg-us\"") == std::string::npos);
}

TEST_CASE("report_job refuses a directory without run outputs", "[engine][report_job]") {
  const test::TempDir dir("report_job_empty");
  CHECK_THROWS_AS(report_job(dir.path().string(), test::fixture("calibration_small.yaml")), IoError);
}
