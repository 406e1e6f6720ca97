// enforcement.hpp: investigations that succeed and dismantle networks, through short
// Model::run replications.
#include <catch2/catch.hpp>

#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

namespace {
// Many agents, one-day investigations that always end in an arrest.
Settings certain_cases(double disruption) {
  Settings s = test::short_settings();
  s.enforcement.case_success = 1.0;
  s.enforcement.network_disruption = disruption;
  s.enforcement.investigators = 1e4;
  s.enforcement.investigation_days = 1.0;
  return s;
}
}  // namespace

TEST_CASE("Successful, disruptive cases dismantle networks", "[model][enforcement]") {
  const Model model(certain_cases(1.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads") > 0);
  CHECK(total(model, r, "leads_investigated") > 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "arrests") == total(model, r, "cases"));  // case_success = 1
  CHECK(total(model, r, "networks_disrupted") > 0);
  CHECK(total(model, r, "networks_disrupted") <= total(model, r, "cases"));
}

TEST_CASE("Cases that never disrupt leave every network in place", "[model][enforcement]") {
  const Model model(certain_cases(0.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
  CHECK(total(model, r, "us_investigation_seizures") == 0);
}

TEST_CASE("No investigators: no cases", "[model][enforcement]") {
  Settings s = test::short_settings();
  s.enforcement.investigators = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads_investigated") == 0);
  CHECK(total(model, r, "cases") == 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
}
