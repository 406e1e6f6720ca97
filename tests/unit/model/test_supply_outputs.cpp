// supply_outputs.hpp: trace concentration over dealers on hand-computed cases; the
// outputs by network scale against their totals.
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/model/simulation.hpp"
#include "gunflow/model/supply_outputs.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;

TEST_CASE("trace_concentration: shares of the top dealers and the Gini", "[model][supply_outputs]") {
  // 100 dealers: one with 50 traces, two with 10, the rest with 0 or 1 (30 with 1).
  std::vector<std::int32_t> t(100, 0);
  t[7] = 50;
  t[20] = 10;
  t[21] = 10;
  for (int i = 30; i < 60; ++i) t[static_cast<std::size_t>(i)] = 1;
  const TraceConcentration c = trace_concentration(t);
  CHECK(c.top1 == Approx(50.0 / 100.0));  // top 1% = 1 dealer
  CHECK(c.top3 == Approx(70.0 / 100.0));  // top 3% = 3 dealers
  // Gini by the definition: sum over pairs |xi - xj| / (2 n^2 mean).
  double pairs = 0, sum = 0;
  for (auto a : t) {
    sum += a;
    for (auto b : t) pairs += std::abs(a - b);
  }
  CHECK(c.gini == Approx(pairs / (2.0 * 100 * 100 * (sum / 100))));
  // Even counts: Gini 0; no trace: all zero.
  CHECK(trace_concentration(std::vector<std::int32_t>(10, 3)).gini == Approx(0.0).margin(1e-12));
  const TraceConcentration none = trace_concentration(std::vector<std::int32_t>(10, 0));
  CHECK(none.top1 == 0.0);
  CHECK(none.gini == 0.0);
}

TEST_CASE("Guns and networks by network scale add up to their totals; networks alike fill one bin",
          "[model][supply_outputs]") {
  Settings s = test::short_settings();
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  const double guns = test::total(model, r, "guns_trafficked");
  const double active = test::total(model, r, "networks_active");
  REQUIRE(guns > 0);
  REQUIRE(active > 0);
  CHECK(test::total_over_keys(model, r, "guns_trafficked_by_network_scale") == guns);
  CHECK(test::total_over_keys(model, r, "networks_active_by_scale") == active);
  // With sizes (sigma 1) the networks over twice the mean's size, about 16% of them, buy
  // more than their number's share; every bin is used.
  const double large = test::total(model, r, "guns_trafficked_by_network_scale", "2_to_5") +
                       test::total(model, r, "guns_trafficked_by_network_scale", "over_5");
  const double large_networks = test::total(model, r, "networks_active_by_scale", "2_to_5") +
                                test::total(model, r, "networks_active_by_scale", "over_5");
  CHECK(large / guns > large_networks / active);
  for (const char* bin : {"up_to_half", "half_to_1", "1_to_2", "2_to_5", "over_5"})
    CHECK(test::total(model, r, "networks_active_by_scale", bin) > 0);
  // Every network of the mean scale: all in one bin (a scale of exactly 1 is "half_to_1").
  s.traffickers.size_dispersion = 0;
  const Model alike(s);
  const ReplicationResult a = alike.run(kSeed, 0);
  CHECK(test::total(alike, a, "guns_trafficked_by_network_scale", "half_to_1") ==
        test::total(alike, a, "guns_trafficked"));
  CHECK(test::total(alike, a, "networks_active_by_scale", "half_to_1") == test::total(alike, a, "networks_active"));
}
