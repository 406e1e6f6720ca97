// policies.hpp: what the law and enforcement are on a given day (2010 state law plus
// the scenario's dated policy blocks).
#include <catch2/catch.hpp>

#include <numeric>

#include "gunflow/model/policies.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("retail_sale_allowed follows the 2010 state bans", "[model][policies]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  const MetricRows rows{};
  const StepContext ctx{w, s, rows, 1, 0, s.simulation.start};
  const int ca = w.state_index("CA"), tx = w.state_index("TX");
  REQUIRE(ca >= 0);
  REQUIRE(tx >= 0);
  CHECK_FALSE(retail_sale_allowed(ctx, ca, FirearmClass::kAr));  // CA assault-weapons ban
  CHECK_FALSE(retail_sale_allowed(ctx, ca, FirearmClass::kAk));
  CHECK_FALSE(retail_sale_allowed(ctx, ca, FirearmClass::kBmg50));  // CA .50 BMG ban
  CHECK(retail_sale_allowed(ctx, ca, FirearmClass::kHandgun));
  CHECK(retail_sale_allowed(ctx, ca, FirearmClass::kOtherLong));
  CHECK(secondhand_availability(ctx, ca, FirearmClass::kAr) == 0.0);  // decades-old ban: no grandfathered stock left
  for (FirearmClass c : {FirearmClass::kHandgun, FirearmClass::kAr, FirearmClass::kAk, FirearmClass::kBmg50,
                         FirearmClass::kOtherLong, FirearmClass::kKit})
    CHECK(retail_sale_allowed(ctx, tx, c));
}

TEST_CASE("2010 law in TX and CA: private sales and multiple-sale reports and no policy bans", "[model][policies]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const World& w = model.world();
  const MetricRows rows{};
  const int tx = w.state_index("TX");
  // Baseline 2010: no background checks on private sales in TX, the federal
  // multiple-sale report for handguns (threshold 2) and none for rifles there.
  const StepContext ctx{w, s, rows, 1, 0, s.simulation.start};
  CHECK_FALSE(private_sales_checked(ctx, tx));
  CHECK(reporting_rule(ctx, tx, FirearmClass::kHandgun).threshold == 2);
  CHECK(blocking_ban(ctx, tx, FirearmClass::kAr) == nullptr);
  // CA's 2010 ban is state law, not a scenario policy block: retail is closed, but no
  // policy ban blocks it (the policies' substitution draws stay off).
  CHECK_FALSE(retail_sale_allowed(ctx, w.state_index("CA"), FirearmClass::kAr));
  CHECK(blocking_ban(ctx, w.state_index("CA"), FirearmClass::kAr) == nullptr);
}

TEST_CASE("The history scenario dates California's .50 BMG ban from 2005 and keeps the rest of 2010 law",
          "[model][policies]") {
  const Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/history.yaml").settings;
  const Model model(s);
  const World& w = model.world();
  const MetricRows rows{};
  const int ca = w.state_index("CA");
  REQUIRE(ca >= 0);
  const auto at = [&](int year) {
    return StepContext{w, model.settings_in(year), rows, 1, 0, Date::from_ymd(year, 6, 1)};
  };
  CHECK(retail_sale_allowed(at(2004), ca, FirearmClass::kBmg50));  // before the 2005 ban
  CHECK(secondhand_availability(at(2004), ca, FirearmClass::kBmg50) == 1.0);
  CHECK_FALSE(retail_sale_allowed(at(2005), ca, FirearmClass::kBmg50));  // as the 2010 flag
  CHECK(secondhand_availability(at(2010), ca, FirearmClass::kBmg50) == 0.0);
  CHECK_FALSE(retail_sale_allowed(at(2004), ca, FirearmClass::kAr));  // CA's assault-weapons ban (1989)
  // The table differs from us_states.csv in that one flag only.
  const Settings& b = test::baseline_settings();
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    const UsStateInfo &h = w.states[i], &t = b.data.tables->states[i];
    INFO(h.code);
    CHECK(h.code == t.code);
    CHECK(h.retail_dealers == t.retail_dealers);
    CHECK(h.awb == t.awb);
    CHECK(h.private_sale_checks == t.private_sale_checks);
    CHECK(h.bmg50_ban == (h.code == "CA" ? false : t.bmg50_ban));
  }
}
