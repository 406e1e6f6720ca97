// border.hpp: southbound inspection at crossings, through short Model::run replications.
#include <catch2/catch.hpp>

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
