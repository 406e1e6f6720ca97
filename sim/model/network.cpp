#include "gunflow/model/network.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <utility>

namespace gunflow {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// A vertex a search does not reach: the largest double, as Boost's Dijkstra leaves them.
constexpr double kUnreached = std::numeric_limits<double>::max();

/// The region a crossing's entry edge leads to and its length, when that edge is the
/// crossing's only way on; otherwise a key of its own (the crossing vertex itself).
std::pair<Vertex, double> entry_edge(const Graph& g, Vertex crossing) {
  if (boost::out_degree(crossing, g) == 1) {
    const auto e = *boost::out_edges(crossing, g).first;
    if (g[e].kind == EdgeKind::kEnter) return {boost::target(e, g), g[e].distance_km};
  }
  return {crossing, 0.0};
}

/// The Mexican leg of the graph: the vertices its entry edges, Mexican roads and onward
/// edges touch, numbered densely, with those edges. No other edge carries the leg, so a
/// search over this small graph reaches what a search over the whole one (55,751 dealer
/// vertices included) would.
struct MexicanLeg {
  std::vector<std::size_t> local;                                // by graph vertex: its number here, or kNone
  std::vector<std::vector<std::pair<std::size_t, double>>> out;  // by number: (target, km)
};
MexicanLeg mexican_leg(const Graph& g) {
  MexicanLeg leg;
  leg.local.assign(boost::num_vertices(g), kNone);
  const auto number = [&leg](Vertex v) {
    if (leg.local[v] == kNone) {
      leg.local[v] = leg.out.size();
      leg.out.emplace_back();
    }
    return leg.local[v];
  };
  for (const auto& e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeKind kind = g[e].kind;
    if (kind != EdgeKind::kEnter && kind != EdgeKind::kInland && kind != EdgeKind::kOnward) continue;
    const std::size_t from = number(boost::source(e, g));
    const std::size_t to = number(boost::target(e, g));  // may grow leg.out: numbered before indexing it
    leg.out[from].emplace_back(to, g[e].distance_km);
  }
  return leg;
}

/// Road km from `from` to every vertex of the leg (Dijkstra). Lengths are positive, so a
/// vertex's distance is the least of its predecessors' distances plus the road, whatever
/// order ties are settled in: the same bits as any correct search. Unreached: kUnreached.
std::vector<double> leg_km(const MexicanLeg& leg, std::size_t from) {
  std::vector<double> dist(leg.out.size(), kUnreached);
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[from] = 0.0;
  queue.emplace(0.0, from);
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;  // settled already, nearer
    for (const auto& [v, km] : leg.out[u])
      if (d + km < dist[v]) {
        dist[v] = d + km;
        queue.emplace(dist[v], v);
      }
  }
  return dist;
}
}  // namespace

std::vector<std::vector<double>> crossing_region_km(const Network& net) {
  const Graph& g = net.graph;
  // Only the entry edge and Mexican roads carry this leg; US roads and agent edges do not.
  const MexicanLeg leg = mexican_leg(g);
  std::vector<std::vector<double>> out(net.crossing_vertex.size(),
                                       std::vector<double>(net.region_vertex.size(), kUnreached));
  // A crossing's only way on is its entry edge, so two crossings entering the same region
  // by the same distance have the same row: one search serves both (same bits, since it
  // is the same search).
  std::map<std::pair<Vertex, double>, std::size_t> searched;  // (entry region, km) → crossing
  for (std::size_t c = 0; c < net.crossing_vertex.size(); ++c) {
    const auto [entry, entry_km] = entry_edge(g, net.crossing_vertex[c]);
    const auto [it, fresh] = searched.try_emplace({entry, entry_km}, c);
    if (!fresh) {
      out[c] = out[it->second];
      continue;
    }
    const std::size_t from = leg.local[net.crossing_vertex[c]];
    if (from == kNone) continue;  // no way into Mexico: unreached everywhere
    const std::vector<double> dist = leg_km(leg, from);
    for (std::size_t r = 0; r < net.region_vertex.size(); ++r) {
      const std::size_t to = leg.local[net.region_vertex[r]];
      if (to != kNone) out[c][r] = dist[to];
    }
  }
  return out;
}

std::vector<std::vector<DriveLeg>> drive_legs(const Network& net) {
  const Graph& g = net.graph;
  std::vector<std::vector<DriveLeg>> legs(net.staging_vertex.size());
  for (std::size_t s = 0; s < net.staging_vertex.size(); ++s)
    for (const auto& e : boost::make_iterator_range(boost::out_edges(net.staging_vertex[s], g)))
      if (g[e].kind == EdgeKind::kDrive) legs[s].push_back({g[boost::target(e, g)].index, g[e].distance_km});
  return legs;
}

namespace {
/// Cheapest first; equal costs in crossing order (the order of a staging city's legs, so
/// this is the stable order of the legs by cost).
bool cheaper(const Route& a, const Route& b) {
  return a.cost < b.cost || (a.cost == b.cost && a.crossing < b.crossing);
}

/// Insertion sort: a few dozen crossings, no buffer to allocate, and linear on a list
/// that was sorted before its costs moved a little (reprice_routes).
void sort_routes(std::vector<Route>& out) {
  for (std::size_t i = 1; i < out.size(); ++i) {
    const Route r = out[i];
    std::size_t j = i;
    for (; j > 0 && cheaper(r, out[j - 1]); --j) out[j] = out[j - 1];
    out[j] = r;
  }
}
}  // namespace

void routes_between(const std::vector<DriveLeg>& legs, const std::vector<std::vector<double>>& inland_km,
                    std::size_t region, const std::vector<double>& penalty_km, std::vector<Route>& out) {
  out.clear();
  for (const DriveLeg& leg : legs) {
    const auto c = static_cast<std::size_t>(leg.crossing);
    if (!(inland_km[c][region] < kInf)) continue;
    const double km = leg.km + inland_km[c][region];
    out.push_back(Route{leg.crossing, km, km + penalty_km[c]});
  }
  sort_routes(out);
}

void reprice_routes(const std::vector<double>& penalty_km, std::vector<Route>& routes) {
  for (Route& r : routes) r.cost = r.distance_km + penalty_km[static_cast<std::size_t>(r.crossing)];
  sort_routes(routes);
}

std::vector<std::vector<std::vector<Route>>> route_options(const Network& net,
                                                           const std::vector<std::vector<double>>& inland_km,
                                                           const std::vector<double>& penalty_km) {
  const std::vector<std::vector<DriveLeg>> legs = drive_legs(net);
  std::vector<std::vector<std::vector<Route>>> options(legs.size(),
                                                       std::vector<std::vector<Route>>(net.region_vertex.size()));
  for (std::size_t s = 0; s < legs.size(); ++s)
    for (std::size_t r = 0; r < net.region_vertex.size(); ++r)
      routes_between(legs[s], inland_km, r, penalty_km, options[s][r]);
  return options;
}

std::vector<std::vector<Route>> shortest_routes(const Network& net, const std::vector<double>& crossing_penalty_km) {
  const auto options = route_options(net, crossing_region_km(net), crossing_penalty_km);
  std::vector<std::vector<Route>> best(options.size(), std::vector<Route>(net.region_vertex.size()));
  for (std::size_t s = 0; s < options.size(); ++s)
    for (std::size_t r = 0; r < options[s].size(); ++r)
      if (!options[s][r].empty()) best[s][r] = options[s][r].front();
  return best;
}

}  // namespace gunflow
