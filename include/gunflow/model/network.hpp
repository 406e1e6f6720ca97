#pragma once
// The Boost.Graph network: US source states → staging cities → crossings → Mexican
// regions (→ Central America / Caribbean), plus dealer, trafficker and straw-buyer
// vertices attached to it. Traffickers route by generalized cost (Dijkstra).
#include <cstdint>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace gunflow {

enum class VertexKind : std::uint8_t {
  kSourceState,
  kStagingCity,
  kCrossing,
  kRegion,
  kOnwardNode,
  kDealer,
  kTrafficker,
  kStrawBuyer
};

struct VertexProps {
  VertexKind kind = VertexKind::kSourceState;
  int index = 0;  ///< index within its kind (state, staging city, crossing, region, dealer, …)
};

enum class EdgeKind : std::uint8_t { kFeeds, kDrive, kEnter, kInland, kOnward, kSellsIn, kRecruits };

struct EdgeProps {
  EdgeKind kind = EdgeKind::kDrive;
  double distance_km = 0;
  int crossing = -1;   ///< for kEnter edges: the crossing passed (its risk is priced in routing)
  std::size_t id = 0;  ///< dense edge index for weight vectors
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexProps, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

/// One route from a staging city to a destination region.
struct Route {
  int crossing = -1;  ///< -1: unreachable
  double distance_km = 0;
  double cost = 0;  ///< generalized cost used to pick it
};

struct Network {
  Graph graph;
  std::vector<Vertex> state_vertex, staging_vertex, crossing_vertex, region_vertex, dealer_vertex, trafficker_vertex,
      buyer_vertex;
  std::size_t edge_count = 0;
};

/// Road distance (km) from each crossing into each region through Mexico, by Dijkstra
/// from every crossing vertex over the Mexican road edges: [crossing][region]. Static.
std::vector<std::vector<double>> crossing_region_km(const Network& net);

/// Every way from each staging city to each region: one Route per reachable crossing,
/// generalized cost = drive km + crossing_penalty_km[c] + inland km, cheapest first.
/// Returns options[staging][region].
std::vector<std::vector<std::vector<Route>>> route_options(const Network& net,
                                                           const std::vector<std::vector<double>>& inland_km,
                                                           const std::vector<double>& crossing_penalty_km);

/// A staging city's drive to one crossing.
struct DriveLeg {
  int crossing = -1;
  double km = 0;
};
/// Each staging city's drives to the border, in graph order: [staging]. Static.
std::vector<std::vector<DriveLeg>> drive_legs(const Network& net);
/// Every way from one staging city (its `legs`) to `region`, cheapest first (equal costs
/// in crossing order): one element of route_options, written into `out` (reusing its
/// storage).
void routes_between(const std::vector<DriveLeg>& legs, const std::vector<std::vector<double>>& inland_km,
                    std::size_t region, const std::vector<double>& crossing_penalty_km, std::vector<Route>& out);
/// The same list priced with new penalties: what routes_between would give, from the
/// routes it gave before (the same routes; only their costs and order change), in about
/// linear time when the order changes little.
void reprice_routes(const std::vector<double>& crossing_penalty_km, std::vector<Route>& routes);

/// The cheapest option for each (staging, region): routes[staging][region].
std::vector<std::vector<Route>> shortest_routes(const Network& net, const std::vector<double>& crossing_penalty_km);

}  // namespace gunflow
