// world.hpp: the static world built from the real reference tables
// (scenarios/data/*.csv: 51 US jurisdictions, 11 staging cities, 24 ports + 9
// Border Patrol sectors, 32 Mexican states + the Central America/Caribbean node).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <string>

#include "gunflow/core/errors.hpp"
#include "gunflow/model/world.hpp"
#include "model_fixture.hpp"
#include "../io/temp_dir.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
const World& baseline_world() {
  static const World world = build_world(test::short_settings());
  return world;
}

/// The 1-based line of the first `needle` in `text`.
int line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  REQUIRE(pos != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

/// Replaces the first `from` in `text` with `to`.
void replace_first(std::string& text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  text.replace(pos, from.size(), to);
}

/// Writes `text` as table `name` in `dir` and returns its path.
std::string write_table(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
}  // namespace

TEST_CASE("build_world reads every reference table", "[model][world]") {
  const World& w = baseline_world();
  CHECK(w.states.size() == 51);
  CHECK(w.staging.size() == 11);
  CHECK(w.crossings.size() == 33);
  REQUIRE(w.regions.size() == 33);
  REQUIRE(w.onward_region >= 0);
  int onward = 0;
  for (const Region& r : w.regions) onward += r.onward;
  CHECK(onward == 1);
  CHECK(w.regions[static_cast<std::size_t>(w.onward_region)].onward);
  CHECK(w.regions[static_cast<std::size_t>(w.onward_region)].population == 0);
}

TEST_CASE("World look-ups by code", "[model][world]") {
  const World& w = baseline_world();
  const int tx = w.state_index("TX");
  REQUIRE(tx >= 0);
  CHECK(w.states[static_cast<std::size_t>(tx)].code == "TX");
  CHECK(w.states[static_cast<std::size_t>(tx)].border);
  CHECK(w.state_index("ZZ") == -1);
  REQUIRE(w.region_index("TAM") >= 0);
  CHECK(w.regions[static_cast<std::size_t>(w.region_index("TAM"))].border);
  CHECK(w.region_index("XXX") == -1);
  const int laredo = w.crossing_index("laredo");
  REQUIRE(laredo >= 0);
  CHECK(w.crossings[static_cast<std::size_t>(laredo)].official);
  CHECK(w.crossings[static_cast<std::size_t>(laredo)].mx_region == w.region_index("TAM"));
  CHECK(w.crossings[static_cast<std::size_t>(laredo)].us_state == tx);
  CHECK_FALSE(w.crossings[static_cast<std::size_t>(w.crossing_index("unofficial_laredo"))].official);
  CHECK(w.states[static_cast<std::size_t>(w.state_index("CA"))].awb);
  CHECK_FALSE(w.states[static_cast<std::size_t>(tx)].awb);
}

TEST_CASE("Dealers: one per retail dealer, grouped by state", "[model][world]") {
  const World& w = baseline_world();
  long expected = 0;
  for (const UsStateInfo& s : w.states) expected += std::lround(s.retail_dealers);
  CHECK(static_cast<long>(w.dealer_state.size()) == expected);
  REQUIRE(w.dealers_of_state.size() == w.states.size());
  int next = 0;
  for (std::size_t s = 0; s < w.states.size(); ++s) {
    const auto [first, last] = w.dealers_of_state[s];
    REQUIRE(first == next);  // contiguous, in state order
    CHECK(last - first == std::lround(w.states[s].retail_dealers));
    for (int d = first; d < last; ++d) REQUIRE(w.dealer_state[static_cast<std::size_t>(d)] == static_cast<int>(s));
    next = last;
  }
  CHECK(next == static_cast<int>(w.dealer_state.size()));
}

TEST_CASE("Each state feeds its nearest staging city", "[model][world]") {
  const World& w = baseline_world();
  for (const UsStateInfo& s : w.states) {
    const StagingCity& mine = w.staging[static_cast<std::size_t>(s.staging)];
    const double d = distance_km(s.lat, s.lon, mine.lat, mine.lon);
    for (const StagingCity& c : w.staging) CHECK(d <= distance_km(s.lat, s.lon, c.lat, c.lon));
  }
}

TEST_CASE("The network graph has a vertex per place and agent", "[model][world]") {
  const Settings s = test::short_settings();
  const World& w = baseline_world();
  const Network& net = w.network;
  CHECK(net.state_vertex.size() == 51);
  CHECK(net.staging_vertex.size() == 11);
  CHECK(net.crossing_vertex.size() == 33);
  CHECK(net.region_vertex.size() == 33);
  CHECK(net.dealer_vertex.size() == w.dealer_state.size());
  CHECK(net.trafficker_vertex.size() == static_cast<std::size_t>(s.traffickers.count));
  CHECK(net.buyer_vertex.size() == static_cast<std::size_t>(s.traffickers.count * s.traffickers.buyers_per_network));
  CHECK(boost::num_vertices(net.graph) == 51 + 11 + 33 + 33 + net.dealer_vertex.size() +
                                              net.trafficker_vertex.size() + net.buyer_vertex.size());
  CHECK(boost::num_edges(net.graph) == net.edge_count);
  const Vertex onward = net.region_vertex[static_cast<std::size_t>(w.onward_region)];
  CHECK(net.graph[onward].kind == VertexKind::kOnwardNode);
  CHECK(net.graph[net.region_vertex[0]].kind == (w.onward_region == 0 ? VertexKind::kOnwardNode : VertexKind::kRegion));
  // Dense edge ids, for weight vectors.
  std::vector<int> seen(net.edge_count, 0);
  for (const auto e : boost::make_iterator_range(boost::edges(net.graph))) ++seen.at(net.graph[e].id);
  for (int n : seen) REQUIRE(n == 1);
}

TEST_CASE("distance_km is the great-circle distance", "[model][world]") {
  // One degree of latitude on a 6371 km sphere: 6371·π/180 = 111.195 km.
  CHECK(distance_km(30, -100, 31, -100) == Approx(6371.0 * std::numbers::pi / 180.0).epsilon(1e-12));
  CHECK(distance_km(29.76, -95.37, 29.76, -95.37) == 0.0);
  CHECK(distance_km(29.76, -95.37, 27.5, -99.5) == Approx(distance_km(27.5, -99.5, 29.76, -95.37)));
  CHECK(distance_km(0, 0, 0, 180) == Approx(6371.0 * std::numbers::pi));  // antipodes
}

TEST_CASE("build_world reports a bad table value as file:line and column", "[model][world]") {
  Settings s = test::short_settings();
  std::string csv = test::file_text(s.data.us_states);
  replace_first(csv, "TX,Texas,5329,", "TX,Texas,many,");
  const int line = line_of(csv, "TX,Texas,many,");
  const test::TempDir dir("world_bad_value");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  CHECK_THROWS_WITH(build_world(s), Contains(bad + ":" + std::to_string(line)) && Contains("retail_dealers"));
}

TEST_CASE("build_world reports every problem of a table at once", "[model][world]") {
  // Two bad rows and a duplicate code: one error with all three, in table order.
  Settings s = test::short_settings();
  std::string csv = test::file_text(s.data.us_states);
  replace_first(csv, "AZ,Arizona,1527,", "AZ,Arizona,lots,");
  replace_first(csv, "34.2,-111.7", "134.2,-111.7");
  replace_first(csv, "TX,Texas,5329,", "AZ,Texas,5329,");
  const test::TempDir dir("world_many_problems");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  try {
    (void)build_world(s);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 3);
    CHECK(e.problems()[0].line == 58);  // the duplicate code: found first, by the code check
    CHECK(e.problems()[0].key_path == "code");
    CHECK(e.problems()[1].line == 17);
    CHECK(e.problems()[1].key_path == "retail_dealers");
    CHECK(e.problems()[2].line == 17);
    CHECK(e.problems()[2].key_path == "lat");
  }
}

