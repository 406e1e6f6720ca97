// Results do not depend on the start date: 2010 simulated in a run that starts in 2006
// agrees with 2010 in a run that starts in 2010, within Monte Carlo noise, for the
// Mexican side's outputs (model/reference_stock.hpp: the initial stock is the flows'
// path on the first day, demand aims for the calendar target, violence is scaled to the
// path's stock in 2010).
//
// Before the calendar anchoring (initial stock placed at 1.5 million on the first day,
// demand's target and violence's reference taken from it) the same comparison gave, with
// 10 replications, homicides 29,150 vs 27,820 (SE 37), traces 20,940 vs 18,220 (SE 50)
// and stocks 2.20 vs 1.94 million: 25 to 60 standard errors apart, so this test fails
// on that model. guns_trafficked and time_to_crime_over_3y_share are not checked: the US
// side still has a transient of its own (the pool of networks, which enter by profit, is
// still settling: a run started four years earlier trafficks about 2% fewer guns in 2010),
// recorded in docs/ODD.md §9. The dealers' mix no longer is one (the last test below).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;

namespace {
constexpr int kReplications = 6;
constexpr std::uint64_t kStartSeed = 2010;

/// A metric and its key ("" for the total).
struct Output {
  std::string metric, key;
};

/// The 2010 value of each output in each replication of a baseline (`file` under
/// scenarios/) started on 1 January of `start_year` and ended on 1 January 2011 (warm-up as
/// in the file).
std::vector<std::vector<double>> year_2010(int start_year, const std::vector<Output>& metrics,
                                           const std::string& file = "baseline.yaml") {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  s.simulation.start = Date::from_ymd(start_year, 1, 1);
  s.simulation.end = Date::from_ymd(2011, 1, 1);
  const Model model(s);
  std::vector<std::vector<double>> out(metrics.size());
  for (int i = 0; i < kReplications; ++i) {
    const ReplicationResult r = model.run(kStartSeed, static_cast<std::uint64_t>(i));
    for (std::size_t m = 0; m < metrics.size(); ++m)
      out[m].push_back(r.values(static_cast<Eigen::Index>(model.layout().index(metrics[m].metric, metrics[m].key)),
                                2010 - start_year));
  }
  return out;
}

double mean(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}
double variance(const std::vector<double>& x) {
  const double m = mean(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}
}  // namespace

TEST_CASE("2010 does not depend on whether the run starts in 2006 or 2010", "[integration][start_date]") {
  // The source states of traced guns, too: most traced guns are years old, so the initial
  // stock's sources show in them long after the start (mexico.initial_source_states).
  const std::vector<Output> metrics = {{"homicides", ""},
                                       {"traces", ""},
                                       {"arsenal_stock", ""},
                                       {"mx_recoveries", ""},
                                       {"trace_share_by_source_state", "TX"},
                                       {"trace_share_by_source_state", "CA"},
                                       {"trace_share_by_source_state", "AZ"}};
  const auto early = year_2010(2006, metrics), late = year_2010(2010, metrics);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    // The two means may differ by their Monte Carlo noise: 4 standard errors of a
    // difference of two independent means of kReplications (P(|t_10| > 4) ≈ 0.25%).
    // The runs share the seed, and draws keyed by (decision, day) make their 2010 noise
    // positively correlated, so the independent-sample error overstates the noise of the
    // difference: the tolerance is generous to chance, not to a systematic shift, which
    // before the anchoring was 25 to 60 of these errors.
    // The source-state shares also carry the network pool's geography, which settles its
    // size in the warm-up but not its spread over home states (docs/ODD.md §9: Texas 0.400
    // vs 0.411 of traces): one percentage point and a fifth is allowed for it — half the
    // gap the initial stock's own source states gave before they were set to the flow's
    // (0.420 vs 0.443).
    // The arsenal carries that transient of the flow: 0.25% of the stock is allowed for it
    // (seed 2010: 2.459 against 2.455 million, 6 of these errors; before the anchoring 12%).
    double transient = metrics[m].metric == "trace_share_by_source_state" ? 0.012 : 0.0;
    if (metrics[m].metric == "arsenal_stock") transient = 0.0025 * mean(late[m]);
    const double se = std::sqrt((variance(early[m]) + variance(late[m])) / kReplications);
    INFO(metrics[m].metric << " " << metrics[m].key << ": started 2006 " << mean(early[m]) << ", started 2010 "
                           << mean(late[m]) << ", SE " << se);
    CHECK(std::abs(mean(early[m]) - mean(late[m])) <= 4 * se + transient);
  }
}

