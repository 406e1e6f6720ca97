#include "gunflow/model/world.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/csv_table.hpp"

namespace gunflow {
namespace {

template <class T>
int find_by(const std::vector<T>& items, const std::string& key, std::string T::*field) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].*field == key) return static_cast<int>(i);
  return -1;
}

/// Reads one table's fields and collects every problem instead of stopping at the first
/// (a bad number reads as its lower bound meanwhile); finish() then refuses the table with
/// all of them, so a user fixes a table in one pass, as with scenarios.
class TableReader {
 public:
  explicit TableReader(const CsvTable& t) : t_(t) {}
  [[nodiscard]] const std::string& text(std::size_t r, const std::string& col) const { return t_.text(r, col); }
  double real(std::size_t r, const std::string& col, double lo, double hi) {
    try {
      return t_.real(r, col, lo, hi);
    } catch (const InputError& e) {
      problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
      return lo;
    }
  }
  bool flag(std::size_t r, const std::string& col) { return real(r, col, 0, 1) > 0.5; }
  void fail(std::size_t r, const std::string& col, const std::string& message) {
    problems_.push_back(InputProblem{t_.file(), t_.line(r), t_.column(col), col, message});
  }
  /// Codes and ids are looked up by value and name output series, so each must be
  /// written and unique within its table.
  void require_unique_codes(const std::string& col) {
    std::map<std::string, int> first_line;
    for (std::size_t r = 0; r < t_.rows(); ++r) {
      const std::string& code = t_.text(r, col);
      if (code.empty()) {
        fail(r, col, "is empty");
        continue;
      }
      const auto [it, inserted] = first_line.try_emplace(code, t_.line(r));
      if (!inserted) fail(r, col, "is '" + code + "', which line " + std::to_string(it->second) + " already uses");
    }
  }
  void finish() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

 private:
  const CsvTable& t_;
  std::vector<InputProblem> problems_;
};

// Every retail dealer is an agent: the real table has 55,751. The cap keeps a mistyped
// table from exhausting memory while the world is built.
constexpr double kMaxDealers = 1e6;
// States index small tables (a state fits in 16 bits in lots and out-of-state choices),
// and out-of-state choice tables grow with the square of their number: the real table
// has 51 rows.
constexpr std::size_t kMaxStates = 1000;

void read_states(World& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"code", "retail_dealers", "border_state", "awb_2010", "bmg50_ban_2010",
                                           "private_sale_checks_2010", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("code");
  double dealers = 0;
  bool over_cap = false;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (r == kMaxStates)  // said once, at the first row over the cap
      in.fail(r, "code", "is on row " + std::to_string(r + 1) + " of the states; at most " + std::to_string(kMaxStates) +
                             " in all");
    UsStateInfo s;
    s.code = in.text(r, "code");
    s.retail_dealers = in.real(r, "retail_dealers", 0, 1e6);
    dealers += s.retail_dealers;
    if (dealers > kMaxDealers && !over_cap) {  // said once, at the row that crosses the cap
      over_cap = true;
      in.fail(r, "retail_dealers", "brings the table's total to " + std::to_string(std::lround(dealers)) +
                                       " dealers; at most " + std::to_string(std::lround(kMaxDealers)) + " in all");
    }
    s.border = in.flag(r, "border_state");
    s.awb = in.flag(r, "awb_2010");
    s.bmg50_ban = in.flag(r, "bmg50_ban_2010");
    s.private_sale_checks = in.flag(r, "private_sale_checks_2010");
    s.lat = in.real(r, "lat", -90, 90);
    s.lon = in.real(r, "lon", -180, 180);
    w.states.push_back(s);
  }
  in.finish();
}

void read_staging(World& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"id", "us_state", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("id");
  for (std::size_t r = 0; r < t.rows(); ++r) {
    StagingCity c{in.text(r, "id"), w.state_index(in.text(r, "us_state")), in.real(r, "lat", -90, 90),
                  in.real(r, "lon", -180, 180)};
    if (c.us_state < 0) in.fail(r, "us_state", "is '" + in.text(r, "us_state") + "', which is not a US state code");
    w.staging.push_back(c);
  }
  in.finish();
}

