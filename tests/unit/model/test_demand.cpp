// demand.hpp: orders of Mexican criminal groups by region, their growth over time and
// the destinations of new networks.
#include <catch2/catch.hpp>

#include <numeric>

#include "gunflow/model/demand.hpp"
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

TEST_CASE("years_since_start counts from simulation.start and is negative in the warm-up", "[model][demand]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  auto at = [&](Date d) { return years_since_start(StepContext{model.world(), s, model.rows(), 1, 0, d}); };
  CHECK(at(s.simulation.start) == 0.0);
  CHECK(at(s.simulation.start + 365) == Approx(365 / 365.25));
  CHECK(at(Date::from_ymd(2009, 12, 1)) < 0.0);
}

TEST_CASE("accrue_daily_orders shares a region's orders among its serving networks", "[model][demand]") {
  test::DayFixture day(test::short_settings());
  ReplicationState& st = day.run.st;
  const std::vector<double> before = st.cumulative_orders;
  accrue_daily_orders(day.ctx, st);
  const std::vector<double>& share = day.ctx.world.tables.demand_share;
  double orders = 0;
  for (std::size_t r = 0; r < share.size(); ++r) {
    const double added = st.cumulative_orders[r] - before[r];
    if (st.serving_networks[r] == 0) CHECK(added == 0.0);  // nobody to take the orders
    orders += added * st.serving_networks[r];
  }
  // On the first day arsenals are at their initial level (pressure 1, no growth yet):
  // the day's orders are the year's over 365.
  CHECK(orders == Approx(day.ctx.settings.demand.guns_per_year / 365.0 * [&] {
          double s = 0;
          for (std::size_t r = 0; r < share.size(); ++r) s += st.serving_networks[r] ? share[r] : 0;
          return s;
        }()));
}
