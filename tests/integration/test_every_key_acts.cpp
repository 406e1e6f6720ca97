// Every numeric scenario key reaches the model: changed on its own (one at a time, the
// rest as the scenario has them), it changes some output of a replication, bit for bit.
//
// Why: a key that moves nothing is a mechanism that cannot bite, or a setting read by no
// code, and either would let a sweep, a calibration or a policy study report "no effect"
// for want of wiring. The check is deliberately weak on *which* output moves (the policy
// and mechanism tests assert directions); it catches keys cut off from the model.
//
// A key is tried on the scenario where it can act: a policy's parameters on its example
// file (scenarios/policies/<name>.yaml) with the policy in force from the first day; any
// other key on the baseline, and, if nothing moves there, on scenarios/combined.yaml with
// every policy in force (some keys only act through a policy: the weight of ammunition
// leads, say), and, if still nothing, on the baseline with the overrides `kWhereItActs`
// names for it (a mechanism rare at the calibrated values), or on the scenario
// `kScenarioWhereItActs` names (a key that needs a dated input). Each is raised by half
// (lowered when that leaves its range) and, if nothing moves, lowered by half: a cap that
// never binds at the default moves outputs when lowered. A map is changed in its largest
// element. One replication of 2010 after a 30-day warm-up.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crn_fixture.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/schema_policies.hpp"

using namespace gunflow;

namespace {
constexpr std::uint64_t kSeed = 2024;

Settings scenario(const std::string& file) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  test::shorten_to_2010(s);
  return s;
}

/// Every policy the settings switch on starts on the first simulated day, so it acts on
/// the whole (short) run.
Settings in_force_from_first_day(Settings s) {
  for (const PolicyInfo& p : policy_registry()) {
    PolicyWindow& w = p.mutable_window(s.policies);
    if (w.enabled) w.start = s.simulation.first_day();
  }
  return s;
}

ReplicationResult run_once(const Settings& s) { return Model(s).run(kSeed, 0); }

/// Keys whose mechanism is too rare in one short baseline run to move anything, with the
/// settings under which it is not: refusal leads, about 7 a year at the calibrated refusal
/// probability (5e-4), are all served whatever their triage weight; at 0.05 (inside the
/// calibration's prior) they compete with traces for the investigators. The market
/// rule's prices act only under that rule (the baseline prices loads at cost plus), and
/// what buyers pay of a cost, and how their orders answer it, only once a cost moves.
/// Rifle reports exist only under the rifle rule, and after a short warm-up ATF opens
/// every report it gets whatever its weight: with few agents, they compete with handgun
/// reports and traces.
const std::map<std::string, std::vector<std::pair<std::string, Value>>> kWhereItActs = {
    {"enforcement.lead_weight_refusal", {{"dealers.refusal_probability", 0.05}}},
    {"enforcement.lead_weight_rifle_report",
     {{"policies.multiple_rifle_reporting.enabled", true}, {"enforcement.investigators", 5.0}}},
    // Handgun visits stop at the reported-purchase cap, and a long-gun visit rarely reaches 15.
    {"traffickers.max_guns_per_purchase", {{"traffickers.max_guns_per_reported_purchase", std::int64_t{50}}}},
    {"traffickers.market_price_usd", {{"traffickers.pricing", std::string("market")}}},
    {"traffickers.market_price_per_km", {{"traffickers.pricing", std::string("market")}}},
    {"traffickers.market_pass_through",
     {{"traffickers.pricing", std::string("market")}, {"traffickers.straw_fee", 500.0}}},
    {"demand.price_elasticity",
     {{"traffickers.pricing", std::string("market")},
      {"traffickers.market_pass_through", 1.0},
      {"traffickers.straw_fee", 500.0}}},
};

/// Keys that act only through a dated input the baseline does not name, with a scenario
/// that names it: the private market's thickness needs a table of sales by year (without
/// one every year sells as 2010 did, the calibrated market), the conflict's class ratios a
/// table of conflict homicides (without one every year orders 2010's mix, and every class
/// is recovered at the calibrated rate).
const std::map<std::string, std::string> kScenarioWhereItActs = {
    {"market.thickness_elasticity", "history.yaml"},
    {"demand.conflict_class_ratio", "history.yaml"},
    {"mexico.conflict_recovery_ratio", "history.yaml"},
};

Settings where_it_acts(Settings s, const std::string& key) {
  for (const auto& [path, value] : kWhereItActs.at(key))
    for (const SchemaEntry& e : schema())
      if (e.path == path) e.set(s, value);
  return s;
}

bool differs(const ReplicationResult& a, const ReplicationResult& b) {
  return a.values.rows() != b.values.rows() || a.values.cols() != b.values.cols() || (a.values != b.values).any();
}

