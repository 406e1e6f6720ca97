#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "gunflow/scenario/docs.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/settings.hpp"
#include "gunflow/scenario/yaml_source.hpp"

using namespace gunflow;

TEST_CASE("schema keys are unique, documented, and defaults lie in range", "[scenario]") {
  std::set<std::string> seen;
  for (const SchemaEntry& e : schema()) {
    INFO(e.path);
    CHECK(seen.insert(e.path).second);
    CHECK_FALSE(e.doc.empty());
    CHECK(e.default_value.index() == static_cast<std::size_t>(e.type));
    if (e.type == ValueType::kReal) {
      CHECK(std::get<double>(e.default_value) >= e.min);
      CHECK(std::get<double>(e.default_value) <= e.max);
    }
    // Round trip through the accessors.
    Settings s = default_settings();
    e.set(s, e.default_value);
    CHECK(format_value(e.get(s)) == format_value(e.default_value));
  }
}

TEST_CASE("groups and entries are found by path", "[scenario]") {
  CHECK(find_entry("border.inspection_rate") != nullptr);
  CHECK(find_entry("border") == nullptr);
  CHECK(is_group("border"));
  CHECK_FALSE(is_group("border.inspection_rate"));
  CHECK(suggest_key("mexico.recovery_rat") == "mexico.recovery_rate");
  CHECK(suggest_key("bordr") == "border");
  CHECK(suggest_key("completely_unrelated_words") == "");
}

TEST_CASE("find_parameter_entry: schema keys, and elements of real maps with fixed keys", "[scenario]") {
  CHECK(find_parameter_entry("border.inspection_rate") == find_entry("border.inspection_rate"));
  const SchemaEntry* map = find_entry("violence.class_weight");
  REQUIRE(map != nullptr);
  CHECK(find_entry("violence.class_weight.ar_rifle") == nullptr);  // scenario files write the map whole
  const SchemaEntry* e = find_parameter_entry("violence.class_weight.ar_rifle");
  REQUIRE(e != nullptr);
  CHECK(e->type == ValueType::kReal);
  CHECK(e->min == map->min);
  CHECK(e->max == map->max);
  Settings s = default_settings();
  CHECK(std::get<double>(e->get(s)) == s.violence.class_weight.at("ar_rifle"));
  const RealMap before = s.violence.class_weight;
  e->set(s, Value(2.25));
  CHECK(s.violence.class_weight.at("ar_rifle") == 2.25);
  for (const auto& [k, v] : before)
    if (k != "ar_rifle") CHECK(s.violence.class_weight.at(k) == v);
  CHECK(find_parameter_entry("violence.class_weight.musket") == nullptr);
  CHECK(find_parameter_entry("border.inspection_rate.x") == nullptr);
}

TEST_CASE("docs/scenarios.md is the generator's output (regenerate with `gunflow schema`)", "[scenario][docs]") {
  std::ifstream in(std::string(GUNFLOW_SOURCE_DIR) + "/docs/scenarios.md");
  REQUIRE(in);
  std::stringstream committed;
  committed << in.rdbuf();
  CHECK(committed.str() == scenario_reference_markdown());
}
