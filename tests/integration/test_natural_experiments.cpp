// The model against the history's natural experiments and long-run patterns.
//
// The federal assault-weapons ban's expiry on 2004-09-13 opened assault-weapon sales in
// Texas, Arizona and New Mexico but not in California, whose own ban stayed. Dube, Dube &
// Garcia-Ponce (APSR 2013) found violence rose more in Mexican municipalities near the
// non-California border states than near California; Chicoine (2011) put at least 16.4% of
// Mexico's 2004-2008 rise in homicides on the expiry. The history scenario (the ban expires)
// is paired with its counterfactual (the ban kept, scenarios/history_awb_kept.yaml) under
// common random numbers over 2002-2008, three replications summed.
//
// As the arsenals grew, the firearm share of Mexico's homicides rose from about half in
// 2000-2005 to 67-71% in 2018-2023 (INEGI; docs/public-figures.md 7.3, 7.17).
//
// As the armed conflict between criminal groups grew (homicides presumed related to
// organised crime: 2,826 in 2007, 16,990 in 2011) and ebbed (6,799 in 2014), rifles rose
// from about 28% of the guns traced from Mexico in 2007 to 43% in 2011, and were 27% of the
// 2016 traces (ATF; docs/public-figures.md 2.3, 2.12).
//
// ATF's multiple-rifle reporting rule, in force in the four border states from 2011-08-14,
// drew more than 3,000 reports of more than 7,300 rifles in its first eight months, more
// than 1,900 of them (63%) from Texas (docs/public-figures.md 4.23). Only the share of
// reports ATF opened was used to set a parameter; how many reports the networks file, how
// many rifles each counts and where they are filed are the model's own.
#include <catch2/catch.hpp>

#include <string>

#include "crn_fixture.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;

namespace {
constexpr std::uint64_t kSeed = 2004;
constexpr int kReps = 3;
constexpr int kFirstYear = 2002, kLastYear = 2008;

Settings window(const std::string& file) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  s.simulation.start = Date::from_ymd(kFirstYear, 1, 1);
  s.simulation.end = Date::from_ymd(kLastYear + 1, 1, 1);
  return s;
}

struct Run : test::SummedRuns {
  explicit Run(const Settings& s) : SummedRuns(s, kSeed, kReps) {}
  /// A series summed over the years [from, to] and the replications.
  [[nodiscard]] double total(const std::string& metric, const std::string& key, int from, int to) const {
    double x = 0;
    for (int y = from; y <= to; ++y) x += at(metric, key, y);
    return x;
  }
};
}  // namespace

TEST_CASE("The assault-weapons ban's expiry in 2004 brings more assault rifles and more homicides to Mexico",
          "[integration][natural_experiment]") {
  const Run expired(window("history.yaml"));
  const Run kept(window("history_awb_kept.yaml"));
  // Before the expiry the two histories are the same draws.
  CHECK(expired.total("homicides", "", kFirstYear, 2003) == kept.total("homicides", "", kFirstYear, 2003));
  // Sales of AR- and AK-type rifles reopen in most states: more of them are trafficked.
  const auto rifles = [](const Run& r) {
    return r.total("guns_trafficked_by_class", "ar_rifle", 2005, kLastYear) +
           r.total("guns_trafficked_by_class", "ak_rifle", 2005, kLastYear);
  };
  CHECK(rifles(expired) > 1.5 * rifles(kept));
  // More guns and more lethal ones: more homicides in Mexico (Chicoine: at least 16.4% of the
  // 2004-2008 rise; the model's share is reported in docs/calibration.md, not tested here).
  CHECK(expired.total("homicides", "", 2005, kLastYear) > kept.total("homicides", "", 2005, kLastYear));
  // The differential of Dube et al. (the states across from Texas, Arizona and New Mexico
  // gaining more than Baja California) is weak in the model, 0.4 percentage points in
  // 2005-2008 with a replication's standard deviation of 0.3: it is reported in
  // docs/calibration.md, not asserted on three replications.
}

