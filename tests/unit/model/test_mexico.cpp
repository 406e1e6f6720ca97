// mexico.hpp: violence driven by the armed stock (short Model::run replications) and the
// tracing of a recovered gun (time to crime).
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "gunflow/model/mexico.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/reference_stock.hpp"
#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("With zero stock elasticity firearm homicides do not depend on the stock", "[model][mexico]") {
  constexpr int kDays = 60;
  Settings s = test::short_settings(kDays);
  s.violence.stock_elasticity = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);

  // Expected: each day, each Mexican state draws Poisson(firearm_share × H2010 / 365.25)
  // (mexico.cpp violence_day), so the total is Poisson with mean
  // kDays × firearm_share × ΣH2010 / 365.25 and SD = sqrt(mean). 6 SD: P(false fail) ≈ 2e-9.
  double h2010 = 0;
  for (const Region& g : model.world().regions)
    if (!g.onward) h2010 += g.homicides[0];
  const double mean = kDays * s.violence.firearm_share * h2010 / 365.25;
  CHECK(total(model, r, "homicides_firearm") == Approx(mean).margin(6 * std::sqrt(mean)));

  // Draining the arsenals faster changes the stock but, with elasticity 0, not one
  // homicide: the draws are keyed by (region, day), so they are identical.
  Settings drained = s;
  drained.mexico.attrition_rate = 1.0;
  drained.mexico.recovery_rate = 1.0;
  const Model model2(drained);
  const ReplicationResult r2 = model2.run(kSeed, 0);
  REQUIRE(total(model2, r2, "arsenal_stock") < total(model, r, "arsenal_stock"));
  CHECK(total(model2, r2, "homicides_firearm") == total(model, r, "homicides_firearm"));
  CHECK(total(model2, r2, "homicides") == total(model, r, "homicides"));
}

TEST_CASE("With positive elasticity a smaller stock means fewer firearm homicides", "[model][mexico]") {
  Settings s = test::short_settings(60);
  s.violence.stock_elasticity = 1.0;
  s.violence.substitution = 0.0;
  const Model model(s);
  Settings drained = s;
  drained.mexico.attrition_rate = 1.0;
  drained.mexico.recovery_rate = 1.0;
  const Model model2(drained);
  const ReplicationResult a = model.run(kSeed, 0), b = model2.run(kSeed, 0);
  CHECK(total(model2, b, "homicides_firearm") < total(model, a, "homicides_firearm"));
  // Non-firearm homicides have the same mean (no substitution) and are drawn after the
  // firearm ones from the same stream, so they differ only through the stream position.
  CHECK(total(model2, b, "homicides_nonfirearm") == Approx(total(model, a, "homicides_nonfirearm")).epsilon(0.1));
}

TEST_CASE("violence.reference_stock anchors violence to a base: a stock-wide key then moves homicides",
          "[model][mexico]") {
  // A key that raises the stock in every year (the initial stock is on the flows' path, §5)
  // raises violence's own reference with it: homicides stay at the baseline. Anchored to
  // the base's reference stock, the same variant has more firearm homicides.
  const Settings base = test::short_settings(60);
  const Model base_model(base);
  const double own = own_violence_reference_stock(base_model.world());
  REQUIRE(own > 0);
  const ReplicationResult b = base_model.run(kSeed, 0);
  // A variant read against the base's reference, and its firearm homicides in one replication.
  const auto anchored = [own](Settings s) {
    s.violence.reference_stock = own;
    return s;
  };
  const auto firearm_homicides = [](const Settings& s) {
    const Model model(s);
    return total(model, model.run(kSeed, 0), "homicides_firearm");
  };
  // Anchored at its own value, nothing changes, bit for bit.
  const Model self_model(anchored(base));
  CHECK((self_model.run(kSeed, 0).values == b.values).all());

  Settings more = base;
  more.mexico.foreign_inflow_per_year *= 4;  // a stock-wide inflow: the path and the stock rise together
  const Model more_model(more);
  const ReplicationResult m = more_model.run(kSeed, 0);
  REQUIRE(total(more_model, m, "arsenal_stock") > 1.1 * total(base_model, b, "arsenal_stock"));
  const double h_base = total(base_model, b, "homicides_firearm"), h_more = total(more_model, m, "homicides_firearm");
  const double h_anchored = firearm_homicides(anchored(more));
  // Unanchored: within 1% of the baseline (the draws are common, so the difference is the
  // small change of W/W_ref alone, not the 2% Poisson noise of ~2,700 homicides).
  CHECK(h_more == Approx(h_base).epsilon(0.01));
  // Anchored: the stock ratio to the base's reference, to the elasticity 0.5, on the
  // firearm homicides: the stock is ~45% larger, so about +20% (more than 4% is required).
  CHECK(h_anchored > 1.04 * h_base);

  // The class mix and weights are anchored too: a variant whose demand asks for more of the
  // heavily weighted rifles has a heavier stock; unanchored its reference is as heavy,
  // anchored it reads against the base's weighted stock and has more firearm homicides.
  Settings rifles = base;
  rifles.demand.class_mix["ar_rifle"] *= 4;
  rifles.demand.class_mix["ak_rifle"] *= 4;
  const Model rifle_model(rifles);
  const ReplicationResult r = rifle_model.run(kSeed, 0);
  REQUIRE(total(rifle_model, r, "armed_stock_weighted") > 1.02 * total(base_model, b, "armed_stock_weighted"));
  CHECK(firearm_homicides(anchored(rifles)) > total(rifle_model, r, "homicides_firearm") * 1.01);
}

