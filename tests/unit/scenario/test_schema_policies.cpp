// The policy registry is the one list of policies: the schema, the date-window check,
// the docs, the fuzz dictionary and the example scenarios must all follow it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/schema_policies.hpp"

using namespace gunflow;

namespace {
const std::string kSource = GUNFLOW_SOURCE_DIR;

std::set<std::string> enabled_policies(const Settings& s) {
  std::set<std::string> on;
  for (const PolicyInfo& p : policy_registry())
    if (p.window(s.policies).enabled) on.insert(p.name);
  return on;
}

/// The value a value-initialised field of this type holds.
Value zero_of(ValueType type) {
  switch (type) {
    case ValueType::kReal:
      return 0.0;
    case ValueType::kInt:
      return std::int64_t{0};
    case ValueType::kBool:
      return false;
    case ValueType::kString:
      return std::string();
    case ValueType::kDate:
      return Date{};
    case ValueType::kStringList:
      return StringList{};
    case ValueType::kRealMap:
      return RealMap{};
  }
  return 0.0;
}
}  // namespace

TEST_CASE("registry: unique names and exactly the schema's policy blocks", "[scenario][policy]") {
  std::set<std::string> names;
  for (const PolicyInfo& p : policy_registry()) {
    INFO(p.name);
    CHECK(names.insert(p.name).second);
    CHECK_FALSE(p.doc.empty());
    CHECK(find_policy(p.name) == &p);
    for (const char* k : {"enabled", "start", "end"}) CHECK(find_entry("policies." + p.name + "." + k) != nullptr);
    for (const std::string& k : p.parameters) CHECK(find_entry("policies." + p.name + "." + k) != nullptr);
  }
  // Every policies.* key belongs to a registered policy and is listed by it.
  for (const SchemaEntry& e : schema()) {
    if (e.path.rfind("policies.", 0) != 0) continue;
    INFO(e.path);
    const std::string rest = e.path.substr(std::string("policies.").size());
    const PolicyInfo* p = find_policy(rest.substr(0, rest.find('.')));
    REQUIRE(p != nullptr);
    const std::string key = rest.substr(rest.find('.') + 1);
    const bool window = key == "enabled" || key == "start" || key == "end";
    CHECK((window || std::count(p->parameters.begin(), p->parameters.end(), key) == 1));
  }
  CHECK(find_policy("no_such_policy") == nullptr);
}

TEST_CASE("registry: the window accessors reach distinct policies", "[scenario][policy]") {
  Settings s = default_settings();
  for (const PolicyInfo& p : policy_registry()) {
    INFO(p.name);
    p.mutable_window(s.policies).enabled = true;
    CHECK(enabled_policies(s).count(p.name) == 1);
    CHECK(find_entry("policies." + p.name + ".enabled")->get(s) == Value(true));
    p.mutable_window(s.policies).enabled = false;
    CHECK(enabled_policies(s).empty());
  }
}

TEST_CASE("every policy has its example scenario that switches on only that policy", "[scenario][policy]") {
  std::set<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(kSource + "/scenarios/policies"))
    if (f.path().extension() == ".yaml") files.insert(f.path().stem().string());
  for (const PolicyInfo& p : policy_registry()) {
    INFO("scenarios/policies/" << p.name << ".yaml");
    REQUIRE(files.erase(p.name) == 1);
    const Settings s = load_scenario(kSource + "/scenarios/policies/" + p.name + ".yaml").settings;
    CHECK(enabled_policies(s) == std::set<std::string>{p.name});
  }
  CHECK(files.empty());  // no example for a policy the registry does not know
  std::set<std::string> all;
  for (const PolicyInfo& p : policy_registry()) all.insert(p.name);
  CHECK(enabled_policies(load_scenario(kSource + "/scenarios/combined.yaml").settings) == all);
  CHECK(enabled_policies(load_scenario(kSource + "/scenarios/baseline.yaml").settings).empty());
}

