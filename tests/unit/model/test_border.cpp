// border.hpp: southbound inspection at crossings, through short Model::run replications.
#include <catch2/catch.hpp>

#include "gunflow/model/border.hpp"
#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("Certain inspection at every crossing stops every load", "[model][border]") {
  Settings s = test::short_settings();
  s.border.inspection_rate = 1.0;
  s.border.unofficial_detection = 1.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "guns_arrived_mexico") == 0);
  CHECK(total(model, r, "guns_arrived_onward") == 0);
  CHECK(total(model, r, "us_border_seizures") > 0);
  CHECK(total(model, r, "us_interdiction_share") > 0);
}

TEST_CASE("No inspection anywhere: no border seizures", "[model][border]") {
  Settings s = test::short_settings();
  s.border.inspection_rate = 0.0;
  s.border.unofficial_detection = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "us_border_seizures") == 0);
  CHECK(total(model, r, "guns_arrived_mexico") > 0);
}

TEST_CASE("Risky ports push loads to unofficial crossings", "[model][border]") {
  // Route cost = risk_weight_km × detection + detour; at a port detection 1 vs 0 at
  // unofficial crossings (150 km detour), so every load should leave the ports.
  Settings s = test::short_settings();
  s.border.inspection_rate = 1.0;
  s.border.unofficial_detection = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  double at_ports = 0;
  for (const Crossing& c : model.world().crossings)
    if (c.official) at_ports += total(model, r, "guns_by_crossing", c.id);
  CHECK(at_ports == 0);
  CHECK(total(model, r, "us_border_seizures") == 0);
  CHECK(total(model, r, "guns_arrived_mexico") > 0);
}

namespace {
int crossings_used(const Model& model, const ReplicationResult& r) {
  int used = 0;
  for (const Crossing& c : model.world().crossings) used += total(model, r, "guns_by_crossing", c.id) > 0;
  return used;
}
}  // namespace

TEST_CASE("Route choice spreads loads over crossings; a tight logit scale concentrates them", "[model][border]") {
  Settings wide = test::short_settings(120);
  wide.border.route_choice_km = 400;
  Settings tight = wide;
  tight.border.route_choice_km = 1;
  const Model mw(wide), mt(tight);
  const ReplicationResult rw = mw.run(kSeed, 0), rt = mt.run(kSeed, 0);
  CHECK(crossings_used(mw, rw) > crossings_used(mt, rt));
}

TEST_CASE("Outbound inspection is a budget spread over ports by traffic", "[model][border]") {
  // With the budget allocated in proportion to traffic, every port inspects the same
  // share of vehicles: the scenario's inspection_rate.
  const Settings s = test::short_settings();
  const Model model(s);
  MetricRows rows{};
  StepContext ctx{model.world(), s, rows, 1, 0, s.simulation.start};
  double budget = 0, traffic = 0;
  for (std::size_t c = 0; c < model.world().crossings.size(); ++c) {
    const Crossing& x = model.world().crossings[c];
    if (!x.official) continue;
    CHECK(crossing_detection(ctx, static_cast<int>(c)) == Approx(s.border.inspection_rate));
    budget += port_inspections_per_day(ctx, static_cast<int>(c));
    traffic += x.vehicles_per_day;
  }
  CHECK(budget == Approx(s.border.inspection_rate * traffic));
}