/// `value` scaled by `factor`, kept in the key's range and whole for integer keys;
/// std::nullopt when that gives the value back.
std::optional<Value> scaled(const SchemaEntry& e, const Value& value, double factor) {
  const auto clamp = [&](double x) { return std::clamp(x, e.min, e.max); };
  if (e.type == ValueType::kReal) {
    const double v = std::get<double>(value);
    const double x = clamp(v == 0 ? e.min + 0.1 * (e.max - e.min) * factor : v * factor);
    return x == v ? std::nullopt : std::optional<Value>(x);
  }
  if (e.type == ValueType::kInt) {
    const auto v = std::get<std::int64_t>(value);
    double x = std::round(static_cast<double>(v) * factor);
    if (x == static_cast<double>(v)) x = static_cast<double>(v) + (factor > 1 ? 1 : -1);
    x = clamp(x);
    return x == static_cast<double>(v) ? std::nullopt : std::optional<Value>(static_cast<std::int64_t>(x));
  }
  RealMap m = std::get<RealMap>(value);
  if (m.empty()) return std::nullopt;
  auto largest = std::max_element(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const double x = clamp(largest->second * factor);
  if (x == largest->second) return std::nullopt;
  largest->second = x;
  return m;
}

/// Whether changing key `e` alone in `base` (whose replication gave `reference`) changes it.
bool moves(const SchemaEntry& e, const Settings& base, const ReplicationResult& reference) {
  for (const double factor : {1.5, 0.5}) {
    const std::optional<Value> v = scaled(e, e.get(base), factor);
    if (!v) continue;
    Settings s = base;
    e.set(s, *v);
    if (differs(run_once(s), reference)) return true;
  }
  return false;
}

bool numeric(const SchemaEntry& e) {
  return e.type == ValueType::kReal || e.type == ValueType::kInt || e.type == ValueType::kRealMap;
}

/// The keys of `area` ("demand", "policies", …) that move no output.
std::vector<std::string> inert_keys(const std::string& area) {
  struct Base {
    Settings settings;
    ReplicationResult reference;
  };
  const auto make = [](Settings s) { return Base{s, run_once(s)}; };
  std::optional<Base> baseline, combined;
  std::map<std::string, Base> policy_examples;
  std::vector<std::string> inert;
  for (const SchemaEntry& e : schema()) {
    if (!numeric(e) || e.path.rfind(area + ".", 0) != 0) continue;
    bool moved = false;
    if (area == "policies") {
      const std::string name = e.path.substr(9, e.path.find('.', 9) - 9);
      auto it = policy_examples.find(name);
      if (it == policy_examples.end())
        it = policy_examples.emplace(name, make(in_force_from_first_day(scenario("policies/" + name + ".yaml")))).first;
      moved = moves(e, it->second.settings, it->second.reference);
    } else {
      if (!baseline) baseline = make(scenario("baseline.yaml"));
      moved = moves(e, baseline->settings, baseline->reference);
      if (!moved) {
        if (!combined) combined = make(in_force_from_first_day(scenario("combined.yaml")));
        moved = moves(e, combined->settings, combined->reference);
      }
      if (!moved && kWhereItActs.count(e.path)) {
        const Base there = make(where_it_acts(scenario("baseline.yaml"), e.path));
        moved = moves(e, there.settings, there.reference);
      }
      if (!moved && kScenarioWhereItActs.count(e.path)) {
        const Base there = make(scenario(kScenarioWhereItActs.at(e.path)));
        moved = moves(e, there.settings, there.reference);
      }
    }
    if (!moved) inert.push_back(e.path);
  }
  return inert;
}

void require_every_key_acts(const std::string& area) {
  std::size_t keys = 0;
  for (const SchemaEntry& e : schema()) keys += numeric(e) && e.path.rfind(area + ".", 0) == 0 ? 1 : 0;
  REQUIRE(keys > 0);  // the area has numeric keys (a renamed area would pass vacuously)
  const std::vector<std::string> inert = inert_keys(area);
  INFO("keys tried: " << keys);
  CHECK(inert == std::vector<std::string>{});
}
}  // namespace

// One case per group of areas, so that ctest spreads them over cores.
TEST_CASE("every demand/traffickers/channels key moves an output", "[policy][every_key]") {
  for (const char* area : {"demand", "traffickers", "channels"}) require_every_key_acts(area);
}
TEST_CASE("every dealers/border/mexico key moves an output", "[policy][every_key]") {
  for (const char* area : {"dealers", "border", "mexico"}) require_every_key_acts(area);
}
TEST_CASE("every enforcement/violence/market key moves an output", "[policy][every_key]") {
  for (const char* area : {"enforcement", "violence", "market"}) require_every_key_acts(area);
}
TEST_CASE("every policy parameter moves an output when its policy is in force", "[policy][every_key]") {
  require_every_key_acts("policies");
}
