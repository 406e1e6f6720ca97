// demand.hpp: orders of Mexican criminal groups by region, their growth over time and
// the destinations of new networks.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <span>

#include "gunflow/core/power.hpp"
#include "gunflow/model/demand.hpp"
#include "gunflow/model/prices.hpp"
#include "gunflow/model/reference_stock.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("demand_shares: the onward node gets onward_share and the states the rest by homicides", "[model][demand]") {
  Settings s = test::short_settings(1);
  s.demand.onward_share = 0.2;
  const Model model(s);
  const World& w = model.world();
  const std::vector<double> share = demand_shares(w, s);
  REQUIRE(share.size() == w.regions.size());
  CHECK(std::accumulate(share.begin(), share.end(), 0.0) == Approx(1.0));
  double homicides = 0;
  for (const Region& r : w.regions) homicides += r.onward ? 0.0 : r.homicides[0];
  int onward = 0;
  for (std::size_t i = 0; i < w.regions.size(); ++i) {
    if (w.regions[i].onward) {
      ++onward;
      CHECK(share[i] == 0.2);
    } else {
      CHECK(share[i] == Approx(0.8 * w.regions[i].homicides[0] / homicides));
    }
  }
  CHECK(onward == 1);
}

TEST_CASE("Demand aims for the calendar stock, whatever the start date", "[model][demand]") {
  // Two runs of the same scenario starting four years apart place the same orders on a
  // day when their arsenals hold the same stock (the target is reference_stock(date)).
  Settings early = test::short_settings(1), late = early;
  early.simulation.start = Date::from_ymd(2006, 1, 1);
  early.simulation.end = Date::from_ymd(2006, 1, 2);
  test::SteppedReplication ra(early), rb(late);
  const Model &a = ra.model, &b = rb.model;
  const Date day = Date::from_ymd(2010, 6, 1);
  for (auto* st : {&ra.st, &rb.st}) {
    st->serving_networks.assign(st->serving_networks.size(), 1);
    st->serving_scale.assign(st->serving_scale.size(), kScaleUnits);
    st->cumulative_orders.assign(st->cumulative_orders.size(), 0.0);
  }
  accrue_daily_orders(StepContext{a.world(), early, a.rows(), test::kSeed, 0, day}, ra.st);
  accrue_daily_orders(StepContext{b.world(), late, b.rows(), test::kSeed, 0, day}, rb.st);
  // The arsenals differ (each run placed the path's stock on its own first day), so the
  // orders differ by exactly the stock ratio to the power arsenal_feedback.
  for (std::size_t r = 0; r < ra.st.arsenals.size(); ++r) {
    if (a.world().regions[r].onward || ra.st.arsenals[r].total() == 0) continue;
    const double ratio =
        static_cast<double>(rb.st.arsenals[r].total()) / static_cast<double>(ra.st.arsenals[r].total());
    CHECK(ra.st.cumulative_orders[r] / rb.st.cumulative_orders[r] ==
          Approx(power(ratio, early.demand.arsenal_feedback)).epsilon(1e-12));
  }
}

TEST_CASE("accrue_daily_orders shares a region's orders among its serving networks by scale", "[model][demand]") {
  test::DayFixture day(test::short_settings());
  ReplicationState& st = day.run.st;
  const std::vector<double> before = st.cumulative_orders;
  accrue_daily_orders(day.ctx, st);
  const std::span<const double> share = day.ctx.world.tables.demand_share_in(day.ctx.date.year());
  double orders = 0;
  for (std::size_t r = 0; r < share.size(); ++r) {
    const double added = st.cumulative_orders[r] - before[r];
    if (st.serving_networks[r] == 0) CHECK(added == 0.0);  // nobody to take the orders
    // Orders per unit of scale: the region's networks take them in proportion to their scales.
    orders += added * st.serving_scale_of(r);
  }
  // Each region's orders are its share of the year's over 365, times the pressure of
  // the calendar target on its stock: (target × share / stock)^arsenal_feedback.
  const Settings& set = day.ctx.settings;
  const double target = reference_stock(set, day.ctx.date) / (1.0 - set.demand.onward_share);
  double expected = 0;
  for (std::size_t r = 0; r < share.size(); ++r) {
    if (!st.serving_networks[r]) continue;
    const auto stock = static_cast<double>(st.arsenals[r].total());
    const bool pressed = !day.ctx.world.regions[r].onward && stock > 0;
    expected += share[r] * (pressed ? power(target * share[r] / stock, set.demand.arsenal_feedback) : 1.0);
  }
  CHECK(orders == Approx(set.demand.guns_per_year / 365.0 * expected));
}

TEST_CASE("Under market prices orders fall with what buyers pay of a cost, by the price elasticity",
          "[model][demand][prices]") {
  // The same day twice: with the straw fee doubled and half of the change passed on to
  // buyers, each region's orders are the other run's × (its price index)^-elasticity.
  Settings s = test::short_settings();
  s.traffickers.pricing = "market";
  s.traffickers.market_pass_through = 0.5;
  Settings dearer = s;
  dearer.traffickers.straw_fee *= 2;
  dearer.demand.price_elasticity = 0.8;
  test::DayFixture base(s), day(dearer);
  accrue_daily_orders(base.ctx, base.run.st);
  accrue_daily_orders(day.ctx, day.run.st);
  int compared = 0;
  for (std::size_t r = 0; r < day.run.st.cumulative_orders.size(); ++r) {
    if (day.run.st.serving_networks[r] == 0) continue;
    const double index = market_price_index(day.ctx, r);
    CHECK(index > 1.0);  // a dearer straw purchase, half of it on the buyers
    CHECK(day.run.st.cumulative_orders[r] ==
          Approx(base.run.st.cumulative_orders[r] * power(index, -0.8)).epsilon(1e-12));
    ++compared;
  }
  CHECK(compared > 0);
  // Nothing passed on, nothing to respond to.
  CHECK(market_price_index(base.ctx, 0) == 1.0);
}
