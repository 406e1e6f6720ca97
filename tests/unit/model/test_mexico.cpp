// mexico.hpp: violence driven by the armed stock, through short Model::run replications.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

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

TEST_CASE("A table of homicides by year sets each year's baseline, spread by the 2010 shares", "[model][mexico]") {
  // With stock elasticity 0 the homicides of a 60-day run in 2010 are Poisson with mean
  // 60/365.25 × the year's national count: 2010 lies halfway between 2009 and 2011 in the
  // table, so the count is their mean. 6 SD: P(false fail) ≈ 2e-9.
  constexpr int kDays = 60;
  Settings s = test::short_settings(kDays);
  s.violence.stock_elasticity = 0.0;
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  tables->homicides_by_year = {{2009, 40000}, {2011, 60000}};
  s.data.tables = tables;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  const double mean = kDays * 50000.0 / 365.25;
  CHECK(total(model, r, "homicides") == Approx(mean).margin(6 * std::sqrt(mean)));
  // Spread by the states' 2010 shares: the largest state keeps its share (6 SD of its own).
  std::size_t top = 0;
  for (std::size_t i = 0; i < model.world().regions.size(); ++i)
    if (model.world().regions[i].homicides[0] > model.world().regions[top].homicides[0]) top = i;
  const double share = model.world().tables.demand_share[top] / (1.0 - s.demand.onward_share);
  const double top_mean = mean * share;
  CHECK(total(model, r, "homicides_by_region", model.world().regions[top].code) ==
        Approx(top_mean).margin(6 * std::sqrt(top_mean)));
}