TEST_CASE("Mexico's firearm share of homicides rises as its arsenals grow", "[integration][natural_experiment]") {
  // Expected: the history's firearm share of homicides is more than 6 points higher in
  // 2018-2019 than in 2002-2003. Why: the year's homicide count is an input, but how much of
  // it is by firearm follows how armed the groups are against 2010 (the stock of the flows'
  // path, which grows with the trafficking of the 2000s and 2010s). Measured against the
  // year's own path instead, the share stayed where 2010's is (0.63 in both windows).
  const auto share = [](int first_year) {
    Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/history.yaml").settings;
    s.simulation.start = Date::from_ymd(first_year, 1, 1);
    s.simulation.end = Date::from_ymd(first_year + 2, 1, 1);
    const Run r(s);
    return r.total("homicides_firearm", "", first_year, first_year + 1) /
           r.total("homicides", "", first_year, first_year + 1);
  };
  const double early = share(2002), late = share(2018);
  INFO("firearm share 2002-03 " << early << ", 2018-19 " << late);
  CHECK(late > early + 0.06);
}

TEST_CASE("Rifles' share of traced guns rises with the armed conflict of 2007-2011 and falls after it",
          "[integration][natural_experiment]") {
  // Expected: in the history, long guns' share of US-sourced traces rises from 2007 to 2011
  // by more than 5 points, 2 more than with neither conflict mechanism, and falls by more
  // than 2 points from 2011 to 2016, which it does not do when recoveries ignore the
  // conflict; demand's class mix alone starts 2007 more than 3 points lower. Why: the
  // conflict's share of homicides was 32% in 2007, 62% in 2011 and 28% in 2016 (held from
  // 2014). Conflict orders more AR- and AK-type rifles per homicide than other crime
  // (demand.conflict_class_ratio), so the flows before the war brought fewer rifles; and
  // the forces fighting it recover more of them per gun held (mexico.conflict_recovery_ratio),
  // so recoveries take more rifles in the years of more conflict. Measured (6 replications;
  // 2007, 2011, 2016): both 0.245, 0.333, 0.294; demand only 0.277, 0.333, 0.349; neither
  // 0.342, 0.372, 0.389 (ATF: 28%, 43%, 27%).
  struct Shares {
    double y2007, y2011, y2016;
  };
  const auto shares = [](bool demand, bool recoveries) {
    // The history from its start: a run started later lays out its first stock without
    // the 1994-2004 ban, which held rifles down (docs/ODD.md §5).
    Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/history.yaml").settings;
    s.simulation.end = Date::from_ymd(2017, 1, 1);
    if (!demand)
      for (auto& [cls, ratio] : s.demand.conflict_class_ratio) ratio = 1.0;
    if (!recoveries)
      for (auto& [cls, ratio] : s.mexico.conflict_recovery_ratio) ratio = 1.0;
    const test::SummedRuns r(s, kSeed, 2);
    const auto long_share = [&r](int year) {
      double long_guns = 0;
      for (const char* cls : {"ar_rifle", "ak_rifle", "bmg50", "other_long"})
        long_guns += r.at("traces_by_class", cls, year);
      return long_guns / r.at("traces_us_sourced", "", year);
    };
    return Shares{long_share(2007), long_share(2011), long_share(2016)};
  };
  const Shares both = shares(true, true), demand_only = shares(true, false), neither = shares(false, false);
  INFO("long guns' share of traces, 2007, 2011 and 2016: both "
       << both.y2007 << ", " << both.y2011 << ", " << both.y2016 << "; demand only " << demand_only.y2007 << ", "
       << demand_only.y2011 << ", " << demand_only.y2016 << "; neither " << neither.y2007 << ", " << neither.y2011
       << ", " << neither.y2016);
  CHECK(both.y2011 - both.y2007 > 0.05);
  CHECK(both.y2011 - both.y2007 > neither.y2011 - neither.y2007 + 0.02);
  CHECK(both.y2016 < both.y2011 - 0.02);
  CHECK(demand_only.y2016 > demand_only.y2011 - 0.01);
  CHECK(demand_only.y2007 < neither.y2007 - 0.03);
}

