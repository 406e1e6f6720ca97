// world.hpp: the static world built from the real reference tables
// (scenarios/data/*.csv: 51 US jurisdictions, 11 staging cities, 24 ports + 9
// Border Patrol sectors, 32 Mexican states + the Central America/Caribbean node).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "gunflow/model/world.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
const World& baseline_world() {
  static const World world = build_world(test::short_settings());
  return world;
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
  // A vertex per slot of the network pool (count plus room for entrants).
  REQUIRE(network_slots(s) > static_cast<std::size_t>(s.traffickers.count));
  CHECK(net.trafficker_vertex.size() == network_slots(s));
  CHECK(net.buyer_vertex.size() == network_slots(s) * static_cast<std::size_t>(s.traffickers.buyers_per_network));
  CHECK(boost::num_vertices(net.graph) ==
        51 + 11 + 33 + 33 + net.dealer_vertex.size() + net.trafficker_vertex.size() + net.buyer_vertex.size());
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
