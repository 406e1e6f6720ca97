// results_writer.hpp: exact number text and the shape of the result files.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "gunflow/io/results_writer.hpp"
#include "gunflow/tally/reduce.hpp"

using namespace gunflow;
using Catch::Matchers::StartsWith;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Two series × three years; value = 100·rep + 10·series + year offset.
MetricLayout small_layout() {
  MetricLayout layout;
  layout.set_years(2010, 3);
  layout.add("guns_trafficked");
  layout.add("guns_trafficked_by_state", "TX");
  return layout;
}
std::vector<ReplicationResult> small_results(const MetricLayout& layout, int reps) {
  std::vector<ReplicationResult> out;
  for (int r = 0; r < reps; ++r) {
    ReplicationResult res;
    res.replication = static_cast<std::uint64_t>(r);
    res.values.resize(static_cast<Eigen::Index>(layout.size()), layout.n_years());
    for (Eigen::Index s = 0; s < res.values.rows(); ++s)
      for (Eigen::Index y = 0; y < res.values.cols(); ++y) res.values(s, y) = 100.0 * r + 10.0 * s + y + 0.25;
    out.push_back(res);
  }
  return out;
}
}  // namespace

TEST_CASE("format_number round-trips doubles exactly", "[io][results_writer]") {
  const double values[] = {0.0,
                           -0.0,
                           0.1,
                           1.0 / 3.0,
                           2.0 / 3.0,
                           1e300,
                           -1e-300,
                           5e-324,
                           123456789.125,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::min(),
                           0.1 + 0.2,
                           9007199254740993.0,
                           230000.0};
  for (double x : values) {
    const std::string text = format_number(x);
    INFO(text);
    CHECK(same_bits(std::strtod(text.c_str(), nullptr), x));
  }
  // Shortest form, not printf("%.17g").
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1e300) == "1e+300");
  CHECK(format_number(3.0) == "3");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(std::nan("")) == "NaN");
  // append_number adds the same text after what is there.
  std::string out = "x,";
  for (double x : values) {
    const std::size_t before = out.size();
    append_number(out, x);
    CHECK(out.substr(before) == format_number(x));
  }
  CHECK(out.rfind("x,0-0", 0) == 0);
}

