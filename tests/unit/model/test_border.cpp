// border.hpp: southbound inspection at crossings, through short Model::run replications.
#include <catch2/catch.hpp>

#include "gunflow/model/border.hpp"
#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("Certain inspection and a search that misses nothing stop every load", "[model][border]") {
  Settings s = test::short_settings();
  s.border.inspection_rate = 1.0;
  s.border.unofficial_detection = 1.0;
  s.border.concealment = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "guns_arrived_mexico") == 0);
  CHECK(total(model, r, "guns_arrived_onward") == 0);
  CHECK(total(model, r, "us_border_seizures") > 0);
  CHECK(total(model, r, "us_interdiction_share") > 0);
  CHECK(total(model, r, "border_vehicles_found") == total(model, r, "border_vehicles_inspected"));
}

TEST_CASE("Concealment: inspected vehicles mostly cross, and what is seized is the guns found", "[model][border]") {
  // Every port vehicle inspected, but each hidden gun missed with probability 0.9: a
  // vehicle of 3 guns is found with probability 1 - 0.9^3 = 0.271, so most loads' guns
  // reach Mexico, and the seizures are whole vehicles (3 guns, or a load's remainder).
  Settings s = test::short_settings();
  s.border.inspection_rate = 1.0;
  s.border.unofficial_detection = 0.0;
  s.border.unofficial_extra_km = 1e4;  // keep every load at the ports
  s.border.concealment = 0.9;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  const double inspected = total(model, r, "border_vehicles_inspected");
  const double found = total(model, r, "border_vehicles_found");
  REQUIRE(inspected > 200);
  // Binomial(inspected, p) with p between 0.271 (full vehicles) and 0.1 (single-gun
  // remainders): the found share lies in that range, with room for sampling noise.
  CHECK(found / inspected < 0.30);
  CHECK(found / inspected > 0.15);
  CHECK(total(model, r, "us_port_seizures") == total(model, r, "us_border_seizures"));
  CHECK(total(model, r, "us_border_seizures") <= 3 * found);
  CHECK(total(model, r, "guns_arrived_mexico") > total(model, r, "us_border_seizures"));
}

TEST_CASE("Every seizure refers a tip to ATF", "[model][border]") {
  Settings s = test::short_settings();
  s.border.unofficial_detection = 0.5;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  REQUIRE(total(model, r, "us_border_seizures") > 0);
  CHECK(total(model, r, "leads_by_source", "tip") > 0);
  CHECK(total(model, r, "leads_by_source", "tip") <= total(model, r, "border_vehicles_found"));
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
  s.border.concealment = 0.0;  // an inspection finds every gun: a port loses the whole load
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
