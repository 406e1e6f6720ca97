// html_report.hpp: one self-contained page from a run or compare directory.
#include <catch2/catch.hpp>

#include "../engine/job_fixture.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/io/html_report.hpp"
#include "temp_dir.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("html_report of a run: title, charts, calibration table, scenario, and no scripts or links out",
          "[io][html_report]") {
  const test::TempDir dir("html_report_run");
  LoadedScenario sc = test::short_scenario();
  sc.settings.simulation.name = "short <test>";
  run_job(sc, RunPlan{1, 2}, test::quiet_config(dir.file("run")));
  // The bands as engine/report_job reads them from a calibration file (tested there).
  const ReportCalibration bands{"bands.yaml", {{"guns_trafficked", "", std::nullopt, 90000, 110000, "synthetic"}}};
  const std::string html = html_report(dir.file("run"), bands);
  CHECK(html.rfind("<!doctype html>", 0) == 0);
  CHECK_THAT(html, Contains("<title>gunflow report: short &lt;test&gt;</title>"));
  CHECK_THAT(html, Contains("<svg") && Contains("The iron river") && Contains("Calibration targets"));
  CHECK_THAT(html, Contains("bands.yaml") && Contains("90,000 – 110,000") && Contains("synthetic"));
  CHECK_THAT(html, Contains("<h3>scenario.resolved.yaml</h3>") && Contains("<h3>run.json</h3>"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // Without targets, no calibration table.
  CHECK(html_report(dir.file("run"), {}).find("Calibration targets") == std::string::npos);
}

TEST_CASE("html_report of a comparison shows the effects against the base", "[io][html_report]") {
  const test::TempDir dir("html_report_compare");
  compare_job({test::short_scenario(), test::short_scenario("short_policy.yaml")}, RunPlan{1, 2},
              test::quiet_config(dir.file("cmp")));
  const std::string html = html_report(dir.file("cmp"), {});
  CHECK_THAT(html, Contains("Effects against short") && Contains("short-inspection"));
}

TEST_CASE("html_report refuses a directory with neither summary.json nor compare.json", "[io][html_report]") {
  const test::TempDir dir("html_report_empty");
  CHECK_THROWS_WITH(html_report(dir.path().string(), {}), Contains("holds neither summary.json"));
}
