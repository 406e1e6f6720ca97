// yaml_source.hpp: a scenario file and its `extends:` chain as one map of located leaves.
#include <catch2/catch.hpp>

#include "gunflow/scenario/yaml_source.hpp"
#include "scenario_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("read_scenario_source overlays the extending file on its base, keeping each value's location",
          "[scenario][yaml_source]") {
  const test::TempDir dir("yaml_source_overlay");
  const std::string base = test::write_file(dir, "base.yaml",
                                            "simulation:\n"
                                            "  name: base\n"
                                            "border:\n"
                                            "  inspection_rate: 0.02\n"
                                            "  reroute_days: 30\n");
  const std::string child = test::write_file(dir, "child.yaml",
                                             "# a comment line\n"
                                             "extends: base.yaml\n"
                                             "border:\n"
                                             "  inspection_rate: 0.05\n");
  std::vector<InputProblem> problems;
  const ScenarioSource src = read_scenario_source(child, problems);
  CHECK(problems.empty());
  CHECK(src.root_file == child);
  REQUIRE(src.files.size() == 2);
  CHECK(src.files[0] == child);
  CHECK(std::filesystem::equivalent(src.files[1], base));
  // The child's value wins and is located in the child (1-based line and column).
  const LocatedNode& rate = src.leaves.at("border.inspection_rate");
  CHECK(rate.node.as<double>() == 0.05);
  CHECK(rate.where.file == child);
  CHECK(rate.where.line == 4);
  CHECK(rate.where.column == 20);
  // What only the base sets stays, located in the base.
  const LocatedNode& reroute = src.leaves.at("border.reroute_days");
  CHECK(reroute.node.as<double>() == 30);
  CHECK(std::filesystem::equivalent(reroute.where.file, base));
  CHECK(reroute.where.line == 5);
  CHECK(src.leaves.at("simulation.name").node.as<std::string>() == "base");
  CHECK(src.groups.count("border") == 1);
  CHECK(src.leaves.count("extends") == 0);
}

TEST_CASE("read_scenario_source collects unknown and duplicate keys, missing bases and cycles without throwing",
          "[scenario][yaml_source]") {
  const test::TempDir dir("yaml_source_problems");
  std::vector<InputProblem> problems;
  const std::string typo = test::write_file(dir, "typo.yaml",
                                            "border:\n"
                                            "  inspection_rat: 0.05\n"
                                            "  reroute_days: 30\n"
                                            "  reroute_days: 31\n");
  read_scenario_source(typo, problems);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].line == 2);
  CHECK_THAT(problems[0].to_string(), Contains("border.inspection_rat") && Contains("did you mean 'border.inspection_rate'"));
  CHECK(problems[1].line == 4);
  CHECK_THAT(problems[1].to_string(), Contains("border.reroute_days"));

  problems.clear();
  read_scenario_source(test::write_file(dir, "orphan.yaml", "extends: nowhere.yaml\n"), problems);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].to_string(), Contains("nowhere.yaml"));

  problems.clear();
  test::write_file(dir, "a.yaml", "extends: b.yaml\n");
  test::write_file(dir, "b.yaml", "extends: a.yaml\n");
  read_scenario_source(dir.file("a.yaml"), problems);
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems[0].to_string(), Contains("cycl"));
}

TEST_CASE("suggest_key proposes the closest key at the same level, or nothing", "[scenario][yaml_source]") {
  CHECK(suggest_key("border.inspection_rat") == "border.inspection_rate");
  CHECK(suggest_key("bordr") == "border");
  CHECK(suggest_key("border.zzzzzzzzzzzz") == "");
  // Only siblings count: a key of another group is not offered.
  const std::string other = suggest_key("simulation.inspection_rate");
  CHECK((other.empty() || other.rfind("simulation.", 0) == 0));
}
