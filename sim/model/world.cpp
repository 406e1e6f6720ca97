#include "gunflow/model/world.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace gunflow {
namespace {

void add_edge(Network& net, Vertex a, Vertex b, EdgeKind kind, double km, int crossing = -1) {
  boost::add_edge(a, b, EdgeProps{kind, km, crossing, net.edge_count++}, net.graph);
}

void build_network(World& w, const Settings& s) {
  Network& net = w.network;
  auto add_vertices = [&](std::vector<Vertex>& out, VertexKind kind, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
      out.push_back(boost::add_vertex(VertexProps{kind, static_cast<int>(i)}, net.graph));
  };
  add_vertices(net.state_vertex, VertexKind::kSourceState, w.states.size());
  add_vertices(net.staging_vertex, VertexKind::kStagingCity, w.staging.size());
  add_vertices(net.crossing_vertex, VertexKind::kCrossing, w.crossings.size());
  add_vertices(net.region_vertex, VertexKind::kRegion, w.regions.size());
  if (w.onward_region >= 0)
    net.graph[net.region_vertex[static_cast<std::size_t>(w.onward_region)]].kind = VertexKind::kOnwardNode;

  for (std::size_t i = 0; i < w.states.size(); ++i) {
    const StagingCity& c = w.staging[static_cast<std::size_t>(w.states[i].staging)];
    add_edge(net, net.state_vertex[i], net.staging_vertex[static_cast<std::size_t>(w.states[i].staging)],
             EdgeKind::kFeeds, kRoadFactor * distance_km(w.states[i].lat, w.states[i].lon, c.lat, c.lon));
  }
  for (std::size_t sc = 0; sc < w.staging.size(); ++sc)
    for (std::size_t c = 0; c < w.crossings.size(); ++c)
      add_edge(net, net.staging_vertex[sc], net.crossing_vertex[c], EdgeKind::kDrive,
               kRoadFactor * distance_km(w.staging[sc].lat, w.staging[sc].lon, w.crossings[c].lat, w.crossings[c].lon));
  for (std::size_t c = 0; c < w.crossings.size(); ++c) {
    const Crossing& x = w.crossings[c];
    const Region& entry = w.regions[static_cast<std::size_t>(x.mx_region)];
    add_edge(net, net.crossing_vertex[c], net.region_vertex[static_cast<std::size_t>(x.mx_region)], EdgeKind::kEnter,
             kRoadFactor * distance_km(x.lat, x.lon, entry.lat, entry.lon), static_cast<int>(c));
  }
  // Inland: from each border state to every other Mexican state; the onward node is
  // reached from the states bordering Guatemala and Belize.
  for (std::size_t a = 0; a < w.regions.size(); ++a) {
    if (!w.regions[a].border) continue;
    for (std::size_t b = 0; b < w.regions.size(); ++b)
      if (a != b && !w.regions[b].onward)
        add_edge(net, net.region_vertex[a], net.region_vertex[b], EdgeKind::kInland,
                 kRoadFactor * distance_km(w.regions[a].lat, w.regions[a].lon, w.regions[b].lat, w.regions[b].lon));
  }
  if (w.onward_region >= 0) {
    const Region& cac = w.regions[static_cast<std::size_t>(w.onward_region)];
    for (const char* code : {"CHP", "TAB", "CAM", "ROO"})
      if (const int r = w.region_index(code); r >= 0)
        add_edge(net, net.region_vertex[static_cast<std::size_t>(r)],
                 net.region_vertex[static_cast<std::size_t>(w.onward_region)], EdgeKind::kOnward,
                 kRoadFactor * distance_km(w.regions[static_cast<std::size_t>(r)].lat,
                                           w.regions[static_cast<std::size_t>(r)].lon, cac.lat, cac.lon));
  }
  // Agents hang off the transport network: dealers sell in a state, networks recruit
  // straw buyers. A network's staging city is drawn per replication (replication state).
  add_vertices(net.dealer_vertex, VertexKind::kDealer, w.dealer_state.size());
  for (std::size_t d = 0; d < w.dealer_state.size(); ++d)
    add_edge(net, net.dealer_vertex[d], net.state_vertex[static_cast<std::size_t>(w.dealer_state[d])],
             EdgeKind::kSellsIn, 0);
  // A vertex per slot of the network pool (count plus room for entrants), and its buyers.
  const auto per = static_cast<std::size_t>(s.traffickers.buyers_per_network);
  add_vertices(net.trafficker_vertex, VertexKind::kTrafficker, network_slots(s));
  add_vertices(net.buyer_vertex, VertexKind::kStrawBuyer, network_slots(s) * per);
  for (std::size_t t = 0; t < net.trafficker_vertex.size(); ++t)
    for (std::size_t b = 0; b < per; ++b)
      add_edge(net, net.trafficker_vertex[t], net.buyer_vertex[t * per + b], EdgeKind::kRecruits, 0);
}
}  // namespace

std::size_t network_slots(const Settings& s) {
  const auto count = static_cast<double>(s.traffickers.count);
  return static_cast<std::size_t>(s.traffickers.count) +
         static_cast<std::size_t>(std::llround(count * s.traffickers.entry_headroom));
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0;
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

World build_world(const Settings& settings) {
  if (!settings.data.tables)
    throw std::logic_error("build_world: settings without reference tables (load them with load_scenario)");
  World w;
  static_cast<ReferenceTables&>(w) = *settings.data.tables;
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    UsStateInfo& st = w.states[i];
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < w.staging.size(); ++c) {
      const double d = distance_km(st.lat, st.lon, w.staging[c].lat, w.staging[c].lon);
      if (d < best) {
        best = d;
        st.staging = static_cast<int>(c);
      }
    }
    const int first = static_cast<int>(w.dealer_state.size());
    for (long k = 0; k < std::lround(st.retail_dealers); ++k) w.dealer_state.push_back(static_cast<int>(i));
    w.dealers_of_state.emplace_back(first, static_cast<int>(w.dealer_state.size()));
  }
  build_network(w, settings);
  w.inland_km = crossing_region_km(w.network);
  w.drive_legs = drive_legs(w.network);
  w.scopes = resolve_policy_scopes(w, settings);
  w.tables = make_tables(w, settings);
  return w;
}

}  // namespace gunflow
