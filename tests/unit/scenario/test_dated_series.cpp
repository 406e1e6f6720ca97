// Keys given year by year: the values in force each year, how they are written and read
// back, and the located errors of a bad series.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/dated_series.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/settings.hpp"
#include "scenario_fixture.hpp"

using namespace gunflow;
using gunflow::test::TempDir;
using gunflow::test::write_file;

namespace {
std::string scenario_with(const TempDir& dir, const std::string& body) {
  return write_file(dir, "s.yaml", "extends: " + test::source_dir() + "/scenarios/baseline.yaml\n" + body);
}

std::string load_error(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario(path, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for " << path);
  return "";
}
}  // namespace

TEST_CASE("DatedSeries::at interpolates reals linearly and holds the ends", "[scenario][dated]") {
  const DatedSeries s{"border.inspection_rate", {{2004, 0.01}, {2011, 0.08}}, false};
  CHECK(s.at(1995) == 0.01);
  CHECK(s.at(2004) == 0.01);
  CHECK(s.at(2011) == 0.08);
  CHECK(s.at(2030) == 0.08);
  CHECK(s.at(2007) == Approx(0.01 + 3.0 / 7.0 * 0.07));
}

TEST_CASE("DatedSeries::at steps integers at the years written", "[scenario][dated]") {
  const DatedSeries s{"traffickers.shipment_size", {{2000, 10}, {2010, 40}}, true};
  CHECK(s.at(1999) == 10);
  CHECK(s.at(2009) == 10);
  CHECK(s.at(2010) == 40);
  CHECK(s.at(2020) == 40);
}

TEST_CASE("A key written {YEAR: value} loads as a series; its field holds the first simulated year's value",
          "[scenario][dated]") {
  TempDir dir("dated-series");
  // baseline.yaml starts 2010 after a three-year warm-up: the first simulated year is 2007.
  const LoadedScenario l = load_scenario(scenario_with(dir, "border:\n  inspection_rate: {2011: 0.2, 2004: 0.0}\n"));
  REQUIRE(l.settings.dated.size() == 1);
  const DatedSeries& s = l.settings.dated[0];
  CHECK(s.path == "border.inspection_rate");
  CHECK(s.points == std::vector<std::pair<int, double>>{{2004, 0.0}, {2011, 0.2}});  // sorted by year
  CHECK(l.settings.border.inspection_rate == Approx(3.0 / 7.0 * 0.2));
  CHECK(settings_in_year(l.settings, 2012).border.inspection_rate == 0.2);
  CHECK(settings_in_year(l.settings, 2012).dated.empty());

  // The resolved scenario writes the series and reads back to the same series.
  const std::string resolved = write_file(dir, "resolved.yaml", resolved_yaml(l.settings));
  const LoadedScenario again = load_scenario(resolved);
  REQUIRE(again.settings.dated.size() == 1);
  CHECK(again.settings.dated[0].points == s.points);
  CHECK(again.settings.border.inspection_rate == l.settings.border.inspection_rate);
}

TEST_CASE("A plain value set for a dated key replaces the whole series", "[scenario][dated]") {
  TempDir dir("dated-series");
  const std::string path = scenario_with(dir, "border:\n  inspection_rate: {2004: 0.0, 2011: 0.2}\n");
  const LoadedScenario l = load_scenario(path, {"border.inspection_rate=0.05"});
  CHECK(l.settings.dated.empty());
  CHECK(l.settings.border.inspection_rate == 0.05);
  // and --set may give a series itself
  const LoadedScenario s = load_scenario(path, {"traffickers.shipment_size={2000: 10, 2012: 30}"});
  REQUIRE(s.settings.dated.size() == 2);
  CHECK(dated_series(s.settings, "traffickers.shipment_size")->step);
  // Setting through the schema (as sweeps and calibration do) drops the series too.
  Settings copy = l.settings;
  copy.dated = s.settings.dated;
  find_entry("traffickers.shipment_size")->set(copy, Value(std::int64_t{12}));
  CHECK(dated_series(copy, "traffickers.shipment_size") == nullptr);
  CHECK(dated_series(copy, "border.inspection_rate") != nullptr);
}

TEST_CASE("A bad series is a located error", "[scenario][dated]") {
  TempDir dir("dated-series");
  CHECK_THAT(load_error(scenario_with(dir, "border:\n  inspection_rate: {2004: 0.0, soon: 0.2}\n")),
             Catch::Contains("s.yaml:3:32: border.inspection_rate.soon is not a year"));
  CHECK_THAT(load_error(scenario_with(dir, "border:\n  inspection_rate: {2004: 0.0, 2011: 1.5}\n")),
             Catch::Contains("s.yaml:3:38: border.inspection_rate.2011 is 1.5, but must be in [0, 1]"));
  CHECK_THAT(load_error(scenario_with(dir, "border:\n  inspection_rate: {1850: 0.1}\n")),
             Catch::Contains("border.inspection_rate.1850 is not a year"));
  CHECK_THAT(load_error(scenario_with(dir, "traffickers:\n  shipment_size: {2004: 10.5}\n")),
             Catch::Contains("traffickers.shipment_size is 10.5, but must be an integer"));
  CHECK_THAT(load_error(scenario_with(dir, "border:\n  inspection_rate: {}\n")),
             Catch::Contains("s.yaml:3:20: border.inspection_rate needs at least one year"));
  // Keys read once, when the run is set up, cannot vary.
  CHECK_THAT(load_error(scenario_with(dir, "traffickers:\n  count: {2004: 100, 2011: 200}\n")),
             Catch::Contains("s.yaml:3:10: traffickers.count cannot be given year by year"));
  CHECK_THAT(load_error(scenario_with(dir, "simulation:\n  warmup_days: {2004: 100}\n")),
             Catch::Contains("simulation.warmup_days cannot be given year by year"));
}

TEST_CASE("may_vary_by_year refuses the keys read when the run is set up", "[scenario][dated]") {
  CHECK(may_vary_by_year("border.inspection_rate"));
  CHECK(may_vary_by_year("demand.guns_per_year"));
  CHECK_FALSE(may_vary_by_year("traffickers.count"));
  CHECK_FALSE(may_vary_by_year("traffickers.mean_days_between_buys"));
  CHECK_FALSE(may_vary_by_year("simulation.warmup_days"));
  CHECK_FALSE(may_vary_by_year("demand.onward_share"));
  CHECK_FALSE(may_vary_by_year("dealers.corrupt_share"));
  CHECK_FALSE(may_vary_by_year("mexico.initial_us_share"));
  CHECK_FALSE(may_vary_by_year("policies.atf_capacity.extra_investigators"));
}
