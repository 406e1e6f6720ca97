// supply_outputs.hpp: trace concentration over dealers on hand-computed cases.
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/model/supply_outputs.hpp"

using namespace gunflow;

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
