// closest_name.hpp: the "did you mean" of misspelt keys and commands.
#include <catch2/catch.hpp>

#include "gunflow/core/closest_name.hpp"

using namespace gunflow;

TEST_CASE("edit_distance counts insertions, deletions and substitutions", "[core][closest_name]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("run", "run") == 0);
  CHECK(edit_distance("runn", "run") == 1);
  CHECK(edit_distance("compre", "compare") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest_name suggests a near name only", "[core][closest_name]") {
  const std::vector<std::string> commands = {"run", "merge", "compare", "sweep", "calibrate", "ensemble"};
  CHECK(closest_name("runn", commands) == "run");
  CHECK(closest_name("comapre", commands) == "compare");
  CHECK(closest_name("ensamble", commands) == "ensemble");
  CHECK(closest_name("plot", commands).empty());  // 4 edits from anything: no guess
  CHECK(closest_name("x", {}).empty());
}
