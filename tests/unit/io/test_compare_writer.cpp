// compare_writer.hpp: compare.csv's columns and rows, and compare.json's shape.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "gunflow/io/compare_writer.hpp"

using namespace gunflow;

namespace {
/// Two series over 2010-2011, three paired replications: the policy adds 10 to every cell.
NamedComparison comparison(const std::string& name, double effect, MetricLayout& layout) {
  layout = MetricLayout({{"flow", ""}, {"seized", "TX"}}, 2010, 2);
  std::vector<ReplicationResult> base, policy;
  for (std::uint64_t r = 0; r < 3; ++r) {
    ReplicationResult b;
    b.replication = r;
    b.values = Eigen::ArrayXXd::Constant(2, 2, 100.0 + 10.0 * static_cast<double>(r));
    ReplicationResult p = b;
    p.values += effect;
    base.push_back(b);
    policy.push_back(p);
  }
  return {name, compare_paired(layout, base, policy)};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}
}  // namespace

TEST_CASE("compare_csv: the header then each compared scenario's cells with the base mean and no self-comparison",
          "[io][compare_writer]") {
  MetricLayout layout;
  const std::vector<NamedComparison> cmp{comparison("policy", 10.0, layout)};
  const std::vector<std::string> lines = lines_of(compare_csv("base", cmp));
  REQUIRE(lines.size() == 1 + 4);  // header, policy × (2 series × 2 years); never the base against itself
  CHECK(lines[0] ==
        "scenario,base,year,metric,key,n,base_mean,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,diff_pct,"
        "diff_pct_low,diff_pct_high");
  // Series by series, years within a series; base means 100, 110, 120 → 110; +10 everywhere → 120.
  CHECK(lines[1].rfind("policy,base,2010,flow,total,3,110,120,", 0) == 0);
  CHECK(lines[2].rfind("policy,base,2011,flow,total,3,110,120,", 0) == 0);
  CHECK(lines[3].rfind("policy,base,2010,seized,TX,3,110,120,", 0) == 0);
  // The difference is exactly 10 in every replication: CI [10, 10]; 10 / 110 = 9.0909...%.
  CHECK(lines[1].find(",10,10,10,9.0909") != std::string::npos);
  for (const std::string& l : lines) CHECK(std::count(l.begin(), l.end(), ',') == 15);
}

TEST_CASE("compare_csv: diff_pct and its interval are empty where the base mean is 0", "[io][compare_writer]") {
  MetricLayout layout;
  NamedComparison c = comparison("policy", 10.0, layout);
  c.table.cells[0].base.mean = 0.0;  // e.g. trips_blocked, 0 in the baseline
  const std::vector<std::string> lines = lines_of(compare_csv("base", {c}));
  CHECK(lines[1].substr(lines[1].size() - 3) == ",,,");
  CHECK(lines[1].find(",10,10,10,,,") != std::string::npos);
  const nlohmann::json j = compare_json("base", {c});
  const nlohmann::json& y = j.at("comparisons")[0].at("metrics")[0].at("years")[0];
  CHECK(y.at("diff_pct").is_null());
  CHECK(y.at("diff_pct_low").is_null());
  CHECK(y.at("diff_pct_high").is_null());
  CHECK(y.at("diff").get<double>() == Approx(10));
}

TEST_CASE("compare_csv without comparisons is the header alone", "[io][compare_writer]") {
  CHECK(lines_of(compare_csv("base", {})).size() == 1);
}

TEST_CASE("compare_json: one entry per scenario, per metric and key, per year, with NaN as null",
          "[io][compare_writer]") {
  MetricLayout layout;
  std::vector<NamedComparison> cmp{comparison("policy", 10.0, layout), comparison("other", -5.0, layout)};
  cmp[1].table.cells[0].percent = std::numeric_limits<double>::quiet_NaN();
  const nlohmann::json j = compare_json("base", cmp);
  CHECK(j.at("base") == "base");
  CHECK(j.at("confidence") == 0.95);
  REQUIRE(j.at("comparisons").size() == 2);
  const nlohmann::json& policy = j.at("comparisons")[0];
  CHECK(policy.at("scenario") == "policy");
  REQUIRE(policy.at("metrics").size() == 2);
  CHECK(policy.at("metrics")[1].at("metric") == "seized");
  CHECK(policy.at("metrics")[1].at("key") == "TX");
  const nlohmann::json& y2011 = policy.at("metrics")[0].at("years")[1];
  CHECK(y2011.at("year") == 2011);
  CHECK(y2011.at("n") == 3);
  CHECK(y2011.at("base_mean").get<double>() == Approx(110));
  CHECK(y2011.at("mean").get<double>() == Approx(120));
  CHECK(y2011.at("diff").get<double>() == Approx(10));
  CHECK(y2011.at("diff_ci_low").get<double>() == Approx(10));
  CHECK(y2011.at("diff_ci_high").get<double>() == Approx(10));
  CHECK(y2011.at("ci_low").get<double>() <= 120);
  CHECK(policy.at("metrics")[0].at("key") == "total");
  CHECK(j.at("comparisons")[1].at("metrics")[0].at("years")[0].at("diff_pct").is_null());
  CHECK(j.at("comparisons")[1].at("metrics")[0].at("years")[0].at("diff").get<double>() == Approx(-5));
}
