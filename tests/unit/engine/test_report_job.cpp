// report_job.hpp: `gunflow report` reads the calibration file's bands and renders the
// run directory with io/html_report.
#include <catch2/catch.hpp>

#include <fstream>

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
  // No calibration file named, or one that does not exist (the CLI's default path when
  // the run has none): the report has no calibration table, as the header documents.
  CHECK(report_job(dir.file("run"), "").find("Calibration targets") == std::string::npos);
  CHECK(report_job(dir.file("run"), dir.file("no_such_calibration.yaml")).find("Calibration targets") ==
        std::string::npos);
  // A calibration file that is not valid is an input error naming the file.
  const std::string bad = test::fixture("bad_calibration.yaml");
  CHECK_THROWS_AS(report_job(dir.file("run"), bad), InputError);
  CHECK_THROWS_WITH(report_job(dir.file("run"), bad), Contains("bad_calibration.yaml"));
}

TEST_CASE("report_job refuses a directory without run outputs", "[engine][report_job]") {
  const test::TempDir dir("report_job_empty");
  CHECK_THROWS_AS(report_job(dir.path().string(), test::fixture("calibration_small.yaml")), IoError);
}