TEST_CASE("The initial stock's US guns trace to mexico.initial_source_states", "[model][mexico]") {
  // Over the first 60 days nearly every recovered gun is from the initial stock (about 2
  // million guns against some 35,000 arrivals, each recovered at 2% a year), so the traced
  // source states are the map's: a single state gets all but the few new guns' traces.
  for (const char* only : {"CA", "TX"}) {
    Settings s = test::short_settings(60);
    s.mexico.initial_source_states = {{only, 1.0}};
    const Model model(s);
    const ReplicationResult r = model.run(kSeed, 0);
    const double known = total(model, r, "traces_source_state_known");
    REQUIRE(known > 1000);
    INFO(only);
    CHECK(total(model, r, "traces_by_source_state", only) / known > 0.97);
  }
}

TEST_CASE("Recovered guns are traced and traces split into shares", "[model][mexico]") {
  const Model model(test::short_settings(60));
  const ReplicationResult r = model.run(kSeed, 0);
  const double recoveries = total(model, r, "mx_recoveries");
  const double traces = total(model, r, "traces");
  CHECK(recoveries > 0);
  CHECK(traces > 0);
  CHECK(traces <= recoveries);
  CHECK(total(model, r, "traces_us_sourced") <= traces);
  const double share = total(model, r, "traces_us_sourced_share");
  CHECK(share == Approx(total(model, r, "traces_us_sourced") / traces));
}

TEST_CASE("A table of homicides by year sets each year's baseline, spread by the 2010 shares", "[model][mexico]") {
  // With stock elasticity 0 the homicides of a 60-day run in 2010 are Poisson with mean
  // 60/365.25 × the year's national count: 2010 lies halfway between 2009 and 2011 in the
  // table, so the count is their mean. 6 SD: P(false fail) ≈ 2e-9.
  constexpr int kDays = 60;
  Settings s = test::short_settings(kDays);
  s.violence.stock_elasticity = 0.0;
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  tables->homicides_by_year = {{2009, 40000}, {2011, 60000}};
  s.data.tables = tables;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  const double mean = kDays * 50000.0 / 365.25;
  CHECK(total(model, r, "homicides") == Approx(mean).margin(6 * std::sqrt(mean)));
  // Spread by the states' 2010 shares: the largest state keeps its share (6 SD of its own).
  std::size_t top = 0;
  for (std::size_t i = 0; i < model.world().regions.size(); ++i)
    if (model.world().regions[i].homicides[0] > model.world().regions[top].homicides[0]) top = i;
  const double share = model.world().tables.demand_share_in(2010)[top] / (1.0 - s.demand.onward_share);
  const double top_mean = mean * share;
  CHECK(total(model, r, "homicides_by_region", model.world().regions[top].code) ==
        Approx(top_mean).margin(6 * std::sqrt(top_mean)));
}

