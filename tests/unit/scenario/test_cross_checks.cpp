// cross_checks.hpp: checks across keys, each reported where the key that has to change
// was written (or at its nearest written parent).
#include <catch2/catch.hpp>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/loader.hpp"
#include "scenario_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
/// The scenario below, loaded (it is consistent) and read as a located source.
struct Fixture {
  test::TempDir dir{"cross_checks"};
  std::string file;
  Settings settings;
  ScenarioSource source;
  Fixture() {
    file = test::write_file(dir, "scenario.yaml",
                            "extends: " + test::source_dir() +
                                "/scenarios/baseline.yaml\n"
                                "simulation:\n"
                                "  name: cross\n"
                                "  end: 2012-01-01\n"
                                "dealers:\n"
                                "  corrupt_share: 0.1\n"
                                "policies:\n"
                                "  southbound_inspection:\n"
                                "    start: 2011-01-01\n"
                                "    crossings: [san_ysidro]\n");  // a port of scenarios/data/crossings.csv
    settings = load_scenario(file).settings;
    std::vector<InputProblem> problems;
    source = read_scenario_source(file, problems);
    REQUIRE(problems.empty());
  }
  std::vector<InputProblem> check() const {
    std::vector<InputProblem> problems;
    check_consistency(settings, source, problems);
    return problems;
  }
};

}  // namespace

TEST_CASE("check_consistency finds nothing in a consistent scenario", "[scenario][cross_checks]") {
  const Fixture f;
  CHECK(f.check().empty());
}

TEST_CASE("check_consistency: an end before the start is reported where the end was written",
          "[scenario][cross_checks]") {
  Fixture f;
  f.settings.simulation.end = Date::from_ymd(2009, 1, 1);
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == f.file);
  CHECK(p[0].line == 4);
  CHECK(p[0].column == 8);
  CHECK(p[0].key_path == "simulation.end");
  CHECK_THAT(p[0].message, Contains("must be after simulation.start"));
}

TEST_CASE("check_consistency: a horizon over 40 years is refused", "[scenario][cross_checks]") {
  Fixture f;
  f.settings.simulation.end = Date::from_ymd(f.settings.simulation.start.year() + 41, 1, 1);
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Contains("horizon of 41 years; at most 40"));
  f.settings.simulation.end = Date::from_ymd(f.settings.simulation.start.year() + 40, 1, 1);
  CHECK(f.check().empty());
  // The history runs' span: 1995 to the end of 2035.
  f.settings.simulation.start = Date::from_ymd(1995, 1, 1);
  f.settings.simulation.end = Date::from_ymd(2036, 1, 1);
  CHECK(f.check().size() == 1);
  f.settings.simulation.end = Date::from_ymd(2035, 1, 1);
  CHECK(f.check().empty());
}

TEST_CASE("check_consistency: an unwritten key is reported at its nearest written parent", "[scenario][cross_checks]") {
  Fixture f;
  f.settings.dealers.negligent_share = 0.95;  // + corrupt 0.1 > 1; negligent_share is not in the file
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 1);
  CHECK(p[0].key_path == "dealers.negligent_share");
  CHECK(p[0].file == f.file);
  CHECK(p[0].line == 5);  // the `dealers:` mapping
}

TEST_CASE("check_consistency: a policy window must end after it starts, and unknown crossings are named",
          "[scenario][cross_checks]") {
  Fixture f;
  auto& sb = f.settings.policies.southbound_inspection;
  sb.end = sb.start;
  sb.crossings.push_back("NO_SUCH_PORT");
  f.settings.policies.vetting.enabled = false;  // a switched-off window is not checked
  f.settings.policies.vetting.end = f.settings.policies.vetting.start;
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 2);
  CHECK(p[0].key_path == "policies.southbound_inspection.end");
  CHECK_THAT(p[0].message, Contains("must be after the policy's start (2011-01-01)"));
  CHECK(p[1].key_path == "policies.southbound_inspection.crossings");
  CHECK(p[1].line == 10);
  CHECK_THAT(p[1].message, Contains("'NO_SUCH_PORT'"));
}

