// metrics.hpp: the output layout, and finalize_metrics turning year sums into
// shares and means. Expected values are the hand-computed ratios of the inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "gunflow/model/metrics.hpp"

using namespace gunflow;

namespace {
// A tiny hand-made world: two states, two regions, one crossing.
World tiny_world() {
  World w;
  w.states.resize(2);
  w.states[0].code = "AA";
  w.states[1].code = "BB";
  w.regions.resize(2);
  w.regions[0].code = "R1";
  w.regions[1].code = "R2";
  w.crossings.resize(1);
  w.crossings[0].id = "gate";
  w.staging.resize(1);
  w.staging[0].id = "hub";
  return w;
}
Settings two_years() {
  Settings s{};
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2012, 1, 1);
  return s;
}
}  // namespace

TEST_CASE("make_layout: years from the settings, one row per series", "[model][metrics]") {
  const World w = tiny_world();
  MetricRows rows{};
  Settings s = two_years();
  MetricLayout layout = make_layout(w, s, rows);
  CHECK(layout.first_year() == 2010);
  CHECK(layout.n_years() == 2);  // end is exclusive: 2012-01-01 is not simulated
  CHECK(layout.index("guns_trafficked") == rows.guns_trafficked);
  CHECK(layout.index("guns_trafficked_by_channel", "corrupt_dealer") == rows.trafficked_by_channel[2]);
  CHECK(layout.index("guns_trafficked_by_source_state", "BB") == rows.trafficked_by_state[1]);
  CHECK(layout.index("guns_by_crossing", "gate") == rows.trafficked_by_crossing[0]);
  CHECK(layout.index("homicides_firearm_by_region", "R2") == rows.firearm_homicides_by_region[1]);
  CHECK(rows.trafficked_by_class.size() == kNumClasses);
  std::set<SeriesKey> unique(layout.series().begin(), layout.series().end());
  CHECK(unique.size() == layout.size());

  s.simulation.end = Date::from_ymd(2010, 3, 2);
  CHECK(make_layout(w, s, rows).n_years() == 1);
  s.simulation.end = Date::from_ymd(2013, 1, 2);  // one day into 2013
  CHECK(make_layout(w, s, rows).n_years() == 4);
}

TEST_CASE("us_interdiction_share stays a share when seizures outrun the year's purchases", "[model][metrics]") {
  MetricRows m{};
  const MetricLayout layout = make_layout(tiny_world(), two_years(), m);
  Eigen::ArrayXXd v = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout.size()), 2);
  // Year 0: loads bought the year before cross (and are seized) now; year 1: the usual case.
  v(static_cast<Eigen::Index>(m.guns_trafficked), 0) = 10;
  v(static_cast<Eigen::Index>(m.us_border_seizures), 0) = 30;
  v(static_cast<Eigen::Index>(m.guns_trafficked), 1) = 100;
  v(static_cast<Eigen::Index>(m.us_border_seizures), 1) = 5;
  finalize_metrics(m, v);
  CHECK(v(static_cast<Eigen::Index>(m.us_interdiction_share), 0) == 1.0);
  CHECK(v(static_cast<Eigen::Index>(m.us_interdiction_share), 1) == Approx(0.05));
}