TEST_CASE("A table of homicides by state and year splits each year's homicides and demand over the states",
          "[model][mexico]") {
  // 2009 puts nearly all homicides in Chihuahua, 2011 nearly all in Sinaloa; 2010 lies
  // halfway, so each holds about half of that year's homicides and of its demand. Without
  // a national table the national count is the split table's (interpolated) total.
  constexpr int kDays = 60;
  Settings s = test::short_settings(kDays);
  s.violence.stock_elasticity = 0.0;
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  const int chh = tables->region_index("CHH"), sin = tables->region_index("SIN");
  REQUIRE(chh >= 0);
  for (int year : {2009, 2011}) {
    std::vector<double> counts(tables->regions.size(), 0.0);
    for (std::size_t r = 0; r < counts.size(); ++r) counts[r] = tables->regions[r].onward ? 0.0 : 10.0;
    counts[static_cast<std::size_t>(year == 2009 ? chh : sin)] = 20000;
    tables->homicides_by_state_year.emplace_back(year, counts);
  }
  s.data.tables = tables;
  const Model model(s);
  const ModelTables& t = model.world().tables;
  const double states = 1.0 - s.demand.onward_share;
  const double national = 20000 + 10.0 * 31;
  CHECK(t.demand_share_in(2009)[static_cast<std::size_t>(chh)] == Approx(states * 20000 / national));
  CHECK(t.demand_share_in(2010)[static_cast<std::size_t>(chh)] == Approx(states * 0.5 * 20010 / national));
  CHECK(t.demand_share_in(2010)[static_cast<std::size_t>(sin)] == Approx(states * 0.5 * 20010 / national));
  CHECK(t.demand_share_in(2030)[static_cast<std::size_t>(sin)] == Approx(states * 20000 / national));  // held
  // The destinations new networks choose follow the year's demand too.
  CHECK(t.destinations_from(0, 2009)[static_cast<std::size_t>(chh)] >
        t.destinations_from(0, 2011)[static_cast<std::size_t>(chh)]);
  const ReplicationResult r = model.run(kSeed, 0);
  const double mean = kDays * national / 365.25;  // 6 SD each: P(false fail) ≈ 2e-9
  CHECK(total(model, r, "homicides") == Approx(mean).margin(6 * std::sqrt(mean)));
  const double half = mean * 0.5 * 20010 / national;
  CHECK(total(model, r, "homicides_by_region", "CHH") == Approx(half).margin(6 * std::sqrt(half)));
  CHECK(total(model, r, "homicides_by_region", "SIN") == Approx(half).margin(6 * std::sqrt(half)));
}

TEST_CASE("A recovery rate given year by year reaches the guns' fates, not only the reference stock",
          "[model][mexico]") {
  // Expected: raising mexico.recovery_rate fivefold from 2011 recovers several times more
  // guns in 2011 and leaves a smaller stock at its end, while 2010 recovers about the same.
  // Why: a gun's recovery day is drawn on arrival from the chances of all the days ahead,
  // which must use each day's year (they used the first day's for the whole run, so only
  // the violence reference followed the dated rate and homicides moved the wrong way).
  Settings s = test::short_settings(0);
  s.simulation.end = Date::from_ymd(2012, 1, 1);
  const Model base(s);
  Settings dated = s;
  dated.dated.push_back(
      DatedSeries{"mexico.recovery_rate", {{2010, s.mexico.recovery_rate}, {2011, 5 * s.mexico.recovery_rate}}, false});
  const Model more(dated);
  const ReplicationResult b = base.run(kSeed, 0), m = more.run(kSeed, 0);
  const auto at = [](const Model& model, const ReplicationResult& r, const char* metric, int year) {
    return r.values(static_cast<Eigen::Index>(model.layout().index(metric)), year - 2010);
  };
  CHECK(at(more, m, "mx_recoveries", 2010) == Approx(at(base, b, "mx_recoveries", 2010)).epsilon(0.05));
  CHECK(at(more, m, "mx_recoveries", 2011) > 3 * at(base, b, "mx_recoveries", 2011));
  CHECK(at(more, m, "arsenal_stock", 2011) < 0.95 * at(base, b, "arsenal_stock", 2011));
}

