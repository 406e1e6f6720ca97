// network_entry.hpp: the pool of network slots, remembered profits (per network and per
// destination), exit after probation below the fixed cost, and an entrant's expected
// profit (the destination's profit shared with one more network).
#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/model/network_entry.hpp"
#include "gunflow/model/networks.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
StepContext on_day(const test::DayFixture& f, int day) {
  return StepContext{f.ctx.world, f.ctx.settings, f.ctx.rows, f.ctx.seed, f.ctx.replication, f.ctx.date + day};
}
/// A served region (one with networks).
std::size_t served_region(const ReplicationState& st) {
  for (std::size_t r = 0; r < st.serving_networks.size(); ++r)
    if (st.serving_networks[r] > 1) return r;
  FAIL("no region has two networks");
  return 0;
}
}  // namespace

TEST_CASE("the pool holds count plus headroom; count networks start, the rest wait", "[model][network_entry]") {
  Settings s = test::short_settings(1);
  s.traffickers.count = 40;
  s.traffickers.entry_headroom = 0.5;
  CHECK(network_slots(s) == 60);
  const test::DayFixture f(s);
  const ReplicationState& st = f.run.st;
  REQUIRE(st.networks.size() == 60);
  CHECK(st.buyers.size() == 60 * static_cast<std::size_t>(s.traffickers.buyers_per_network));
  CHECK(f.ctx.world.network.trafficker_vertex.size() == 60);
  int active = 0, serving = 0;
  for (const TraffickerState& n : st.networks) active += n.active ? 1 : 0;
  for (int n : st.serving_networks) serving += n;
  CHECK(active == 40);
  CHECK(serving == 40);
  for (std::size_t t = 40; t < 60; ++t) CHECK(st.due.day(t) >= f.ctx.day());
}

TEST_CASE("remembered profits start neutral: no region pays an entrant the fixed cost", "[model][network_entry]") {
  const test::DayFixture f(test::short_settings(1));
  const ReplicationState& st = f.run.st;
  const double fixed = f.ctx.settings.traffickers.fixed_cost_per_year;
  REQUIRE(fixed > 0);
  const std::size_t r = served_region(st);
  // As if its networks had each earned the fixed cost (by scale) for ever: an entrant of
  // the mean scale would share.
  const double n = st.serving_scale_of(r);
  CHECK(st.region_profit[r] == Approx(fixed * n));
  CHECK(entrant_profit(f.ctx, st, r) == Approx(fixed * n / (n + 1)));
  CHECK_FALSE(entry_may_pay(f.ctx, st));
}

TEST_CASE("a network's yearly profit corrects for its age; it may leave only after probation",
          "[model][network_entry]") {
  test::DayFixture f(test::short_settings(1));
  ReplicationState& st = f.run.st;
  const double fixed = f.ctx.settings.traffickers.fixed_cost_per_year;
  TraffickerState& net = st.networks[0];
  REQUIRE(net.active);
  const StepContext day100 = on_day(f, 100);
  record_profit(day100, st, 0, 50000);
  // 50,000 earned in the network's first 100 days, seen through one-year weights.
  CHECK(annual_profit(day100, net) == Approx(50000 / (1 - std::exp(-100 / 365.0))));
  CHECK_FALSE(leaves_market(day100, net));  // probation: under a year old
  // A year and more later with nothing else earned: below the fixed cost, it leaves.
  const StepContext day500 = on_day(f, 500);
  CHECK(annual_profit(day500, net) == Approx(50000 * std::exp(-400 / 365.0) / (1 - std::exp(-500 / 365.0))));
  CHECK(annual_profit(day500, net) < fixed);
  CHECK(leaves_market(day500, net));
  // Earning well for its scale, it stays.
  record_profit(day500, st, 0, 3 * fixed * net.scale());
  CHECK_FALSE(leaves_market(day500, net));
}

TEST_CASE("the fixed cost a network must earn grows with its scale", "[model][network_entry]") {
  // A crew twice the mean's costs twice as much: earning 1.5 fixed costs a year keeps a
  // network of the mean scale in business and sends one of scale 2 out.
  test::DayFixture f(test::short_settings(1));
  ReplicationState& st = f.run.st;
  const double fixed = f.ctx.settings.traffickers.fixed_cost_per_year;
  TraffickerState& net = st.networks[0];
  const StepContext later = on_day(f, 500);
  record_profit(later, st, 0, 1.5 * fixed * (1 - std::exp(-500 / 365.0)) * kProfitMemoryDays / 365.0);
  REQUIRE(annual_profit(later, net) == Approx(1.5 * fixed));
  net.scale_units = kScaleUnits;
  CHECK_FALSE(leaves_market(later, net));
  net.scale_units = 2 * kScaleUnits;
  CHECK(leaves_market(later, net));
}

TEST_CASE("high profits at a destination draw entrants there; losses keep them out", "[model][network_entry]") {
  test::DayFixture f(test::short_settings(1));
  ReplicationState& st = f.run.st;
  const double fixed = f.ctx.settings.traffickers.fixed_cost_per_year;
  const std::size_t r = served_region(st);
  std::size_t t = 0;
  while (!(st.networks[t].active && static_cast<std::size_t>(st.networks[t].region) == r)) ++t;
  const double n = st.serving_scale_of(r);
  // The region's networks earn twice the fixed cost per unit of scale: shared with one
  // more unit, an entrant of the mean scale expects 2 n / (n + 1) times it.
  record_profit(f.ctx, st, t, fixed * n);
  CHECK(entrant_profit(f.ctx, st, r) == Approx(2 * fixed * n / (n + 1)));
  CHECK(entry_may_pay(f.ctx, st));
  // Remembered profits fade with a one-year memory.
  CHECK(entrant_profit(on_day(f, 365), st, r) == Approx(2 * fixed * n / (n + 1) * std::exp(-1.0)));
  // A seized inventory's cost is booked as a loss: the region stops attracting.
  record_profit(f.ctx, st, t, -2 * fixed * n);
  CHECK(entrant_profit(f.ctx, st, r) < fixed);
  CHECK_FALSE(entry_may_pay(f.ctx, st));
}
