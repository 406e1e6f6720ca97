// mexico.hpp: violence driven by the armed stock, through short Model::run replications.
#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

TEST_CASE("With zero stock elasticity firearm homicides do not depend on the stock", "[model][mexico]") {
  constexpr int kDays = 60;
  Settings s = test::short_settings(kDays);
  s.violence.stock_elasticity = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);

  // Expected: each day, each Mexican state draws Poisson(firearm_share × H2010 / 365.25)
  // (mexico.cpp violence_day), so the total is Poisson with mean
  // kDays × firearm_share × ΣH2010 / 365.25 and SD = sqrt(mean). 6 SD: P(false fail) ≈ 2e-9.
  double h2010 = 0;
  for (const Region& g : model.world().regions)
    if (!g.onward) h2010 += g.homicides[0];
  const double mean = kDays * s.violence.firearm_share * h2010 / 365.25;
  CHECK(total(model, r, "homicides_firearm") == Approx(mean).margin(6 * std::sqrt(mean)));

  // Draining the arsenals faster changes the stock but, with elasticity 0, not one
  // homicide: the draws are keyed by (region, day), so they are identical.
  Settings drained = s;
  drained.mexico.attrition_rate = 1.0;
  drained.mexico.recovery_rate = 1.0;
  const Model model2(drained);
  const ReplicationResult r2 = model2.run(kSeed, 0);
  REQUIRE(total(model2, r2, "arsenal_stock") < total(model, r, "arsenal_stock"));
  CHECK(total(model2, r2, "homicides_firearm") == total(model, r, "homicides_firearm"));
  CHECK(total(model2, r2, "homicides") == total(model, r, "homicides"));
}

TEST_CASE("With positive elasticity a smaller stock means fewer firearm homicides", "[model][mexico]") {
  Settings s = test::short_settings(60);
  s.violence.stock_elasticity = 1.0;
  s.violence.substitution = 0.0;
  const Model model(s);
  Settings drained = s;
  drained.mexico.attrition_rate = 1.0;
  drained.mexico.recovery_rate = 1.0;
  const Model model2(drained);
  const ReplicationResult a = model.run(kSeed, 0), b = model2.run(kSeed, 0);
  CHECK(total(model2, b, "homicides_firearm") < total(model, a, "homicides_firearm"));
  // Non-firearm homicides have the same mean (no substitution) and are drawn after the
  // firearm ones from the same stream, so they differ only through the stream position.
  CHECK(total(model2, b, "homicides_nonfirearm") == Approx(total(model, a, "homicides_nonfirearm")).epsilon(0.1));
}

TEST_CASE("Recovered guns are traced and traces split into shares", "[model][mexico]") {
  const Model model(test::short_settings(60));
  const ReplicationResult r = model.run(kSeed, 0);
  const double recoveries = total(model, r, "mx_recoveries");
  const double traces = total(model, r, "traces");
  CHECK(recoveries > 0);
  CHECK(traces > 0);
  CHECK(traces <= recoveries);
  CHECK(total(model, r, "traces_us_sourced") <= traces);
  const double share = total(model, r, "traces_us_sourced_share");
  CHECK(share == Approx(total(model, r, "traces_us_sourced") / traces));
}
