// network.hpp: routes by generalized cost over the real network.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "gunflow/model/network.hpp"
#include "gunflow/model/world.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
const World& baseline_world() {
  static const World world = build_world(test::short_settings());
  return world;
}
int staging_index(const World& w, const std::string& id) {
  for (std::size_t i = 0; i < w.staging.size(); ++i)
    if (w.staging[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

TEST_CASE("With zero penalties every staging city reaches every region", "[model][network]") {
  const World& w = baseline_world();
  const auto routes = shortest_routes(w.network, std::vector<double>(w.crossings.size(), 0.0));
  REQUIRE(routes.size() == w.staging.size());
  for (std::size_t s = 0; s < routes.size(); ++s) {
    REQUIRE(routes[s].size() == w.regions.size());
    for (std::size_t r = 0; r < w.regions.size(); ++r) {
      const Route& route = routes[s][r];
      INFO(w.staging[s].id << " -> " << w.regions[r].code);
      REQUIRE(route.crossing >= 0);
      REQUIRE(route.crossing < static_cast<int>(w.crossings.size()));
      CHECK(std::isfinite(route.cost));
      CHECK(route.distance_km > 0);
      // No penalty: cost is pure road length.
      CHECK(route.cost == Approx(route.distance_km).epsilon(1e-9));
    }
  }
}

TEST_CASE("A route into a border state's own crossing region enters there directly", "[model][network]") {
  const World& w = baseline_world();
  const auto routes = shortest_routes(w.network, std::vector<double>(w.crossings.size(), 0.0));
  const int laredo = staging_index(w, "laredo");
  REQUIRE(laredo >= 0);
  const Route& r = routes[static_cast<std::size_t>(laredo)][static_cast<std::size_t>(w.region_index("TAM"))];
  CHECK(w.crossings[static_cast<std::size_t>(r.crossing)].mx_region == w.region_index("TAM"));
}

TEST_CASE("A raised crossing risk moves a route", "[model][network]") {
  const World& w = baseline_world();
  const int houston = staging_index(w, "houston");
  const int tam = w.region_index("TAM");
  REQUIRE(houston >= 0);
  REQUIRE(tam >= 0);
  std::vector<double> penalty(w.crossings.size(), 0.0);
  const Route before =
      shortest_routes(w.network, penalty)[static_cast<std::size_t>(houston)][static_cast<std::size_t>(tam)];
  REQUIRE(before.crossing >= 0);

  penalty[static_cast<std::size_t>(before.crossing)] = 1e9;
  const Route after =
      shortest_routes(w.network, penalty)[static_cast<std::size_t>(houston)][static_cast<std::size_t>(tam)];
  REQUIRE(after.crossing >= 0);
  CHECK(after.crossing != before.crossing);
  CHECK(after.cost >= before.cost);  // the old optimum is no longer available
  CHECK(after.cost < 1e9);

  SECTION("penalties are priced into the cost, not the physical distance") {
    std::vector<double> flat(w.crossings.size(), 500.0);
    const Route r = shortest_routes(w.network, flat)[static_cast<std::size_t>(houston)][static_cast<std::size_t>(tam)];
    CHECK(r.crossing == before.crossing);  // a uniform penalty changes no choice
    CHECK(r.cost == Approx(before.cost + 500.0));
    CHECK(r.distance_km == Approx(before.distance_km));
  }
  SECTION("closing every crossing but one forces every route through it") {
    std::vector<double> closed(w.crossings.size(), 1e9);
    const int open = w.crossing_index("el_paso");
    closed[static_cast<std::size_t>(open)] = 0.0;
    for (const auto& from : shortest_routes(w.network, closed))
      for (const Route& r : from) REQUIRE(r.crossing == open);
  }
}

TEST_CASE("Repricing a route list gives what building it afresh gives", "[model][network]") {
  // Twelve crossings, some unreachable, with drive and inland distances chosen so that
  // many routes cost the same (ties must come out in crossing order either way).
  std::vector<DriveLeg> legs;
  std::vector<std::vector<double>> inland(12, std::vector<double>(2, 0.0));
  for (int c = 0; c < 12; ++c) {
    legs.push_back({c, 100.0 * (c % 3)});
    inland[static_cast<std::size_t>(c)][0] = 50.0 * (c % 2);
    inland[static_cast<std::size_t>(c)][1] = c == 4 || c == 9 ? std::numeric_limits<double>::infinity() : 10.0;
  }
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<int> step(0, 4);
  for (std::size_t region = 0; region < 2; ++region) {
    std::vector<double> penalty(12, 0.0);
    std::vector<Route> repriced;
    routes_between(legs, inland, region, penalty, repriced);
    for (int round = 0; round < 200; ++round) {
      for (double& p : penalty) p = 100.0 * step(gen);  // coarse steps: many equal costs
      reprice_routes(penalty, repriced);
      std::vector<Route> fresh;
      routes_between(legs, inland, region, penalty, fresh);
      REQUIRE(repriced.size() == fresh.size());
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        REQUIRE(repriced[i].crossing == fresh[i].crossing);
        REQUIRE(repriced[i].cost == fresh[i].cost);
        REQUIRE(repriced[i].distance_km == fresh[i].distance_km);
        if (i > 0)
          REQUIRE((fresh[i - 1].cost < fresh[i].cost ||
                   (fresh[i - 1].cost == fresh[i].cost && fresh[i - 1].crossing < fresh[i].crossing)));
      }
    }
    CHECK(repriced.size() == (region == 0 ? 12U : 10U));
  }
}

TEST_CASE("Crossing-to-region distances: the search over the Mexican leg gives the whole graph's, bit for bit",
          "[model][network]") {
  // The reference is Boost's Dijkstra over the whole graph (dealers included), with every
  // edge but the entry edges and Mexican roads at infinite length — what crossing_region_km
  // computed before it searched the Mexican leg alone. Unreached regions read as the
  // largest double in both.
  const World& w = baseline_world();
  const Graph& g = w.network.graph;
  using EdgeDesc = boost::graph_traits<Graph>::edge_descriptor;
  auto weight = boost::make_function_property_map<EdgeDesc, double>([&](const EdgeDesc& e) {
    const EdgeKind k = g[e].kind;
    return k == EdgeKind::kEnter || k == EdgeKind::kInland || k == EdgeKind::kOnward
               ? g[e].distance_km
               : std::numeric_limits<double>::infinity();
  });
  const auto km = crossing_region_km(w.network);
  REQUIRE(km.size() == w.network.crossing_vertex.size());
  std::vector<double> dist(boost::num_vertices(g));
  for (std::size_t c = 0; c < km.size(); ++c) {
    boost::dijkstra_shortest_paths(g, w.network.crossing_vertex[c],
                                   boost::weight_map(weight).distance_map(boost::make_iterator_property_map(
                                       dist.begin(), boost::get(boost::vertex_index, g))));
    for (std::size_t r = 0; r < w.network.region_vertex.size(); ++r) {
      INFO(w.crossings[c].id << " -> " << w.regions[r].code);
      REQUIRE(km[c][r] == dist[w.network.region_vertex[r]]);
    }
  }
}
