// docs.hpp: the scenario reference is generated from the schema, one row per key.
// (test_schema.cpp checks that docs/scenarios.md is this text.)
#include <catch2/catch.hpp>

#include <sstream>

#include "gunflow/scenario/docs.hpp"
#include "gunflow/scenario/schema.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

TEST_CASE("scenario_reference_markdown has a table row for every schema key", "[scenario][docs]") {
  const std::string md = scenario_reference_markdown();
  CHECK(md.rfind("# ", 0) == 0);  // a Markdown title first
  for (const SchemaEntry& e : schema()) {
    INFO(e.path);
    CHECK_THAT(md, Contains("\n| `" + e.path + "` | "));
  }
  // One section per top-level group.
  for (const char* group : {"simulation", "demand", "border", "policies"})
    CHECK_THAT(md, Contains(std::string("\n## `") + group + "`\n"));
}

TEST_CASE("scenario_reference_markdown escapes | inside table cells", "[scenario][docs]") {
  const std::string md = scenario_reference_markdown();
  // Every table row has the same number of unescaped cell separators as its header.
  std::size_t pipes_in_header = 0;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("|", 0) != 0) {
      pipes_in_header = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    if (pipes_in_header == 0) pipes_in_header = pipes;
    INFO(line);
    CHECK(pipes == pipes_in_header);
  }
}
