// sweep_file.hpp: what a sweep file sets, its defaults, and the settings at a point.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/sweep_file.hpp"
#include "scenario_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
std::string base_line() { return "base: " + test::source_dir() + "/tests/fixtures/scenarios/short.yaml\n"; }
}  // namespace

TEST_CASE("load_sweep reads every key and loads the base", "[scenario][sweep_file]") {
  const test::TempDir dir("sweep_file_full");
  const SweepSpec spec =
      load_sweep(test::write_file(dir, "s.yaml",
                                  base_line() + "design: lhs\n"
                                                "points: 7\n"
                                                "replications: 3\n"
                                                "seed: 11\n"
                                                "bootstrap: 50\n"
                                                "parameters:\n"
                                                "  - {key: border.inspection_rate, range: [0.01, 0.2]}\n"
                                                "outputs: [arrests]\n"));
  CHECK(spec.design == DesignKind::kLatinHypercube);
  CHECK(spec.points == 7);
  CHECK(spec.replications == 3);
  CHECK(spec.seed == 11);
  CHECK(spec.bootstrap == 50);
  REQUIRE(spec.parameters.size() == 1);
  CHECK(spec.parameters[0].key == "border.inspection_rate");
  CHECK(spec.parameters[0].low == 0.01);
  CHECK(spec.parameters[0].high == 0.2);
  CHECK(spec.outputs == std::vector<std::string>{"arrests"});
  CHECK(spec.base.settings.simulation.name == "short");
}

TEST_CASE("load_sweep defaults: outputs guns_trafficked and homicides, base relative to the sweep file",
          "[scenario][sweep_file]") {
  const SweepSpec spec = load_sweep(test::source_dir() + "/tests/fixtures/sweep_small.yaml");
  CHECK(spec.design == DesignKind::kMorris);
  CHECK(spec.base.settings.simulation.name == "short");  // base: scenarios/short.yaml next to the file

  const test::TempDir dir("sweep_file_defaults");
  const SweepSpec d = load_sweep(test::write_file(
      dir, "d.yaml", base_line() + "parameters:\n  - {key: border.inspection_rate, range: [0, 0.1]}\n"));
  CHECK(d.outputs == std::vector<std::string>{"guns_trafficked", "homicides"});
  CHECK(d.replications == 4);
  CHECK(d.seed == 1);
}

TEST_CASE("load_sweep: a Morris design needs an even number of levels", "[scenario][sweep_file]") {
  const test::TempDir dir("sweep_file_morris");
  const std::string path = test::write_file(dir, "m.yaml",
                                            base_line() +
                                                "design: morris\n"
                                                "levels: 3\n"
                                                "parameters:\n  - {key: border.inspection_rate, range: [0, 0.1]}\n");
  CHECK_THROWS_WITH(load_sweep(path), Contains("m.yaml:3:9: levels must be even for a Morris design"));
}

TEST_CASE("load_sweep: a parameter swept twice is an error at its second entry", "[scenario][sweep_file]") {
  const test::TempDir dir("sweep_file_twice");
  const std::string path = test::write_file(dir, "t.yaml",
                                            base_line() +
                                                "parameters:\n"
                                                "  - {key: border.inspection_rate, range: [0, 0.1]}\n"
                                                "  - {key: border.inspection_rate, range: [0, 0.2]}\n");
  CHECK_THROWS_WITH(load_sweep(path),
                    Contains("t.yaml:4:11: parameters[1].key 'border.inspection_rate' is swept twice"));
}

TEST_CASE("settings_at sets each parameter and rounds integer keys to the nearest", "[scenario][sweep_file]") {
  const SweepSpec spec = load_sweep(test::source_dir() + "/tests/fixtures/sweep_small.yaml");
  REQUIRE(spec.parameters.size() == 2);  // border.inspection_rate (real), traffickers.count (integer)
  Eigen::RowVectorXd v(2);
  v << 0.125, 1500.6;
  const Settings s = settings_at(spec, v);
  CHECK(s.border.inspection_rate == 0.125);
  CHECK(s.traffickers.count == 1501);
  v << 0.0, 1500.4;
  CHECK(settings_at(spec, v).traffickers.count == 1500);
  // Everything else is the base scenario's.
  CHECK(s.demand.guns_per_year == spec.base.settings.demand.guns_per_year);
}