TEST_CASE("check_consistency: shares and weights must have a positive entry", "[scenario][cross_checks]") {
  Fixture f;
  for (auto& [k, v] : f.settings.demand.class_mix) v = 0;
  for (auto& [k, v] : f.settings.channels.preference) v = 0;
  for (auto& [k, v] : f.settings.traffickers.home_state_weights) v = 0;
  f.settings.mexico.initial_source_states = {{"TX", 0.0}};  // written, but nothing in it (empty is allowed)
  // All class weights zero would make violence 0/0 (no homicides at all, firearm or not).
  for (auto& [k, v] : f.settings.violence.class_weight) v = 0;
  for (auto& [k, v] : f.settings.market.sales_class_mix) v = 0;
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 6);
  CHECK(p[0].key_path == "demand.class_mix");
  CHECK(p[1].key_path == "channels.preference");
  CHECK(p[2].key_path == "traffickers.home_state_weights");
  CHECK(p[3].key_path == "violence.class_weight");
  CHECK(p[4].key_path == "market.sales_class_mix");
  CHECK(p[5].key_path == "mexico.initial_source_states");
}

TEST_CASE("check_consistency: armed conflict must order some class", "[scenario][cross_checks]") {
  Fixture f;
  // Only AR-type rifles ordered, and the conflict orders none of them: a year of nothing
  // but conflict would order nothing at all.
  for (auto& [k, v] : f.settings.demand.class_mix) v = k == "ar_rifle" ? 1.0 : 0.0;
  for (auto& [k, v] : f.settings.demand.conflict_class_ratio) v = k == "ar_rifle" ? 0.0 : 1.0;
  std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 1);
  CHECK(p[0].key_path == "demand.conflict_class_ratio");
  CHECK_THAT(p[0].message, Contains("must be positive for some class demand.class_mix orders"));
  f.settings.demand.conflict_class_ratio["ar_rifle"] = 0.5;
  CHECK(f.check().empty());
}

TEST_CASE("check_consistency: market prices must name every class", "[scenario][cross_checks]") {
  // A map is replaced whole: a price written for handguns alone would sell every other
  // class for nothing. Only the market rule reads the map.
  Fixture f;
  f.settings.traffickers.market_price_usd = {{"handgun", 1500}};
  CHECK(f.check().empty());
  f.settings.traffickers.pricing = "market";
  const std::vector<InputProblem> p = f.check();
  REQUIRE(p.size() == 1);
  CHECK(p[0].key_path == "traffickers.market_price_usd");
  CHECK_THAT(p[0].message, Contains("must name every class"));
  for (const std::string_view c : kClassNames) f.settings.traffickers.market_price_usd[std::string(c)] = 1000;
  CHECK(f.check().empty());
}

TEST_CASE("value_conflicts: what a parameter set applied after loading can break, without a place",
          "[scenario][cross_checks]") {
  // An ensemble applies its parameter sets key by key after the scenario was read, so
  // these checks are all that stands between a set of zero weights and a silent 0/0.
  Fixture f;
  CHECK(value_conflicts(f.settings).empty());
  for (auto& [k, v] : f.settings.channels.preference) v = 0;
  f.settings.dealers.negligent_share = 0.95;  // with the fixture's corrupt share 0.1: over 1
  const std::vector<KeyConflict> c = value_conflicts(f.settings);
  REQUIRE(c.size() == 2);
  CHECK(c[0].key == "channels.preference");
  CHECK(c[1].key == "dealers.negligent_share");
  CHECK_THAT(c[1].message, Contains("exceeds 1"));
  // Refused at the first, placed in the file that set the values and said where in it.
  CHECK_THROWS_WITH(refuse_value_conflicts(f.settings, "sets.csv", " in parameter set 3"),
                    Contains("channels.preference") && Contains("positive weight for some channel in parameter set 3"));
}

