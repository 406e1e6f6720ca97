// html_report.hpp: one self-contained page from a run or compare directory.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

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
  CHECK_THAT(html, Contains("flow map: the names and coordinates"));  // no places given: said, not skipped
  // Without the origin–destination tally (the default) the report says how to get the map.
  run_job(test::short_scenario(), RunPlan{1, 2}, test::quiet_config(dir.file("plain")));
  const std::string data = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/";
  ReportContext ctx;
  ctx.places = geo::read_places(data + "us_states.csv", data + "crossings.csv", data + "mx_states.csv");
  CHECK_THAT(html_report(dir.file("plain"), ctx), Contains("--set simulation.origin_destination=true"));
  CHECK_THAT(html, Contains("bands.yaml") && Contains("90,000 – 110,000") && Contains("synthetic"));
  CHECK_THAT(html, Contains("<h3>scenario.resolved.yaml</h3>") && Contains("<h3>run.json</h3>"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // Without targets, no calibration table.
  CHECK(html_report(dir.file("run"), ReportCalibration{}).find("Calibration targets") == std::string::npos);
  // A target for a year the run did not simulate is said so, not failed as if the model gave 0.
  const ReportCalibration later{"bands.yaml", {{"guns_trafficked", "", 2031, 90000, 110000, "synthetic"}}};
  const std::string later_html = html_report(dir.file("run"), later);
  CHECK_THAT(later_html, Contains("guns_trafficked 2031") && Contains("not simulated"));
  CHECK(later_html.find("FAIL") == std::string::npos);
}

TEST_CASE("html_report of a comparison shows the effects against the base", "[io][html_report]") {
  const test::TempDir dir("html_report_compare");
  LoadedScenario base = test::short_scenario(), policy = test::short_scenario("short_policy.yaml");
  base.settings.simulation.origin_destination = policy.settings.simulation.origin_destination = true;  // the maps
  compare_job({base, policy}, RunPlan{1, 2}, test::quiet_config(dir.file("cmp")));
  const std::string data = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/";
  ReportContext ctx;
  ctx.places = geo::read_places(data + "us_states.csv", data + "crossings.csv", data + "mx_states.csv");
  const std::string html = html_report(dir.file("cmp"), ctx);
  // Title and the scenarios with what each changes (short_policy.yaml: an inspection surge).
  CHECK_THAT(html, Contains("<title>gunflow report: short vs short-inspection</title>"));
  CHECK_THAT(html, Contains("id=\"scenarios\"") && Contains("policies.southbound_inspection.rate</code>: ") &&
                       Contains(" → 0.2</li>"));
  // Every total metric in the table, with its unit from metrics.csv.
  CHECK_THAT(html, Contains("id=\"effects\"") && Contains("<tr data-metric=\"arsenal_stock\">") &&
                       Contains("us_border_seizures (guns)"));
  // One shared percent axis for the headline effects.
  CHECK_THAT(html, Contains("percent change from the baseline mean") && Contains("class=\"a tick\""));
  // Yearly series of baseline and policy with the start marked.
  CHECK_THAT(html,
             Contains("— short</text>") && Contains("— short-inspection</text>") && Contains("policy from 2010-03-01"));
  // Baseline, policy and difference maps.
  CHECK_THAT(html, Contains("short (baseline)") && Contains("short-inspection − baseline"));
  CHECK(html.find("class=\"maps\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Without the places, the maps are listed as not shown rather than silently missing.
  const std::string bare = html_report(dir.file("cmp"), ReportCalibration{});
  CHECK_THAT(bare, Contains("id=\"not-shown\"") && Contains("flow maps: the names and coordinates"));
}

TEST_CASE("html_report puts a comparison's warnings first", "[io][html_report]") {
  // Expected: an arm that changes a key besides its policies (here the inspection rate, set
  // by hand) is named in a Warnings list at the top of the page, from run.json; a
  // comparison of policies only has none.
  const test::TempDir dir("html_report_warnings");
  const LoadedScenario base = test::short_scenario();
  LoadedScenario variant = test::short_scenario("short_policy.yaml");
  variant.settings.border.inspection_rate = 0.1;
  compare_job({base, variant}, RunPlan{1, 2}, test::quiet_config(dir.file("cmp")));
  const std::string html = html_report(dir.file("cmp"), ReportCalibration{});
  CHECK_THAT(html, Contains("<h2>Warnings</h2><ul class=\"notes\" id=\"warnings\"><li>") &&
                       Contains("in 1 key besides its policies (border.inspection_rate)"));
  CHECK(html.find("id=\"warnings\"") < html.find("id=\"effects\""));
  compare_job({base, test::short_scenario("short_policy.yaml")}, RunPlan{1, 2}, test::quiet_config(dir.file("plain")));
  CHECK(html_report(dir.file("plain"), ReportCalibration{}).find("id=\"warnings\"") == std::string::npos);
}

TEST_CASE("html_report shows the latest job where --force left an earlier command's tables", "[io][html_report]") {
  const test::TempDir dir("html_report_stale");
  compare_job({test::short_scenario(), test::short_scenario("short_policy.yaml")}, RunPlan{1, 2},
              test::quiet_config(dir.file("d")));
  ExecutionConfig again = test::quiet_config(dir.file("d"));
  again.force = true;  // a run written over the comparison: compare.json stays
  run_job(test::short_scenario(), RunPlan{1, 2}, again);
  namespace fs = std::filesystem;
  const fs::path d(dir.file("d"));
  fs::last_write_time(d / "compare.json", fs::last_write_time(d / "summary.json") - std::chrono::seconds(10));
  const std::string html = html_report(dir.file("d"), ReportCalibration{});
  CHECK_THAT(html, Contains("compare.json is older than summary.json"));
  CHECK(html.find("id=\"scenarios\"") == std::string::npos);  // no comparison section
  CHECK_THAT(html, Contains("<title>gunflow report: short</title>"));
}

TEST_CASE("html_report leaves out an earlier ensemble's tables under a later run", "[io][html_report]") {
  // Expected: a run written with --force into an ensemble's directory shows the run only;
  // the ensemble's effect table, older, is named among what is not shown (before, the page
  // showed the run's sections and then the ensemble's policy effects as if one job).
  const test::TempDir dir("html_report_stale_ensemble");
  ExecutionConfig cfg = test::quiet_config(dir.file("d"));
  run_job(test::short_scenario(), RunPlan{1, 2}, cfg);
  namespace fs = std::filesystem;
  const fs::path d(dir.file("d"));
  std::ofstream(d / "ensemble_effects.csv") << "scenario,metric\n";
  fs::last_write_time(d / "ensemble_effects.csv", fs::last_write_time(d / "summary.json") - std::chrono::seconds(10));
  const std::string html = html_report(dir.file("d"), ReportCalibration{});
  CHECK_THAT(html, Contains("ensemble_effects.csv is older than summary.json"));
  CHECK_THAT(html, !Contains("Policy effects under parameter uncertainty"));
  CHECK_THAT(html, Contains("<title>gunflow report: short</title>"));
}

TEST_CASE("html_report refuses a directory with neither summary.json nor compare.json", "[io][html_report]") {
  const test::TempDir dir("html_report_empty");
  CHECK_THROWS_WITH(html_report(dir.path().string(), ReportCalibration{}), Contains("holds neither summary.json"));
}