TEST_CASE("finalize_metrics turns counts into shares and means", "[model][metrics]") {
  MetricRows m{};
  const MetricLayout layout = make_layout(tiny_world(), two_years(), m);
  Eigen::ArrayXXd v = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout.size()), 2);
  auto at = [&](std::size_t row) -> double& { return v(static_cast<Eigen::Index>(row), 0); };
  at(m.guns_trafficked) = 200;
  at(m.us_border_seizures) = 10;
  at(m.cases) = 4;
  at(m.guns_in_cases) = 10;
  at(m.cases_by_channel[index_of(Channel::kStraw)]) = 3;
  at(m.cases_by_channel[index_of(Channel::kUnlicensed)]) = 1;
  at(m.cases_by_guns[1]) = 1;  // 1 gun
  at(m.cases_by_guns[2]) = 2;  // 2-5 guns
  at(m.cases_by_guns[3]) = 1;  // 6-10 guns: not among the five or fewer
  at(m.traces) = 100;
  at(m.traces_us_sourced) = 70;
  at(m.traces_purchaser) = 20;
  at(m.traces_state_known) = 50;
  at(m.traces_by_state[0]) = 40;
  at(m.traces_by_state[1]) = 10;
  at(m.traces_by_class[index_of(FirearmClass::kHandgun)]) = 35;
  // Long guns: 14 AR-type, 7 AK-type, 3 .50 BMG and 6 other; kits are never US-sourced.
  at(m.traces_by_class[index_of(FirearmClass::kAr)]) = 14;
  at(m.traces_by_class[index_of(FirearmClass::kAk)]) = 7;
  at(m.traces_by_class[index_of(FirearmClass::kBmg50)]) = 3;
  at(m.traces_by_class[index_of(FirearmClass::kOtherLong)]) = 6;
  at(m.ttc_sum_years) = 150;
  at(m.ttc_over_3y_share) = 20;  // a count until finalized
  // By class: 40 handguns (TX 30, the other state 10) aged 100 years in all, 10 AR rifles 50.
  const auto hg = index_of(FirearmClass::kHandgun), ar = index_of(FirearmClass::kAr);
  at(m.supply.traces_by_state_class[0 * kNumClasses + hg]) = 30;
  at(m.supply.traces_by_state_class[1 * kNumClasses + hg]) = 10;
  at(m.supply.traces_by_state_class[0 * kNumClasses + ar]) = 10;
  at(m.supply.ttc_sum_years_by_class[hg]) = 100;
  at(m.supply.ttc_sum_years_by_class[ar]) = 50;
  at(m.delivered_cost_sum) = 200000;
  at(m.homicides) = 1000;
  at(m.homicides_firearm) = 650;
  at(m.guns_arrived) = 150;
  at(m.guns_onward) = 30;
  at(m.mexico_sales) = 360000;

  finalize_metrics(m, v);

  CHECK(at(m.us_interdiction_share) == Approx(10.0 / 200));
  CHECK(at(m.guns_per_case) == Approx(2.5));
  CHECK(at(m.case_share_five_or_fewer_guns) == Approx(0.75));
  CHECK(at(m.case_share_by_channel[index_of(Channel::kStraw)]) == Approx(0.75));
  CHECK(at(m.case_share_by_channel[index_of(Channel::kUnlicensed)]) == Approx(0.25));
  CHECK(at(m.case_share_by_channel[index_of(Channel::kTheft)]) == 0.0);
  CHECK(at(m.us_sourced_share) == Approx(0.7));
  CHECK(at(m.purchaser_share) == Approx(0.2));
  CHECK(at(m.trace_share_by_state[0]) == Approx(0.8));
  CHECK(at(m.trace_share_by_state[1]) == Approx(0.2));
  CHECK(at(m.traced_handgun_share) == Approx(0.5));  // of US-sourced traces
  CHECK(at(m.traced_long_gun_share) == Approx(30.0 / 70));
  CHECK(at(m.ttc_mean_years) == Approx(3.0));  // over traces with a known sale
  CHECK(at(m.ttc_over_3y_share) == Approx(0.4));
  CHECK(at(m.supply.ttc_mean_years_by_class[hg]) == Approx(2.5));  // over both states' traces of the class
  CHECK(at(m.supply.ttc_mean_years_by_class[ar]) == Approx(5.0));
  CHECK(at(m.supply.ttc_mean_years_by_class[index_of(FirearmClass::kKit)]) == 0.0);  // none traced: 0, not NaN
  CHECK(at(m.cost_per_gun) == Approx(1000.0));
  CHECK(at(m.mexico_price) == Approx(2000.0));  // per gun sold, onward ones included
  CHECK(at(m.firearm_homicide_share) == Approx(0.65));
  // Counts stay counts.
  CHECK(at(m.guns_trafficked) == 200);
  CHECK(at(m.traces) == 100);
  CHECK(at(m.cases_by_channel[index_of(Channel::kStraw)]) == 3);

  // The second year had nothing: every ratio is 0, never NaN.
  CHECK(v.col(1).isFinite().all());
  CHECK((v.col(1) == 0.0).all());
}

TEST_CASE("the metric catalogue describes every series of the layout once", "[model][metrics]") {
  std::set<std::string> names;
  for (const MetricInfo& m : metric_catalogue()) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);
    CHECK(std::set<std::string>{"flow", "stock", "share", "money", "mean"}.count(m.kind) == 1);
    CHECK(std::string(m.unit).size() > 0);
    CHECK(std::string(m.description).size() > 20);
    CHECK(std::string(m.reduction).size() > 20);
  }
  const World w = tiny_world();
  MetricRows rows{};
  Settings s = two_years();
  s.simulation.origin_destination = true;  // the origin–destination tallies exist only when asked for
  s.simulation.origin_destination_routes = true;
  const MetricLayout layout = make_layout(w, s, rows);  // throws if a series has no entry, or the reverse
  std::set<std::string> in_layout;
  for (const SeriesKey& k : layout.series()) in_layout.insert(k.metric);
  CHECK(in_layout == names);
  const std::string csv = metric_catalogue_csv();
  CHECK(csv.rfind("name,kind,unit,key,description,reduction\n", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) >= 1 + names.size());
}

TEST_CASE("docs/metrics.md is generated from the catalogue (gunflow metrics > docs/metrics.md)", "[model][metrics]") {
  std::ifstream in(std::string(GUNFLOW_SOURCE_DIR) + "/docs/metrics.md");
  REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == metric_catalogue_markdown());
}

TEST_CASE("case_size_bin: the bins of cases_by_guns", "[model][metrics]") {
  CHECK(case_size_bin(0) == 0);
  CHECK(case_size_bin(1) == 1);
  CHECK(case_size_bin(2) == 2);
  CHECK(case_size_bin(5) == 2);  // five or fewer: the bins 0, 1 and 2-5
  CHECK(case_size_bin(6) == 3);
  CHECK(case_size_bin(10) == 3);
  CHECK(case_size_bin(11) == 4);
  CHECK(case_size_bin(50) == 4);
  CHECK(case_size_bin(51) == 5);
  CHECK(case_size_bin(2000) == 5);
  CHECK(case_size_bin(4.6) == 2);  // a network's rounded recent guns: 5
}

TEST_CASE("purchase_size_bin: the bins of straw_purchases_by_size", "[model][metrics]") {
  CHECK(purchase_size_bin(0) == 0);
  CHECK(purchase_size_bin(1) == 0);
  CHECK(purchase_size_bin(2) == 1);
  CHECK(purchase_size_bin(3) == 2);
  CHECK(purchase_size_bin(4) == 3);
  CHECK(purchase_size_bin(5) == 3);
  CHECK(purchase_size_bin(6) == 4);
  CHECK(purchase_size_bin(9) == 4);
  CHECK(purchase_size_bin(10) == 5);
  CHECK(purchase_size_bin(50) == 5);
}