TEST_CASE("under market prices where the flow comes from barely depends on the start date",
          "[integration][start_date]") {
  // Expected: in scenarios/baseline_market.yaml Texas's share of the 2010-2012 flow is within
  // 4 percentage points whether the run starts in 2004 or 2010. Why: under prices set by
  // Mexican buyers the pool of networks nearly settles within its six-year warm-up; it still
  // drifts east by about 0.004 a year (0.414 in 2010, 0.449 in 2019), so six years more add
  // about 0.025 (seed 1, 4 replications: 0.422 from 2010, 0.434 from 2004, 0.441 from 1998;
  // this seed: 0.419 and 0.447; docs/calibration.md). The calibrated cost-plus baseline drifts
  // west by about 0.01 a year and moves by 0.063 (0.384 from 2010, 0.321 from 2004), which is
  // why this holds for the market-priced baseline only.
  const auto texas_share = [](int start_year) {
    Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline_market.yaml").settings;
    s.simulation.start = Date::from_ymd(start_year, 1, 1);
    s.simulation.end = Date::from_ymd(2013, 1, 1);
    const Model model(s);
    const auto texas = static_cast<Eigen::Index>(model.layout().index("guns_trafficked_by_source_state", "TX"));
    const auto all = static_cast<Eigen::Index>(model.layout().index("guns_trafficked", ""));
    double tx = 0, total = 0;
    for (std::uint64_t r = 0; r < 4; ++r) {
      const ReplicationResult res = model.run(kStartSeed, r);
      for (int year = 2010; year <= 2012; ++year) {
        tx += res.values(texas, year - start_year);
        total += res.values(all, year - start_year);
      }
    }
    return tx / total;
  };
  const double early = texas_share(2004), late = texas_share(2010);
  INFO("Texas's share of the 2010-2012 flow: started 2004 " << early << ", started 2010 " << late);
  CHECK(late > 0.38);
  CHECK(std::abs(early - late) < 0.04);
}

TEST_CASE("the dealers' mix and the corrupt-dealer channel do not wear down with the run's length",
          "[integration][start_date]") {
  // Expected: 2010's open corrupt and negligent dealers, and the guns corrupt dealers sell
  // to networks, agree within Monte Carlo noise whether the run starts in 2001 or 2010.
  // Why: a corrupt dealer's revoked licence or a negligent dealer's reform leaves a place
  // another dealer of the state takes after dealers.renewal_days (docs/ODD.md §7.14);
  // enforcement removes dealers, not the pool of dealers willing to cheat. Before renewal,
  // nothing replaced them: a run started nine years earlier reached 2010 with a third fewer
  // corrupt dealers and about half the corrupt-dealer guns (3,693 after ten years against
  // 7,493 after one), so a policy's effect on that channel depended on the start date.
  const std::vector<Output> metrics = {{"dealers_open_by_type", "corrupt"},
                                       {"dealers_open_by_type", "negligent"},
                                       {"guns_trafficked_by_channel", "corrupt_dealer"}};
  const auto early = year_2010(2001, metrics), late = year_2010(2010, metrics);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    // 4 standard errors of the difference of two independent means (the note of the first
    // test above), plus 3% of the later start's value for the pool of networks, which keeps
    // settling over the longer run (its spread over home states, docs/ODD.md §9).
    const double se = std::sqrt((variance(early[m]) + variance(late[m])) / kReplications);
    INFO(metrics[m].metric << " " << metrics[m].key << ": started 2001 " << mean(early[m]) << ", started 2010 "
                           << mean(late[m]) << ", SE " << se);
    CHECK(std::abs(mean(early[m]) - mean(late[m])) <= 4 * se + 0.03 * mean(late[m]));
  }
}
