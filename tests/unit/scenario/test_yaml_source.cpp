// yaml_source.hpp: a scenario file and its `extends:` chain as one map of located leaves.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

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
  CHECK_THAT(problems[0].to_string(),
             Contains("border.inspection_rat") && Contains("did you mean 'border.inspection_rate'"));
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

namespace {
/// The problems of reading `path`, as "line:col: key message" lines.
std::vector<InputProblem> problems_of(const std::string& path) {
  std::vector<InputProblem> problems;
  (void)read_scenario_source(path, problems);
  return problems;
}
}  // namespace

TEST_CASE("An unterminated quoted string is a located error instead of swallowing later keys",
          "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_open_quote");
  const std::string f = test::write_file(dir, "s.yaml",
                                         "simulation:\n"
                                         "  description: \"Kit controls from 2011\n"
                                         "policies:\n"
                                         "  kit_controls:\n"
                                         "    start: 2011-01-01\n");
  // yaml-cpp takes the rest of the file as the string (no policy): the open quote is refused.
  for (const std::string& path : {f, test::write_file(dir, "closed_later.yaml",
                                                      "simulation:\n"
                                                      "  description: \"Kit controls from 2011\n"
                                                      "policies:\n"
                                                      "  kit_controls:\n"
                                                      "    start: 2011-01-01  # see \"\n"
                                                      "  name: x\n")}) {
    const auto problems = problems_of(path);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(problems[0].column == 16);
    CHECK(problems[0].key_path == "simulation.description");
    CHECK_THAT(problems[0].message, Contains("does not end on its line"));
  }
  // Quotes that close on their line, with escaped quotes inside, are fine.
  const std::string ok = test::write_file(dir, "ok.yaml",
                                          "simulation:\n"
                                          "  description: \"say \\\"hi\\\" # not a comment\"\n"
                                          "  name: 'it''s'\n");
  CHECK(problems_of(ok).empty());
}

TEST_CASE("A document marker in a scenario is a located error", "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_markers");
  for (const std::string marker : {"---", "...", "--- # second"}) {
    const std::string f =
        test::write_file(dir, "s.yaml", "simulation:\n  name: a\n" + marker + "\nborder:\n  inspection_rate: 0.9\n");
    const auto problems = problems_of(f);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].column == 1);
    CHECK_THAT(problems[0].message, Contains("one document"));
  }
  // Inside a value (not at the start of a line) three dashes are text.
  const std::string ok = test::write_file(dir, "ok.yaml", "simulation:\n  name: a---b\n");
  CHECK(problems_of(ok).empty());
}

TEST_CASE("An extends chain deeper than 64 files is a located error without deep recursion",
          "[scenario][yaml_source][hardening]") {
  for (const int n : {100, 9000}) {
    const test::TempDir dir("yaml_source_chain");
    for (int i = 0; i < n; ++i)
      std::ofstream(dir.file("s" + std::to_string(i) + ".yaml"))
          << (i + 1 < n ? "extends: s" + std::to_string(i + 1) + ".yaml\n" : "") << "simulation:\n  name: s\n";
    const auto problems = problems_of(dir.file("s0.yaml"));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].file, Contains("s63.yaml"));
    CHECK(problems[0].line == 1);
    CHECK(problems[0].key_path == "extends");
    CHECK_THAT(problems[0].message, Contains("more than 64"));
  }
  const test::TempDir dir("yaml_source_chain_ok");
  for (int i = 0; i < 64; ++i)
    std::ofstream(dir.file("s" + std::to_string(i) + ".yaml"))
        << (i + 1 < 64 ? "extends: s" + std::to_string(i + 1) + ".yaml\n" : "") << "simulation:\n  name: s\n";
  CHECK(problems_of(dir.file("s0.yaml")).empty());
}

TEST_CASE("A directory or FIFO named as a scenario is reported as what it is", "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_not_regular");
  std::filesystem::create_directory(dir.file("d.yaml"));
  auto problems = problems_of(dir.file("d.yaml"));
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Contains("is a directory"));
  REQUIRE(::mkfifo(dir.file("f.yaml").c_str(), 0600) == 0);
  problems = problems_of(dir.file("f.yaml"));  // must not block on the FIFO
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Contains("not a regular file"));
  problems = problems_of("/dev/null");
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Contains("not a regular file"));
  const std::string via = test::write_file(dir, "via.yaml", "extends: d.yaml\n");
  problems = problems_of(via);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK_THAT(problems[0].message, Contains("is a directory"));
}

TEST_CASE("An unreadable file such as /proc/self/mem is reported with the system's reason",
          "[scenario][yaml_source][hardening]") {
  const auto problems = problems_of("/proc/self/mem");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "/proc/self/mem");
  CHECK_THAT(problems[0].message, Contains("cannot be read"));
}

TEST_CASE("A file that is not a scenario is said to be one without echoing its lines",
          "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_not_scenario");
  test::write_file(dir, "secret", "root: $6$secrethash\ndaemon: x\n");
  const std::string f = test::write_file(dir, "s.yaml", "extends: secret\nsimulation:\n  name: s\n");
  const auto problems = problems_of(f);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK(problems[0].key_path == "extends");
  CHECK_THAT(problems[0].message, Contains("not a gunflow scenario"));
  CHECK_THAT(problems[0].message, !Contains("root") && !Contains("secrethash"));
  // A near miss of a key is still a scenario, with its "did you mean".
  const std::string typo = test::write_file(dir, "typo.yaml", "simulaton:\n  name: s\n");
  const auto typo_problems = problems_of(typo);
  REQUIRE(typo_problems.size() == 1);
  CHECK_THAT(typo_problems[0].message, Contains("did you mean"));
}

TEST_CASE("Deep YAML nesting is reported as nesting deeper than a limit", "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_deep");
  const std::string f = test::write_file(dir, "s.yaml", "simulation:\n  name: " + std::string(5000, '[') + "\n");
  const auto problems = problems_of(f);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Contains("nesting deeper than"));
}

TEST_CASE("The same key given nested and dotted in one file is an error", "[scenario][yaml_source][hardening]") {
  const test::TempDir dir("yaml_source_dotted");
  const std::string f = test::write_file(dir, "s.yaml",
                                         "border:\n"
                                         "  inspection_rate: 0.5\n"
                                         "border.inspection_rate: 0.9\n");
  const auto problems = problems_of(f);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 3);
  CHECK(problems[0].key_path == "border.inspection_rate");
  CHECK_THAT(problems[0].message, Contains("given twice in this file"));
}
