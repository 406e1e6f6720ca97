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

TEST_CASE("source_state_section averages the run's source-state shares over each period", "[io][hindcast]") {
  std::vector<std::string> notes;
  const std::vector<SourceStateShare> shipped = read_source_state_shares(kHistory, notes);
  CHECK(notes.empty());
  REQUIRE(shipped.size() == 6);
  CHECK(shipped[0].state == "TX");
  CHECK(shipped[0].share == 0.40);
  nlohmann::json summary = {{"metrics", nlohmann::json::array()}};
  summary["metrics"].push_back({{"metric", "trace_share_by_source_state"},
                                {"key", "TX"},
                                {"years", {year(2010, 0.40, 0.38, 0.42), year(2011, 0.44, 0.42, 0.46)}}});
  const std::vector<SourceStateShare> observed = {{2009, 2014, "TX", 0.43, "a"},   // mean 0.42, band 0.40-0.44
                                                  {2009, 2014, "AZ", 0.15, "b"},   // no AZ series: no row
                                                  {2015, 2022, "TX", 0.30, "c"}};  // no year of the run: no row
  const std::string html = source_state_section(summary, observed);
  CHECK_THAT(html, Catch::Contains("<tr><td>2009–2014</td><td>TX</td><td>43.0%</td><td>42.0%</td><td>40.0%–44.0%</td>"
                                   "<td>2</td><td>yes</td><td>a</td></tr>"));
  CHECK_THAT(html, !Catch::Contains("<td>AZ</td>"));
  CHECK_THAT(html, !Catch::Contains("2015–2022"));
  CHECK(source_state_section(summary, {{2015, 2022, "TX", 0.3, "c"}}).empty());
}