// tests/fixtures/fuzz_tables/ (docs/fuzzing.md, fuzz_data_tables): each file is a
// selector digit, the table it replaces (0 us_states, 1 crossings, 2 mx_states,
// 3 staging_cities), and then the CSV text.
TEST_CASE("build_world reports the fuzz_data_tables findings as located errors", "[model][world][fuzz]") {
  struct Finding {
    const char* fixture;
    const char* message;  ///< after the table's path
  };
  const Finding findings[] = {
      {"staging_no_rows", ":6:1: has a header but no data rows"},
      {"utf8_in_number", ":7:44: is not valid UTF-8 (a reference table must be UTF-8 text)"},
      {"duplicate_state_code", ":52:1: code is 'TX', which line 51 already uses"},
      {"dealers_over_cap", ":13:3: retail_dealers brings the table's total to 1004144 dealers; at most 1000000 in all"},
      {"mx_no_homicides",
       ":8:4: homicides_2010 is 0 in every state with population_2010 > 0; demand is shared out by it"}};
  const test::TempDir dir("world_fuzz_findings");
  for (const Finding& f : findings) {
    const std::string bytes =
        test::file_text(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/fuzz_tables/" + f.fixture + ".csv");
    REQUIRE(bytes.size() > 1);
    const std::string table = write_table(dir, std::string(f.fixture) + ".csv", bytes.substr(1));
    Settings s = test::short_settings();
    std::string* const paths[] = {&s.data.us_states, &s.data.crossings, &s.data.mx_states, &s.data.staging_cities};
    *paths[static_cast<unsigned char>(bytes[0] - '0') & 3U] = table;
    INFO(f.fixture);
    CHECK_THROWS_WITH(build_world(s), table + f.message);
  }
}

TEST_CASE("build_world refuses more than 1000 states at the first row over the cap", "[model][world]") {
  Settings s = test::short_settings();
  std::string csv = test::file_text(s.data.us_states);
  if (csv.back() != '\n') csv += '\n';
  // Lines so far, and data rows among them (not comments, not the header).
  int lines = 0, rows = -1;
  for (std::size_t begin = 0; begin < csv.size();) {
    const std::size_t end = csv.find('\n', begin);
    if (csv[begin] != '#' && end > begin) ++rows;
    ++lines;
    begin = end + 1;
  }
  int over_line = 0;
  for (int i = 0; rows < 1001; ++i) {  // add states X0, X1, … up to 1001 rows
    csv += "X" + std::to_string(i) + ",Extra,1,1000,0,0,0,0,35.0,-100.0\n";
    ++lines;
    if (++rows == 1001) over_line = lines;
  }
  const test::TempDir dir("world_many_states");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  CHECK_THROWS_WITH(build_world(s), Contains(bad + ":" + std::to_string(over_line) +
                                             ":1: code is on row 1001 of the states; at most 1000 in all"));
}

TEST_CASE("build_world rejects an empty code or id", "[model][world][fuzz]") {
  Settings s = test::short_settings();
  std::string csv = test::file_text(s.data.staging_cities);
  const int line = line_of(csv, "\nhouston,") + 1;
  replace_first(csv, "\nhouston,", "\n,");  // ",Houston,TX,…": no id
  const test::TempDir dir("world_empty_id");
  const std::string bad = write_table(dir, "staging_cities.csv", csv);
  s.data.staging_cities = bad;
  CHECK_THROWS_WITH(build_world(s), bad + ":" + std::to_string(line) + ":1: id is empty");
}
