// hindcast_report.hpp: the public yearly series read from the shipped history tables, and
// the report section that draws a run against them and counts the years in the band.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/io/hindcast_report.hpp"

using namespace gunflow::report;

namespace {
const std::string kHistory = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history";

nlohmann::json year(int y, double mean, double q05, double q95) {
  return {{"year", y}, {"mean", mean}, {"q05", q05}, {"q95", q95}, {"ci_low", mean}, {"ci_high", mean}};
}
}  // namespace

TEST_CASE("read_observed_series reads the shipped INEGI and ATF tables", "[io][hindcast]") {
  std::vector<std::string> notes;
  const ObservedSeries s = read_observed_series(kHistory, notes);
  CHECK(notes.empty());
  CHECK(s.at("homicides").at(2010) == 25757);
  CHECK(s.at("homicides").at(2006) == 10452);  // INEGI definitive (the table now has 1990-2023)
  CHECK(s.at("homicides").count(1989) == 0);   // not in the table: left out, not guessed
  CHECK(s.at("traces").at(2008) == 32111);
  CHECK(s.at("traces_us_sourced_share").at(2007) == Approx(11842.0 / 17352.0));
}

TEST_CASE("read_observed_series notes missing tables and returns no series", "[io][hindcast]") {
  std::vector<std::string> notes;
  const ObservedSeries s = read_observed_series("/nonexistent/history", notes);
  CHECK(s.empty());
  REQUIRE(notes.size() == 2);
  CHECK_THAT(notes[0], Catch::Contains("mx_homicides_by_year.csv"));
}

TEST_CASE("hindcast_section draws the run against the public series and counts years in the band", "[io][hindcast]") {
  nlohmann::json summary = {{"metrics", nlohmann::json::array()}};
  summary["metrics"].push_back(
      {{"metric", "homicides"},
       {"key", "total"},
       {"years", {year(2009, 20000, 19000, 21000), year(2010, 24000, 23500, 24500), year(2011, 27000, 26000, 28000)}}});
  summary["metrics"].push_back({{"metric", "traces"}, {"key", "total"}, {"years", {year(2010, 20000, 19000, 21000)}}});
  const ObservedSeries observed = {{"homicides", {{2009, 20221}, {2010, 25757}, {2011, 27213}, {2020, 36000}}},
                                   {"traces", {{2010, 8338}}}};
  const std::string html = hindcast_section(summary, observed, "the tables");
  CHECK_THAT(html, Catch::Contains("Hindcast"));
  CHECK_THAT(html, Catch::Contains("Homicides (INEGI)"));
  // 2010 (fitted) lies above its band, 2011 (fitted) inside, 2009 (left out) inside;
  // 2020 is not in the run.
  CHECK_THAT(html, Catch::Contains("<tr><td>homicides</td><td>1 of 2</td><td>1 of 1</td></tr>"));
  // traces: a single shared year is no series to draw.
  CHECK_THAT(html, !Catch::Contains("<td>traces</td>"));
  // Nothing to draw: no section.
  CHECK(hindcast_section(summary, {{"traces", {{2010, 8338}}}}, "the tables").empty());
}