void read_regions(World& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"code", "population_2010", "homicides_2010", "homicides_2011",
                                           "homicides_2012", "border_state", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("code");
  double demand = 0;  // demand is shared out by 2010 homicides (demand_shares)
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Region g;
    g.code = in.text(r, "code");
    g.population = in.real(r, "population_2010", 0, 1e9);
    g.homicides = {in.real(r, "homicides_2010", 0, 1e6), in.real(r, "homicides_2011", 0, 1e6),
                   in.real(r, "homicides_2012", 0, 1e6)};
    g.border = in.flag(r, "border_state");
    g.lat = in.real(r, "lat", -90, 90);
    g.lon = in.real(r, "lon", -180, 180);
    g.onward = g.population == 0;
    if (g.onward) w.onward_region = static_cast<int>(w.regions.size());
    else demand += g.homicides[0];
    w.regions.push_back(g);
  }
  if (demand <= 0)
    in.fail(0, "homicides_2010", "is 0 in every state with population_2010 > 0; demand is shared out by it");
  in.finish();
}

void read_crossings(World& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"id", "kind", "us_state", "mx_state", "lat", "lon", "northbound_vehicles_2006"});
  TableReader in(t);
  in.require_unique_codes("id");
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Crossing c{in.text(r, "id"), in.text(r, "kind") == "port", w.state_index(in.text(r, "us_state")),
               w.region_index(in.text(r, "mx_state")), in.real(r, "lat", -90, 90), in.real(r, "lon", -180, 180),
               in.real(r, "northbound_vehicles_2006", 0, 1e9) / 365.0};
    if (c.us_state < 0) in.fail(r, "us_state", "is '" + in.text(r, "us_state") + "', which is not a US state code");
    if (c.mx_region < 0)
      in.fail(r, "mx_state", "is '" + in.text(r, "mx_state") + "', which is not a Mexican state code");
    w.crossings.push_back(c);
  }
  in.finish();
}

// Road distance is taken as great-circle distance × 1.25, a common detour factor.
constexpr double kRoadFactor = 1.25;

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
  if (w.onward_region >= 0) net.graph[net.region_vertex[static_cast<std::size_t>(w.onward_region)]].kind = VertexKind::kOnwardNode;

  for (std::size_t i = 0; i < w.states.size(); ++i) {
    const StagingCity& c = w.staging[static_cast<std::size_t>(w.states[i].staging)];
    add_edge(net, net.state_vertex[i], net.staging_vertex[static_cast<std::size_t>(w.states[i].staging)], EdgeKind::kFeeds,
             kRoadFactor * distance_km(w.states[i].lat, w.states[i].lon, c.lat, c.lon));
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
        add_edge(net, net.region_vertex[static_cast<std::size_t>(r)], net.region_vertex[static_cast<std::size_t>(w.onward_region)],
                 EdgeKind::kOnward, kRoadFactor * distance_km(w.regions[static_cast<std::size_t>(r)].lat, w.regions[static_cast<std::size_t>(r)].lon, cac.lat, cac.lon));
  }
  // Agents hang off the transport network: dealers sell in a state, networks recruit
  // straw buyers. A network's staging city is drawn per replication (replication state).
  add_vertices(net.dealer_vertex, VertexKind::kDealer, w.dealer_state.size());
  for (std::size_t d = 0; d < w.dealer_state.size(); ++d)
    add_edge(net, net.dealer_vertex[d], net.state_vertex[static_cast<std::size_t>(w.dealer_state[d])], EdgeKind::kSellsIn, 0);
  add_vertices(net.trafficker_vertex, VertexKind::kTrafficker, static_cast<std::size_t>(s.traffickers.count));
  add_vertices(net.buyer_vertex, VertexKind::kStrawBuyer,
               static_cast<std::size_t>(s.traffickers.count * s.traffickers.buyers_per_network));
  const auto per = static_cast<std::size_t>(s.traffickers.buyers_per_network);
  for (std::size_t t = 0; t < net.trafficker_vertex.size(); ++t)
    for (std::size_t b = 0; b < per; ++b)
      add_edge(net, net.trafficker_vertex[t], net.buyer_vertex[t * per + b], EdgeKind::kRecruits, 0);
}
}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0;
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

int World::state_index(const std::string& code) const { return find_by(states, code, &UsStateInfo::code); }
int World::region_index(const std::string& code) const { return find_by(regions, code, &Region::code); }
int World::crossing_index(const std::string& id) const { return find_by(crossings, id, &Crossing::id); }

World build_world(const Settings& settings) {
  World w;
  read_states(w, settings.data.us_states);
  read_staging(w, settings.data.staging_cities);
  read_regions(w, settings.data.mx_states);
  read_crossings(w, settings.data.crossings);
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
