#include "gunflow/model/network.hpp"

#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace gunflow {

std::vector<std::vector<Route>> shortest_routes(const Network& net, const std::vector<double>& crossing_penalty_km) {
  const Graph& g = net.graph;
  const std::size_t n = boost::num_vertices(g);
  // Only transport edges carry traffic; agent edges (dealers, buyers) are not roads.
  auto weight = boost::make_function_property_map<boost::graph_traits<Graph>::edge_descriptor, double>(
      [&](const boost::graph_traits<Graph>::edge_descriptor& e) {
        const EdgeProps& p = g[e];
        switch (p.kind) {
          case EdgeKind::kDrive:
          case EdgeKind::kInland:
          case EdgeKind::kOnward: return p.distance_km;
          case EdgeKind::kEnter: return p.distance_km + crossing_penalty_km[static_cast<std::size_t>(p.crossing)];
          default: return std::numeric_limits<double>::infinity();
        }
      });

  std::vector<std::vector<Route>> routes(net.staging_vertex.size(),
                                         std::vector<Route>(net.region_vertex.size()));
  std::vector<double> dist(n);
  std::vector<Vertex> pred(n);
  for (std::size_t s = 0; s < net.staging_vertex.size(); ++s) {
    boost::dijkstra_shortest_paths(g, net.staging_vertex[s],
                                   boost::weight_map(weight)
                                       .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
                                       .predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g))));
    for (std::size_t r = 0; r < net.region_vertex.size(); ++r) {
      const Vertex target = net.region_vertex[r];
      Route& route = routes[s][r];
      if (!(dist[target] < std::numeric_limits<double>::infinity())) continue;
      route.cost = dist[target];
      // Walk back to find the crossing and the physical length of the path.
      for (Vertex v = target; v != net.staging_vertex[s]; v = pred[v]) {
        const auto [e, ok] = boost::edge(pred[v], v, g);
        if (!ok) break;
        route.distance_km += g[e].distance_km;
        if (g[e].kind == EdgeKind::kEnter) route.crossing = g[e].crossing;
      }
    }
  }
  return routes;
}

}  // namespace gunflow
