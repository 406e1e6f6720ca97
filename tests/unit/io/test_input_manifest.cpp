// input_manifest.hpp: reading inputs.txt.
#include <catch2/catch.hpp>

#include "gunflow/io/input_manifest.hpp"

using namespace gunflow;

TEST_CASE("parse_manifest reads role, hash and the rest of the line as the path", "[io][input_manifest]") {
  // Expected: the lines in order; a path with spaces whole; a line without three fields skipped.
  const auto lines = parse_manifest(
      "arm0.scenario.0 00ab /a b/baseline.yaml\n"
      "broken\n"
      "arm0.data.crossings 12cd /data/crossings.csv\n");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].first == "arm0.scenario.0");
  CHECK(lines[0].second.hash == "00ab");
  CHECK(lines[0].second.path == "/a b/baseline.yaml");
  CHECK(lines[1].first == "arm0.data.crossings");
  CHECK(lines[1].second.path == "/data/crossings.csv");
  CHECK(parse_manifest("").empty());
}