TEST_CASE("scenario_warnings: a policy whose dates miss the whole run is named, one in force is not",
          "[scenario][cross_checks]") {
  Fixture f;  // southbound inspection from 2011-01-01, inside the run (warm-up to 2012-01-01)
  CHECK(scenario_warnings(f.settings, f.source).empty());
  f.settings.policies.southbound_inspection.start = Date::from_ymd(2012, 1, 1);  // the run's end: never in force
  std::vector<InputProblem> w = scenario_warnings(f.settings, f.source);
  REQUIRE(w.size() == 1);
  CHECK(w[0].key_path == "policies.southbound_inspection.start");
  CHECK(w[0].line == 9);  // where the start is written
  CHECK_THAT(w[0].message, Contains("in force from 2012-01-01, outside the run") && Contains("it changes nothing"));
  // Ended before the warm-up's first day: named at its end.
  f.settings.policies.southbound_inspection.start = Date::from_ymd(1990, 1, 1);
  f.settings.policies.southbound_inspection.end = f.settings.simulation.first_day();
  w = scenario_warnings(f.settings, f.source);
  REQUIRE(w.size() == 1);
  CHECK(w[0].key_path == "policies.southbound_inspection.end");
  // In force on the warm-up's first day only: it acts (the state it leaves carries on).
  f.settings.policies.southbound_inspection.end = f.settings.simulation.first_day() + 1;
  CHECK(scenario_warnings(f.settings, f.source).empty());
  // A block switched off is not a mistake, whatever its dates.
  f.settings.policies.southbound_inspection.enabled = false;
  f.settings.policies.southbound_inspection.start = Date::from_ymd(2030, 1, 1);
  CHECK(scenario_warnings(f.settings, f.source).empty());
}

TEST_CASE("scenario_notes: a ban in force before the first day says the first day's stock does not carry it",
          "[scenario][cross_checks]") {
  Fixture f;
  const Date first = f.settings.simulation.first_day();
  // Southbound inspection from before the first day keeps no class off the market: nothing said.
  f.settings.policies.southbound_inspection.start = first + (-365);
  CHECK(scenario_notes(f.settings, f.source).empty());
  PolicyWindow& ban = f.settings.policies.assault_weapons_ban;
  ban.enabled = true;
  ban.start = first + (-3650);
  ban.end = Date::from_ymd(9999, 12, 31);
  std::vector<InputProblem> n = scenario_notes(f.settings, f.source);
  REQUIRE(n.size() == 1);
  CHECK(n[0].key_path == "policies.assault_weapons_ban.start");
  CHECK_THAT(n[0].message, Contains("before the run's first day (" + first.to_string()) &&
                               Contains("laid out as if it had never been in force") &&
                               Contains("start the run before it"));
  // A note, not a warning: the ban acts in the run (gunflow serve refuses warnings only).
  CHECK(scenario_warnings(f.settings, f.source).empty());
  // From the first day itself: the stock is laid out before it acts, as it should be.
  ban.start = first;
  CHECK(scenario_notes(f.settings, f.source).empty());
  // Ended before the first day: the warning that it changes nothing also says it.
  ban.start = first + (-3650);
  ban.end = first + (-365);
  CHECK(scenario_notes(f.settings, f.source).empty());
  const std::vector<InputProblem> w = scenario_warnings(f.settings, f.source);
  REQUIRE(w.size() == 1);
  CHECK(w[0].key_path == "policies.assault_weapons_ban.end");
  CHECK_THAT(w[0].message, Contains("it changes nothing in the run") && Contains("laid out as if it had never been"));
}

TEST_CASE("scenario_warnings: a policy in force that covers no state is named", "[scenario][cross_checks]") {
  Fixture f;
  f.settings.policies.universal_background_checks.enabled = true;
  f.settings.policies.universal_background_checks.start = Date::from_ymd(2011, 1, 1);
  f.settings.policies.universal_background_checks.end = Date::from_ymd(9999, 12, 31);
  CHECK(scenario_warnings(f.settings, f.source).empty());  // every state, its default
  f.settings.policies.universal_background_checks.states.clear();
  const std::vector<InputProblem> w = scenario_warnings(f.settings, f.source);
  REQUIRE(w.size() == 1);
  CHECK(w[0].key_path == "policies.universal_background_checks.states");
  CHECK_THAT(w[0].message, Contains("is empty") && Contains("changes nothing"));
  // Southbound inspection's empty list of ports means every port: no warning.
  f.settings.policies.universal_background_checks.enabled = false;
  f.settings.policies.southbound_inspection.crossings.clear();
  CHECK(scenario_warnings(f.settings, f.source).empty());
}