TEST_CASE("The rifle reporting rule's reports come from Texas about as ATF counted, two or three rifles each",
          "[integration][natural_experiment]") {
  // Expected, 2012 (the rule's first full year): Texas files 50-75% of the rifle reports
  // (ATF: 63%) and a report counts 2-3 rifles (ATF: 7,300 rifles in 3,000 reports, 2.4),
  // and the year's reports are 3,000-6,000 (ATF: about 4,500 a year at its first eight
  // months' pace). Measured on these runs when written: Texas 0.63, 2.5 rifles a report,
  // 4,230 reports a year (20 replications); the bands are the figures' own imprecision
  // ("more than"), far wider than the runs' noise.
  Settings s =
      load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/policies/multiple_rifle_reporting.yaml").settings;
  s.simulation.start = Date::from_ymd(2011, 1, 1);
  s.simulation.end = Date::from_ymd(2013, 1, 1);
  const Run rule(s);
  const double reports = rule.at("multiple_rifle_reports", "", 2012);
  const double texas = rule.at("multiple_sale_reports_by_state_class", "TX.ar_rifle", 2012) +
                       rule.at("multiple_sale_reports_by_state_class", "TX.ak_rifle", 2012);
  INFO("reports " << reports / kReps << " a year, Texas " << texas / reports << ", rifles a report "
                  << rule.at("rifles_in_reports", "", 2012) / reports);
  CHECK(reports / kReps > 3000);
  CHECK(reports / kReps < 6000);
  CHECK(texas / reports > 0.5);
  CHECK(texas / reports < 0.75);
  CHECK(rule.at("rifles_in_reports", "", 2012) / reports > 2.0);
  CHECK(rule.at("rifles_in_reports", "", 2012) / reports < 3.0);
}

TEST_CASE("The rifle reporting rule makes large-volume straw purchases rarer, as ATF saw",
          "[integration][natural_experiment]") {
  // Expected, 2012: fewer straw purchases of ten guns or more under the rule than without
  // it (common random numbers), because networks know the rule and keep a visit that will
  // be reported below a large-volume purchase (traffickers.max_guns_per_reported_purchase);
  // ATF saw purchases of 10, 20, 30 or more rifles less often in the rule's first eight
  // months (docs/public-figures.md 4.23). With the cap lifted, the rule cuts them only
  // through networks that learned to split purchases after a case, which is far fewer:
  // before the cap the rule moved them by nothing measurable (117 and 116 a year). Those
  // networks do make the rule's rifle visits of four to nine guns rarer (by about a tenth).
  // Measured when written: 18 and 7 visits of ten or more on these runs (3 replications),
  // 3.4 and 1.8 a year over 40 (`gunflow compare`, 2012); with the cap lifted 372 and 377;
  // AR- and AK-type visits of four to nine 1,023 and 906 a year over 40. The bands leave
  // room for the counts' Poisson noise (18 +- 4) on another platform's libm.
  const auto run = [](int cap, bool rule) {
    Settings s =
        load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/policies/multiple_rifle_reporting.yaml").settings;
    s.simulation.start = Date::from_ymd(2011, 1, 1);
    s.simulation.end = Date::from_ymd(2013, 1, 1);
    s.traffickers.max_guns_per_reported_purchase = cap;
    if (!rule) s.policies.multiple_rifle_reporting.enabled = false;
    return Run(s);
  };
  const auto rifle_visits_4_to_9 = [](const Run& r) {
    double n = 0;
    for (const char* cls : {"ar_rifle", "ak_rifle"})
      for (const char* size : {"4-5", "6-9"})
        n += r.at("straw_purchases_by_class_size", std::string(cls) + "." + size, 2012);
    return n;
  };
  const Run base = run(9, false), with_rule = run(9, true);
  const double large_base = base.at("straw_purchases_by_size", "10+", 2012);
  const double large_rule = with_rule.at("straw_purchases_by_size", "10+", 2012);
  INFO("10+ purchases, 2012, " << kReps << " replications: " << large_base << " without the rule, " << large_rule
                               << " with it; rifle visits of 4-9: " << rifle_visits_4_to_9(base) << " and "
                               << rifle_visits_4_to_9(with_rule));
  CHECK(large_rule < 0.8 * large_base);
  CHECK(rifle_visits_4_to_9(with_rule) < 0.95 * rifle_visits_4_to_9(base));
  const double uncapped_base = run(50, false).at("straw_purchases_by_size", "10+", 2012);
  const double uncapped_rule = run(50, true).at("straw_purchases_by_size", "10+", 2012);
  INFO("with the cap lifted: " << uncapped_base << " without the rule, " << uncapped_rule << " with it");
  CHECK(uncapped_rule > 0.9 * uncapped_base);
}
