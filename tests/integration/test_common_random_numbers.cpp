// Common random numbers: every decision has its own draws, keyed by (seed, purpose,
// replication, entity, day, decision), so a change to one mechanism leaves the draws of
// the others alone. The per-policy checks (a policy in force that changes nothing gives
// byte-identical outputs; a policy in force leaves the draws of mechanisms it does not
// act on untouched) are in test_policies.cpp, next to each policy's expected effect.
#include <catch2/catch.hpp>

#include <string>

#include "crn_fixture.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;
using test::series;

TEST_CASE("A change to homicide substitution leaves the trafficking draws identical", "[crn]") {
  Settings a = test::baseline_2010();
  Settings b = a;
  b.violence.substitution = 0.9;  // acts only on non-firearm homicides
  const Model ma(a), mb(b);
  for (std::uint64_t rep : {0u, 7u}) {
    const ReplicationResult ra = ma.run(42, rep), rb = mb.run(42, rep);
    CHECK((series(ma, ra, "guns_trafficked") == series(mb, rb, "guns_trafficked")).all());
    CHECK((series(ma, ra, "traces") == series(mb, rb, "traces")).all());
    CHECK((series(ma, ra, "homicides_firearm") == series(mb, rb, "homicides_firearm")).all());
  }
}

TEST_CASE("A scenario's name does not enter the random streams", "[crn]") {
  Settings a = test::baseline_2010();
  Settings b = a;
  b.simulation.name = "renamed";
  const Model ma(a), mb(b);
  CHECK((ma.run(5, 3).values == mb.run(5, 3).values).all());
}

TEST_CASE("Raising southbound inspection raises seizures while purchases stay paired", "[crn]") {
  Settings a = test::baseline_2010();
  a.simulation.end = Date::from_ymd(2010, 7, 1);
  a.traffickers.initial_budget = 1e9;  // seized loads cost revenue; keep budgets from binding here
  Settings b = a;
  // Both ports and unofficial crossings, or traffic simply moves to the unofficial ones.
  b.border.inspection_rate = 0.5;
  b.border.unofficial_detection = 0.5;
  const Model ma(a), mb(b);
  const ReplicationResult ra = ma.run(9, 0), rb = mb.run(9, 0);
  const auto total = [](const Model& m, const ReplicationResult& r, const char* metric) {
    return series(m, r, metric).sum();
  };
  // Vehicles inspected rise with the rates (×25 at ports, ×17 between ports); seizures
  // rise less, since loads leave the crossings between ports (where a stopped load is
  // lost) for the ports, where an inspection finds a vehicle's guns only 3% of the time.
  CHECK(total(mb, rb, "border_vehicles_inspected") > 5 * total(ma, ra, "border_vehicles_inspected"));
  CHECK(total(mb, rb, "us_border_seizures") > 2 * total(ma, ra, "us_border_seizures"));
  // With budgets not binding, purchases react only through slow feedbacks (arsenal
  // size), so under common random numbers the two runs stay within 2% of each other.
  const double pa = total(ma, ra, "guns_trafficked"), pb = total(mb, rb, "guns_trafficked");
  CHECK(std::abs(pa - pb) / pa < 0.02);
}
