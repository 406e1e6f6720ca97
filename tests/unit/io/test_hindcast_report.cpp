// hindcast_report.hpp: the public yearly series read from the shipped history tables, and
// the report section that draws a run against them and counts the years in the band.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/io/hindcast_report.hpp"
#include "temp_dir.hpp"

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
  CHECK(s.at("homicides_firearm_share").at(2019) == 0.707);  // INEGI, a check of the history
  CHECK(s.at("homicides_firearm_share").count(2010) == 0);   // 2010-2012 is the baseline's band
  CHECK(s.at("traced_long_gun_share").at(2007) == 0.28);     // ATF: rifles among traced guns
  CHECK(s.at("traced_long_gun_share").at(2016) == 0.2665);
}

TEST_CASE("read_observed_series notes missing tables and returns no series", "[io][hindcast]") {
  std::vector<std::string> notes;
  const ObservedSeries s = read_observed_series("/nonexistent/history", notes);
  CHECK(s.empty());
  REQUIRE(notes.size() == 4);
  CHECK_THAT(notes[0], Catch::Contains("mx_homicides_by_year.csv"));
  CHECK_THAT(notes[2], Catch::Contains("mx_firearm_homicide_share_by_year.csv"));
  CHECK_THAT(notes[3], Catch::Contains("mx_traced_rifle_share_by_year.csv"));
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

TEST_CASE("source_state_section pools the run's traces over each period, as the public counts do", "[io][hindcast]") {
  std::vector<std::string> notes;
  const std::vector<SourceStateShare> shipped = read_source_state_shares(kHistory, notes);
  CHECK(notes.empty());
  REQUIRE(shipped.size() == 6);
  CHECK(shipped[0].state == "TX");
  CHECK(shipped[0].share == 0.40);
  // Three replications; 2011 has three times 2010's traces, so the pooled share (TX traces
  // over known traces, summed over the years) is not the mean of the yearly shares: in the
  // first replication 190/400 = 47.5%, where the yearly shares 40% and 50% average 45%.
  const gunflow::test::TempDir dir("hindcast_pooled");
  {
    std::ofstream csv(dir.file("replications.csv"));
    csv << "scenario,replication,year,metric,key,value\n";
    const double tx_2010[] = {40, 30, 50};
    for (int r = 0; r < 3; ++r) {
      // A scenario name with a comma is quoted, as the results writer writes it.
      csv << "\"h, 1\"," << r << ",2010,traces_source_state_known,total,100\n";
      csv << "h," << r << ",2010,traces_by_source_state,TX," << tx_2010[r] << "\n";
      csv << "h," << r << ",2011,traces_source_state_known,total,300\n";
      csv << "h," << r << ",2011,traces_by_source_state,TX,150\n";
      csv << "h," << r << ",2011,guns_trafficked,total,1\n";  // other series are ignored
    }
  }
  const std::vector<SourceStateShare> observed = {{2009, 2014, "TX", 0.46, "a"},   // pooled mean 47.5%
                                                  {2009, 2014, "AZ", 0.15, "b"},   // no AZ series: no row
                                                  {2015, 2022, "TX", 0.30, "c"}};  // no year of the run: no row
  std::vector<std::string> run_notes;
  const std::string html = source_state_section(dir.path().string(), observed, run_notes);
  CHECK(run_notes.empty());
  CHECK_THAT(html, Catch::Contains("<tr><td>2009–2014</td><td>TX</td><td>46.0%</td><td>47.5%</td><td>45."));
  CHECK_THAT(html, Catch::Contains("<td>2</td><td>yes</td><td>a</td></tr>"));
  CHECK_THAT(html, !Catch::Contains("<td>AZ</td>"));
  CHECK_THAT(html, !Catch::Contains("2015–2022"));
  CHECK(source_state_section(dir.path().string(), {{2015, 2022, "TX", 0.3, "c"}}, run_notes).empty());
  // A run directory without replications.csv has nothing to pool, and the report says so.
  CHECK(source_state_section(dir.file("missing"), observed, run_notes).empty());
  REQUIRE(run_notes.size() == 1);
  CHECK_THAT(run_notes[0], Catch::Contains("replications.csv is missing"));
}