TEST_CASE("a sweep varies one element of a real map with fixed keys", "[scenario][sweep_file]") {
  // violence.class_weight is a map (scenario files write it whole); a study can still vary
  // one class's weight, with the map's bounds, leaving the other classes as they were.
  const test::TempDir dir("sweep_file_map_element");
  const std::string path = test::write_file(
      dir, "w.yaml", base_line() + "parameters:\n  - {key: violence.class_weight.ar_rifle, range: [0.5, 3]}\n");
  const SweepSpec spec = load_sweep(path);
  REQUIRE(spec.parameters.size() == 1);
  Eigen::RowVectorXd v(1);
  v << 2.5;
  const Settings s = settings_at(spec, v);
  CHECK(s.violence.class_weight.at("ar_rifle") == 2.5);
  CHECK(s.violence.class_weight.at("ak_rifle") == spec.base.settings.violence.class_weight.at("ak_rifle"));
  CHECK(s.violence.class_weight.size() == spec.base.settings.violence.class_weight.size());
  // An element the map does not allow, and one past its bounds, are located errors.
  const std::string bad = test::write_file(dir, "b.yaml",
                                           base_line() +
                                               "parameters:\n  - {key: violence.class_weight.musket, range: [0, 1]}\n"
                                               "  - {key: violence.class_weight.kit, range: [0, 1e9]}\n");
  CHECK_THROWS_WITH(load_sweep(bad), Contains("'violence.class_weight.musket' is not a scenario key"));
  // A near miss is named, as in scenario files; a key of another type is told apart.
  const std::string typo = test::write_file(
      dir, "typo.yaml", base_line() + "parameters:\n  - {key: border.inspection_rat, range: [0.1, 0.2]}\n");
  CHECK_THROWS_WITH(load_sweep(typo), Contains("did you mean 'border.inspection_rate'?"));
  const std::string text =
      test::write_file(dir, "text.yaml", base_line() + "parameters:\n  - {key: simulation.name, range: [0.1, 0.2]}\n");
  CHECK_THROWS_WITH(load_sweep(text), Contains("'simulation.name' is a scenario key but not a real or integer one"));
  CHECK_THROWS_WITH(load_sweep(bad), Contains("violence.class_weight.kit value 1e+09 is outside its range"));
}

TEST_CASE("a sweep over a cost of the trade under cost-plus prices warns, and names the baseline to use",
          "[scenario][sweep_file]") {
  // Expected: sweeping a channel's premium (an entry of channels.extra_cost) on a cost-plus
  // base gives a warning naming the key and scenarios/baseline_market.yaml; the same sweep
  // on a market-priced base, and a sweep of a key that is not a cost, give none. Why: under
  // cost-plus prices a dearer cost raises the networks' margins (docs/ODD.md section 9).
  const test::TempDir dir("sweep_file_cost");
  const std::string sweep = "parameters:\n  - {key: channels.extra_cost.unlicensed, range: [100, 400]}\n";
  const SweepSpec cost_plus = load_sweep(test::write_file(dir, "c.yaml", base_line() + sweep));
  REQUIRE(cost_plus.warnings.size() == 1);
  CHECK_THAT(cost_plus.warnings[0], Contains("changes a cost of the trade (channels.extra_cost.unlicensed)"));
  CHECK_THAT(cost_plus.warnings[0], Contains("scenarios/baseline_market.yaml"));
  const SweepSpec market =
      load_sweep(test::write_file(dir, "m.yaml", base_line() + sweep), {"traffickers.pricing=market"});
  CHECK(market.warnings.empty());
  const SweepSpec rate = load_sweep(test::write_file(
      dir, "r.yaml", base_line() + "parameters:\n  - {key: border.inspection_rate, range: [0.01, 0.2]}\n"));
  CHECK(rate.warnings.empty());
}