TEST_CASE("every policy's end must come after its start", "[scenario][policy]") {
  const auto dir = std::filesystem::temp_directory_path();
  for (const PolicyInfo& p : policy_registry()) {
    INFO(p.name);
    const auto file = dir / ("gunflow_test_policy_window_" + p.name + ".yaml");
    {
      std::ofstream out(file);
      out << "extends: " << kSource << "/scenarios/baseline.yaml\npolicies:\n  " << p.name
          << ":\n    start: 2011-06-01\n    end: 2011-06-01\n";
    }
    std::string message;
    try {
      load_scenario(file.string());
    } catch (const InputError& e) {
      message = e.what();
    }
    std::filesystem::remove(file);
    CHECK_THAT(message, Catch::Contains(":5:10: policies." + p.name +
                                        ".end is 2011-06-01, but must be after the policy's start (2011-06-01)"));
  }
}

TEST_CASE("defaults live only in the schema: a value-initialised Settings holds none", "[scenario]") {
  const Settings zero{};
  for (const SchemaEntry& e : schema()) {
    INFO(e.path);
    CHECK(format_value(e.get(zero)) == format_value(zero_of(e.type)));
  }
}

TEST_CASE("a minimal scenario gets exactly the schema's documented defaults", "[scenario]") {
  const Settings s = load_scenario(kSource + "/tests/fixtures/scenarios/minimal.yaml").settings;
  for (const SchemaEntry& e : schema()) {
    if (e.path.rfind("data.", 0) == 0) continue;  // required, so given (resolved to absolute paths)
    INFO(e.path);
    CHECK(format_value(e.get(s)) == format_value(e.default_value));
  }
}

TEST_CASE("integer keys are typed integer with whole defaults and bounds", "[scenario]") {
  // The keys the model uses as counts, days or thresholds. A new such key belongs here
  // and in the schema as `integer(...)`, so a fraction is an error, not truncated.
  const std::set<std::string> counts = {"simulation.warmup_days",
                                        "traffickers.count",
                                        "traffickers.shipment_size",
                                        "traffickers.buyers_per_network",
                                        "traffickers.max_guns_per_purchase",
                                        "traffickers.max_guns_per_reported_purchase",
                                        "traffickers.guns_per_buyer",
                                        "channels.corrupt_dealer_volume",
                                        "border.reroute_days",
                                        "border.guns_per_vehicle",
                                        "policies.multiple_rifle_reporting.threshold",
                                        "policies.multiple_rifle_reporting.window_business_days",
                                        "mexico.stock_year"};  // a calendar year
  std::set<std::string> typed;
  for (const SchemaEntry& e : schema())
    if (e.type == ValueType::kInt) {
      typed.insert(e.path);
      INFO(e.path);
      CHECK(e.min == std::floor(e.min));
      CHECK(std::get<std::int64_t>(e.default_value) >= static_cast<std::int64_t>(e.min));
      CHECK(static_cast<double>(std::get<std::int64_t>(e.default_value)) <= e.max);
    }
  CHECK(typed == counts);
}

TEST_CASE("the fuzz dictionary's key source names every schema key segment", "[scenario][fuzz]") {
  // scripts/fuzz appends to tests/fuzz/yaml.dict the segments of every key in the first
  // column of docs/scenarios.md (grep '^| `[a-z0-9_.]*`'); this reads them the same way.
  std::ifstream in(kSource + "/docs/scenarios.md");
  REQUIRE(in);
  std::set<std::string> segments;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string key = line.substr(3, line.find('`', 3) - 3);
    if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos) continue;
    std::stringstream path(key);
    for (std::string segment; std::getline(path, segment, '.');) segments.insert(segment);
  }
  for (const SchemaEntry& e : schema()) {
    std::stringstream path(e.path);
    for (std::string segment; std::getline(path, segment, '.');) {
      INFO(e.path);
      CHECK(segments.count(segment) == 1);
    }
  }
}
