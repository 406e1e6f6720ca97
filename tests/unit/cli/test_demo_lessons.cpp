// demo_lessons.hpp: what the teaching demo says about each policy. Every policy of the
// registry has a title, a paragraph and a "what to notice" line, and the demo's defaults
// are the values of the policy files under scenarios/policies/ (not the schema's).
#include <catch2/catch.hpp>

#include <string>

#include "demo_lessons.hpp"
#include "gunflow/scenario/schema_policies.hpp"

using namespace gunflow::cli;

namespace {
std::vector<std::string> registry() {
  std::vector<std::string> out;
  for (const gunflow::PolicyInfo& p : gunflow::policy_registry()) out.push_back(p.name);
  return out;
}
}  // namespace

TEST_CASE("demo lessons: one per registry policy, in registry order, none empty", "[cli][demo]") {
  const auto names = registry();
  REQUIRE(policy_lessons().size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(policy_lessons()[i].name == names[i]);
    CHECK(std::string(policy_lessons()[i].title).size() > 5);
    CHECK(std::string(policy_lessons()[i].description).size() > 60);
    CHECK(std::string(policy_lessons()[i].notice).size() > 30);
  }
}

TEST_CASE("demo defaults come from scenarios/policies/, not the schema", "[cli][demo]") {
  const auto defaults = read_policy_defaults(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/policies", registry());
  REQUIRE(defaults.size() == registry().size());
  const auto find = [&](const std::string& name) {
    for (const PolicyDefaults& d : defaults)
      if (d.name == name) return d;
    FAIL("no defaults for " << name);
    return PolicyDefaults{};
  };
  // The schema's southbound_inspection covers every port; the file lists six.
  const PolicyDefaults south = find("southbound_inspection");
  CHECK(south.file == "policies/southbound_inspection.yaml");
  CHECK(south.start == "2011-01-01");
  REQUIRE(south.params.size() == 2);
  CHECK(south.params[0].first == "crossings");
  CHECK(south.params[0].second.list ==
        std::vector<std::string>{"san_ysidro", "nogales", "el_paso", "laredo", "hidalgo", "brownsville"});
  CHECK(south.params[1].second.number == 0.10);
  const PolicyDefaults rifles = find("multiple_rifle_reporting");
  CHECK(rifles.start == "2011-08-14");
  const PolicyDefaults awb = find("assault_weapons_ban");
  CHECK(awb.params[0].second.kind == ParamValue::Kind::kBool);
  CHECK(find("suspend_export_licences").params.empty());
  // A directory without the files: the schema's defaults (no parameters offered).
  const auto none = read_policy_defaults("/nonexistent", registry());
  CHECK(none.front().file.empty());
  CHECK(none.front().params.empty());
}

TEST_CASE("demo metric titles are readable names", "[cli][demo]") {
  CHECK(metric_title("us_border_seizures") == "Guns seized at the border (southbound)");
  for (const std::string& m : demo_metrics()) CHECK(metric_title(m) != m);
  CHECK(metric_title("no_such_metric") == "no_such_metric");
}