TEST_CASE("The armed conflict moves which classes the authorities recover, not how many handguns", "[model][mexico]") {
  // Expected: with twice 2010's conflict share in 2011 and conflict forces taking AR-type
  // rifles at ten times the other policing's rate per gun, 2011 recovers about 1.8 times
  // the AR-type rifles it recovers at ratio 1 ((0 + 10) / (0.5 + 0.5 × 10)), 2010 about
  // as many, and handguns (ratio 1) about as many in both years. Why: the conflict's
  // share of homicides moves the recovery rate of the classes its forces take
  // (conflict_demand.hpp), normalised to the calibrated rate in 2010.
  Settings s = test::short_settings(0);
  s.simulation.end = Date::from_ymd(2012, 1, 1);
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  const double national_2010 = tables->homicides_2010();
  tables->conflict_homicides_by_year = {{2010, 0.5 * national_2010}, {2011, national_2010}};
  s.data.tables = tables;
  for (auto& [cls, ratio] : s.demand.conflict_class_ratio) ratio = 1.0;  // orders as in 2010
  for (auto& [cls, ratio] : s.mexico.conflict_recovery_ratio) ratio = 1.0;
  Settings seizing = s;
  seizing.mexico.conflict_recovery_ratio["ar_rifle"] = 10;
  const Model flat(s), war(seizing);
  const ReplicationResult f = flat.run(kSeed, 0), w = war.run(kSeed, 0);
  const auto recovered = [](const Model& model, const ReplicationResult& r, const char* cls, int year) {
    double sum = 0;
    const auto& series = model.layout().series();
    for (std::size_t i = 0; i < series.size(); ++i)
      if (series[i].metric == "recoveries_by_region_class" && series[i].key.ends_with(std::string(".") + cls))
        sum += r.values(static_cast<Eigen::Index>(i), year - 2010);
    return sum;
  };
  INFO("AR 2010 " << recovered(flat, f, "ar_rifle", 2010) << " vs " << recovered(war, w, "ar_rifle", 2010));
  INFO("AR 2011 " << recovered(flat, f, "ar_rifle", 2011) << " vs " << recovered(war, w, "ar_rifle", 2011));
  CHECK(recovered(war, w, "ar_rifle", 2010) == Approx(recovered(flat, f, "ar_rifle", 2010)).epsilon(0.1));
  const double ratio_2011 = recovered(war, w, "ar_rifle", 2011) / recovered(flat, f, "ar_rifle", 2011);
  CHECK(ratio_2011 == Approx(10.0 / 5.5).epsilon(0.1));
  for (const int year : {2010, 2011})
    CHECK(recovered(war, w, "handgun", year) == Approx(recovered(flat, f, "handgun", year)).epsilon(0.05));
}

TEST_CASE("With a yearly homicide table the year's count is met and its firearm share follows the path's armament",
          "[model][mexico]") {
  // 60 days of 2018 in the history, started on the flows' path: homicides are the year's
  // INEGI count (within 3%: Poisson noise of about 6,000 homicides is 1.3%, and the stock
  // drifts a little off the path), and the firearm share is s g / D with g = x^elasticity,
  // x the path's class-weighted stock in mid-2018 over mid-2010 (about 1.3 here), D = s g +
  // 1 − s (no substitution where x > 1). With elasticity 0 the share is 2010's, s. The
  // third run makes the war of 2011 on all conflict and its orders all rifles that weigh
  // 6: the path's guns of 2018 weigh far more than 2010's, and x counts that.
  constexpr int kDays = 60;
  for (const auto& [elasticity, war] : {std::pair{0.0, false}, std::pair{0.5, false}, std::pair{0.5, true}}) {
    Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/history.yaml").settings;
    s.simulation.start = Date::from_ymd(2018, 1, 1);
    s.simulation.end = s.simulation.start + kDays;
    s.simulation.warmup_days = 0;
    s.violence.stock_elasticity = elasticity;
    if (war) {
      auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
      tables->conflict_homicides_by_year = {{2009, 0}, {2010, 15273}, {2011, 1e6}};  // none before 2009
      s.data.tables = tables;
      s.violence.class_weight["ar_rifle"] = s.violence.class_weight["ak_rifle"] = 6;
      s.demand.conflict_class_ratio["ar_rifle"] = s.demand.conflict_class_ratio["ak_rifle"] = 100;
    }
    const Model model(s);
    const ReplicationResult r = model.run(kSeed, 0);
    const StockPath& path = model.world().tables.stock_path;
    const Date mid_2018 = Date::from_ymd(2018, 7, 2);
    const double weight_ratio = path.class_weight(mid_2018) / path.class_weight(violence_anchor_day());
    if (war) REQUIRE(weight_ratio > 1.5);
    const double x = path.stock(mid_2018) / path.stock(violence_anchor_day()) * weight_ratio;
    REQUIRE(x > 1.1);
    const double share = s.violence.firearm_share, g = std::pow(x, elasticity);
    const double expected_share = share * g / (share * g + 1.0 - share);
    const double count = model.world().tables.homicides_national.at(2018) * kDays / 365.25;
    INFO("elasticity " << elasticity << ", x " << x);
    CHECK(total(model, r, "homicides") == Approx(count).epsilon(0.03));
    CHECK(total(model, r, "homicides_firearm") / total(model, r, "homicides") == Approx(expected_share).margin(0.015));
  }
}

