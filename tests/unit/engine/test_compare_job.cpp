// compare_job.hpp: paired runs of several scenarios and the terminal digest.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("compare_job pairs each scenario with the first and writes every output", "[engine][compare_job]") {
  const test::TempDir dir("compare_job_outputs");
  const std::vector<LoadedScenario> scenarios{test::short_scenario("short.yaml"),
                                              test::short_scenario("short_policy.yaml")};
  const CompareReport r = compare_job(scenarios, RunPlan{2, 3}, test::quiet_config(dir.file("out")));
  CHECK(r.base == "short");
  REQUIRE(r.comparisons.size() == 1);
  CHECK(r.comparisons[0].scenario == "short-inspection");
  CHECK(r.finished == 3);
  CHECK(r.comparisons[0].table.cells.at(0).difference.n == 3);
  for (const char* f : {"compare.csv", "compare.json", "replications.csv", "scenario.short.resolved.yaml",
                        "scenario.short-inspection.resolved.yaml", "run.json", "metrics.csv"})
    CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));

  const std::string digest = format_compare_digest(r);
  CHECK_THAT(digest, Contains("against short (n = 3 paired replications"));
  CHECK_THAT(digest, Contains("  short-inspection\n"));
  CHECK_THAT(digest, Contains("us_border_seizures"));
}

TEST_CASE("compare_job: a scenario itself compares with zero difference", "[engine][compare_job]") {
  const test::TempDir dir("compare_job_self");
  const LoadedScenario sc = test::short_scenario();
  LoadedScenario renamed = sc;
  renamed.settings.simulation.name = "same";
  const CompareReport r = compare_job({sc, renamed}, RunPlan{4, 2}, test::quiet_config(dir.file("out")));
  REQUIRE(r.comparisons.size() == 1);
  for (const PairedCell& cell : r.comparisons[0].table.cells) {
    CHECK(cell.difference.mean == 0.0);
    CHECK(cell.base.mean == cell.scenario.mean);
  }
}

TEST_CASE("compare_job refuses scenarios over other years", "[engine][compare_job]") {
  const test::TempDir dir("compare_job_years");
  LoadedScenario longer = test::short_scenario();
  longer.settings.simulation.end = Date::from_ymd(2011, 3, 1);
  CHECK_THROWS_AS(compare_job({test::short_scenario(), longer}, RunPlan{1, 1}, test::quiet_config(dir.file("out"))),
                  InputError);
}

TEST_CASE("compare_job refuses a directory with results unless --force", "[engine][compare_job]") {
  const test::TempDir dir("compare_job_force");
  std::filesystem::create_directories(dir.file("out"));
  { std::ofstream(dir.file("out/compare.csv")) << "old\n"; }
  const std::vector<LoadedScenario> scenarios{test::short_scenario(), test::short_scenario("short_policy.yaml")};
  CHECK_THROWS_AS(compare_job(scenarios, RunPlan{1, 1}, test::quiet_config(dir.file("out"))), IoError);
  CHECK(test::file_text(dir.file("out/compare.csv")) == "old\n");
}
