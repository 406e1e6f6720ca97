// scenario_diff.hpp: what a comparison's arm changes besides its policies.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/scenario_diff.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
LoadedScenario shipped(const std::string& file) {
  return load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file);
}
}  // namespace

TEST_CASE("a policy on its own baseline changes nothing but its policies", "[scenario][compare]") {
  // Expected: every shipped policy file differs from the baseline it extends only in its
  // policies and name, so comparing the two gives no warning.
  const LoadedScenario base = shipped("baseline.yaml");
  for (const char* policy : {"policies/atf_capacity.yaml", "policies/assault_weapons_ban.yaml", "combined.yaml"}) {
    INFO(policy);
    CHECK(keys_beyond_policies(base.settings, shipped(policy).settings).empty());
  }
  CHECK(comparison_warnings({base, shipped("policies/atf_capacity.yaml")}).empty());
}

TEST_CASE("a policy named against another baseline is reported with the keys it carries", "[scenario][compare]") {
  // Expected: the market-priced baseline against a policy file that extends the calibrated
  // baseline differs in the pricing rule, the warm-up and the fitted and hand-set keys, and
  // the warning names the file, the base and the first keys; a cost variant of the market
  // baseline differs in exactly its one key.
  const LoadedScenario market = shipped("baseline_market.yaml");
  const LoadedScenario policy = shipped("policies/atf_capacity.yaml");
  const std::vector<std::string> keys = keys_beyond_policies(market.settings, policy.settings);
  CHECK(std::find(keys.begin(), keys.end(), "traffickers.pricing") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "simulation.warmup_days") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "simulation.name") == keys.end());
  const std::vector<std::string> warnings = comparison_warnings({market, policy});
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Contains("policies/atf_capacity.yaml differs from the base scenario"));
  CHECK_THAT(warnings[0], Contains("baseline_market.yaml in " + std::to_string(keys.size()) + " keys"));
  CHECK_THAT(warnings[0], Contains("more): its paired differences measure those keys too"));
  CHECK_THAT(warnings[0], Contains("it does not extend the base"));

  const LoadedScenario fee = shipped("costs/straw_fee_500.yaml");
  CHECK(keys_beyond_policies(market.settings, fee.settings) == std::vector<std::string>{"traffickers.straw_fee"});
  const std::string fee_warning = comparison_warnings({market, fee}).at(0);
  CHECK_THAT(fee_warning, Contains("in 1 key besides its policies (traffickers.straw_fee)"));
  CHECK_THAT(fee_warning, !Contains("does not extend"));
}

TEST_CASE("a year-by-year series counts as a difference of its key", "[scenario][compare]") {
  // Expected: two histories whose demand level differs only in one point of its
  // year-by-year series differ in demand.relative_level and nothing else; the history
  // against the baseline (a series against a plain value) differs there too.
  const LoadedScenario history = shipped("history.yaml");
  const LoadedScenario lower = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/history.yaml",
                                             {"demand.relative_level={1998: 0.345, 2011: 0.9}"});
  CHECK(keys_beyond_policies(history.settings, lower.settings) == std::vector<std::string>{"demand.relative_level"});
  const std::vector<std::string> keys = keys_beyond_policies(shipped("baseline.yaml").settings, history.settings);
  CHECK(std::find(keys.begin(), keys.end(), "demand.relative_level") != keys.end());
}

TEST_CASE("a cost of the trade changed under cost-plus prices is named, with the baseline to use",
          "[scenario][compare]") {
  // Expected: a dearer straw fee on the calibrated (cost-plus) baseline gets, besides the
  // key warning, one that says a load sells for its own cost times the markup, so a dearer
  // cost can raise the flow, and names the market-priced baseline; the same fee on the
  // market-priced baseline (the shipped cost scenarios) gets no such warning, and neither
  // does a key that is not a cost. Why: under cost-plus prices such a comparison measures
  // higher margins, not a dearer trade (docs/ODD.md section 9).
  const LoadedScenario base = shipped("baseline.yaml");
  const LoadedScenario fee =
      load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml", {"traffickers.straw_fee=500"});
  const std::vector<std::string> warnings = comparison_warnings({base, fee});
  REQUIRE(warnings.size() == 2);
  CHECK_THAT(warnings[1], Contains("changes a cost of the trade (traffickers.straw_fee)"));
  CHECK_THAT(warnings[1], Contains("traffickers.pricing: cost_plus"));
  CHECK_THAT(warnings[1], Contains("scenarios/baseline_market.yaml"));
  const LoadedScenario haul = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml",
                                            {"traffickers.transport_cost_per_km=0.3", "border.inspection_rate=0.05"});
  const std::vector<std::string> haul_warnings = comparison_warnings({base, haul});
  REQUIRE(haul_warnings.size() == 2);
  CHECK_THAT(haul_warnings[1], Contains("(traffickers.transport_cost_per_km)"));

  const LoadedScenario market = shipped("baseline_market.yaml");
  CHECK(comparison_warnings({market, shipped("costs/straw_fee_500.yaml")}).size() == 1);
  const LoadedScenario rate =
      load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml", {"border.inspection_rate=0.05"});
  CHECK(comparison_warnings({base, rate}).size() == 1);
}