TEST_CASE("csv_field quotes only fields that need it, doubling their quotes", "[io][results_writer]") {
  CHECK(csv_field("traces_by_class") == "traces_by_class");
  CHECK(csv_field("a, b") == "\"a, b\"");
  CHECK(csv_field("the \"iron river\"") == "\"the \"\"iron river\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("replications_csv: header, one row per cell, replication order", "[io][results_writer]") {
  const MetricLayout layout = small_layout();
  const auto results = small_results(layout, 4);
  const auto rows = lines(replications_csv("baseline", layout, results));
  REQUIRE(rows.size() == 1 + 4 * 2 * 3);  // header + reps × series × years
  CHECK(rows[0] == "scenario,replication,year,metric,key,value");
  CHECK(rows[1] == "baseline,0,2010,guns_trafficked,total,0.25");  // totals are keyed "total", never empty
  CHECK(rows[2] == "baseline,0,2010,guns_trafficked_by_state,TX,10.25");
  CHECK(rows.back() == "baseline,3,2012,guns_trafficked_by_state,TX,312.25");

  SECTION("a scenario name with a comma or quote is quoted (RFC 4180)") {
    const auto quoted = lines(replications_csv("a,\"b\"", layout, results));
    CHECK_THAT(quoted[1], StartsWith("\"a,\"\"b\"\"\",0,2010,"));
  }
  SECTION("no results: header only") { CHECK(lines(replications_csv("baseline", layout, {})).size() == 1); }
}

TEST_CASE("summary_csv and summary_json carry every cell", "[io][results_writer]") {
  const MetricLayout layout = small_layout();
  const SummaryTable table = reduce_results(layout, small_results(layout, 5));

  const auto rows = lines(summary_csv("baseline", table));
  REQUIRE(rows.size() == 1 + 2 * 3);
  CHECK(rows[0] == "scenario,year,metric,key,n,mean,sd,ci_low,ci_high,q05,q50,q95");
  // Series 0, year 2010: values 0.25, 100.25, …, 400.25 → mean 200.25.
  CHECK_THAT(rows[1], StartsWith("baseline,2010,guns_trafficked,total,5,200.25,"));

  const std::string text = summary_json("baseline", table);
  const nlohmann::json j = nlohmann::json::parse(text);
  // Written as a stream, in the layout nlohmann::json's own pretty-printer gives.
  CHECK(text == j.dump(1) + "\n");
  CHECK(j.at("scenario") == "baseline");
  CHECK(j.at("confidence") == 0.95);
  const auto& metrics = j.at("metrics");
  REQUIRE(metrics.size() == 2);
  CHECK(metrics[1].at("metric") == "guns_trafficked_by_state");
  CHECK(metrics[1].at("key") == "TX");
  CHECK(metrics[0].at("key") == "total");
  const auto& years = metrics[0].at("years");
  REQUIRE(years.size() == 3);
  for (const char* key : {"year", "n", "mean", "sd", "ci_low", "ci_high", "q05", "q50", "q95"}) {
    INFO(key);
    CHECK(years[0].contains(key));
  }
  CHECK(years[2].at("year") == 2012);
  CHECK(years[0].at("n") == 5);
  CHECK(years[0].at("mean").get<double>() == 200.25);
  CHECK(years[0].at("ci_low").get<double>() < 200.25);  // the same names as summary.csv's columns
  CHECK(years[0].at("ci_high").get<double>() > 200.25);
}

TEST_CASE("summary_json writes what a JSON pretty-printer would: null for non-finite cells, escaped names",
          "[io][results_writer]") {
  const MetricLayout layout = small_layout();
  SummaryTable table = reduce_results(layout, small_results(layout, 2));
  table.cells[0].mean = std::numeric_limits<double>::quiet_NaN();
  table.cells[1].sd = std::numeric_limits<double>::infinity();
  table.cells[2].q05 = 1e-7;  // the number formats: exponent, fraction, whole
  table.cells[2].q95 = 123456789012.0;
  const std::string name = "a \"quoted\" name, \u00e9\\";
  const std::string text = summary_json(name, table);
  const nlohmann::json j = nlohmann::json::parse(text);
  CHECK(text == j.dump(1) + "\n");
  CHECK(j.at("scenario") == name);
  CHECK(j.at("metrics")[0].at("years")[0].at("mean").is_null());
  CHECK(j.at("metrics")[0].at("years")[1].at("sd").is_null());
  CHECK(j.at("metrics")[0].at("years")[2].at("q05").get<double>() == 1e-7);

  const SummaryTable empty{MetricLayout{}, {}};
  const std::string none = summary_json("x", empty);
  CHECK(none == nlohmann::json::parse(none).dump(1) + "\n");
  CHECK(nlohmann::json::parse(none).at("metrics").empty());
}

TEST_CASE("run_metadata_json records the run", "[io][results_writer]") {
  RunMetadata m;
  m.scenario_file = "scenarios/baseline.yaml";
  m.seed = 20100101;
  m.replications_requested = 100;
  m.replications_finished = 40;
  m.threads = 4;
  m.interrupted = true;
  const nlohmann::json j = run_metadata_json(m);
  for (const char* key :
       {"gunflow_version", "git_commit", "scenario_file", "seed", "replications_requested", "replications_finished",
        "threads", "wall_seconds", "interrupted", "started_utc", "overrides"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  CHECK(j.at("seed") == 20100101);
  CHECK(j.at("replications_finished") == 40);
  CHECK(j.at("interrupted") == true);
}

TEST_CASE("run_metadata_json: overrides and a subcommand's extra counts; utc_now is ISO 8601", "[io][results_writer]") {
  RunMetadata m;
  m.overrides = {"traffickers.count=40"};
  m.extra["points_finished"] = 7;
  const nlohmann::json j = run_metadata_json(m);
  CHECK(j.at("overrides") == nlohmann::json::array({"traffickers.count=40"}));
  CHECK(j.at("points_finished") == 7);
  const std::string now = utc_now();
  CHECK(now.size() == 20);
  CHECK(now.back() == 'Z');
  CHECK(now[10] == 'T');
}