TEST_CASE("A traced gun counts toward the time-to-crime share from three years after its first sale on",
          "[model][mexico]") {
  // ATF's measure: the share of traces whose first retail sale was three years or more
  // before the recovery. A gun found 2.9 years after its sale adds to the mean but not
  // to the share; one found just over 3 years after it adds to both.
  test::DayFixture f(test::short_settings(60));
  const MetricRows& m = f.ctx.rows;
  const TraceDraws traced{0.0, 0.0, 1.0};  // submitted, source found, purchaser not named (no lead)
  REQUIRE(trace_submission(f.ctx) > 0.0);
  Lot gun;
  gun.us_state = static_cast<std::int16_t>(f.ctx.world.state_index("TX"));
  gun.dealer = f.ctx.world.dealers_of_state[static_cast<std::size_t>(gun.us_state)].first;
  gun.count = 1;
  gun.purchase_day = f.ctx.day() - 1059;  // 2.9 years
  trace_recovered_gun(f.ctx, f.run.st, f.tally, gun, traced);
  REQUIRE(f.count(m.traces_state_known) == 1.0);
  CHECK(f.count(m.ttc_sum_years) == Approx(1059 / 365.25));
  CHECK(f.count(m.ttc_over_3y_share) == 0.0);  // a count until the metrics are finalised
  gun.purchase_day = f.ctx.day() - 1096;       // 3.0 years and a day
  trace_recovered_gun(f.ctx, f.run.st, f.tally, gun, traced);
  CHECK(f.count(m.ttc_over_3y_share) == 1.0);
  CHECK(f.count(m.ttc_sum_years) == Approx((1059 + 1096) / 365.25));
}

TEST_CASE("A trace within enforcement.target_ttc_years of the sale ranks its dealer first for inspection",
          "[model][mexico]") {
  // ATF's Demand Letter 2 counts a dealer's traces with a time-to-crime under three years:
  // a gun recovered soon after its sale points at the sale. Both traces name the dealer and
  // count toward its rank; only the young one counts among the young traces that rank first.
  test::DayFixture f(test::short_settings(60));
  REQUIRE(f.ctx.settings.enforcement.target_ttc_years == 3.0);
  const TraceDraws traced{0.0, 0.0, 1.0};  // submitted, source found, purchaser not named (no lead)
  Lot gun;
  gun.us_state = static_cast<std::int16_t>(f.ctx.world.state_index("TX"));
  gun.dealer = f.ctx.world.dealers_of_state[static_cast<std::size_t>(gun.us_state)].first;
  gun.count = 1;
  gun.purchase_day = f.ctx.day() - 1096;  // 3.0 years and a day
  trace_recovered_gun(f.ctx, f.run.st, f.tally, gun, traced);
  CHECK(f.run.st.dealers.targets.count(gun.dealer) == 1);
  CHECK(f.run.st.dealers.targets.young_count(gun.dealer) == 0);
  gun.purchase_day = f.ctx.day() - 1059;  // 2.9 years
  trace_recovered_gun(f.ctx, f.run.st, f.tally, gun, traced);
  CHECK(f.run.st.dealers.targets.count(gun.dealer) == 2);
  CHECK(f.run.st.dealers.targets.young_count(gun.dealer) == 1);
}
