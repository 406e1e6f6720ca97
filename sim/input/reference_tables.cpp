#include "gunflow/input/reference_tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "dated_tables.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/input/csv_table.hpp"
#include "table_reader.hpp"

namespace gunflow {
namespace {

using input_detail::TableReader;

template <class T>
int find_by(const std::vector<T>& items, const std::string& key, std::string T::*field) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].*field == key) return static_cast<int>(i);
  return -1;
}

// Every retail dealer is an agent: the real table has 55,751. The cap keeps a mistyped
// table from exhausting memory while the world is built.
constexpr double kMaxDealers = 1e6;
// States index small tables (a state fits in 16 bits in lots and out-of-state choices),
// and out-of-state choice tables grow with the square of their number: the real table
// has 51 rows. The other tables are capped for the same reason: routes join every staging
// city, crossing and Mexican state (pairs of them), and the real tables have 12, 33 and 33.
constexpr std::size_t kMaxStates = 1000;
constexpr std::size_t kMaxStagingCities = 1000;
constexpr std::size_t kMaxCrossings = 1000;
constexpr std::size_t kMaxRegions = 1000;

void read_states(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"code", "retail_dealers", "population_2010", "border_state", "awb_2010",
                                           "bmg50_ban_2010", "private_sale_checks_2010", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("code");
  double dealers = 0;
  bool over_cap = false;
  const std::size_t rows = in.capped_rows(kMaxStates, "code", "states");
  for (std::size_t r = 0; r < rows; ++r) {
    UsStateInfo s;
    s.code = in.text(r, "code");
    // Postal codes as every other table writes them (staging cities, crossings, laws).
    if (s.code.size() != 2 ||
        !std::all_of(s.code.begin(), s.code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
      in.fail(r, "code", "is '" + s.code + "', but must be a two-letter upper-case postal code (e.g. TX)");
    s.retail_dealers = in.real(r, "retail_dealers", 0, 1e6);
    dealers += s.retail_dealers;
    if (dealers > kMaxDealers && !over_cap) {  // said once, at the row that crosses the cap
      over_cap = true;
      in.fail(r, "retail_dealers",
              "brings the table's total to " + std::to_string(std::lround(dealers)) + " dealers; at most " +
                  std::to_string(std::lround(kMaxDealers)) + " in all");
    }
    s.population = in.real(r, "population_2010", 0, 1e9);
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

void read_staging(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"id", "us_state", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("id");
  const std::size_t rows = in.capped_rows(kMaxStagingCities, "id", "staging cities");
  for (std::size_t r = 0; r < rows; ++r) {
    StagingCity c{in.text(r, "id"), w.state_index(in.text(r, "us_state")), in.real(r, "lat", -90, 90),
                  in.real(r, "lon", -180, 180)};
    if (c.us_state < 0)
      in.fail(r, "us_state",
              "is '" + in.text(r, "us_state") + "', which is not a code of the US states table (data.us_states)");
    w.staging.push_back(c);
  }
  in.finish();
}

void read_regions(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"code", "kind", "population_2010", "homicides_2010", "homicides_2011",
                                           "homicides_2012", "border_state", "lat", "lon"});
  TableReader in(t);
  in.require_unique_codes("code");
  double demand = 0;  // demand is shared out by 2010 homicides (demand_shares)
  const std::size_t rows = in.capped_rows(kMaxRegions, "code", "Mexican states");
  for (std::size_t r = 0; r < rows; ++r) {
    Region g;
    g.code = in.text(r, "code");
    // The onward node (Central America / Caribbean) is marked, not inferred: a state
    // whose population was mistyped as 0 once became a second onward node (inf in
    // the demand shares).
    const std::string& kind = in.text(r, "kind");
    if (kind != "state" && kind != "onward")
      in.fail(r, "kind", "is '" + kind + "', but must be 'state' (a Mexican state) or 'onward' (the onward node)");
    g.onward = kind == "onward";
    g.population = in.real(r, "population_2010", 0, 1e9);
    g.homicides = {in.real(r, "homicides_2010", 0, 1e6), in.real(r, "homicides_2011", 0, 1e6),
                   in.real(r, "homicides_2012", 0, 1e6)};
    g.border = in.flag(r, "border_state");
    g.lat = in.real(r, "lat", -90, 90);
    g.lon = in.real(r, "lon", -180, 180);
    if (g.onward) {
      if (w.onward_region >= 0)
        in.fail(r, "kind",
                "is 'onward' again; line " + std::to_string(t.line(static_cast<std::size_t>(w.onward_region))) +
                    " is already the onward node (at most one)");
      else
        w.onward_region = static_cast<int>(w.regions.size());
    } else {
      if (g.population <= 0)
        in.fail(r, "population_2010", "is 0; a Mexican state has people (the onward node is marked kind = onward)");
      demand += g.homicides[0];
    }
    w.regions.push_back(g);
  }
  if (demand <= 0) in.fail(0, "homicides_2010", "is 0 in every Mexican state; demand is shared out by it");
  in.finish();
}

void read_crossings(ReferenceTables& w, const std::string& path) {
  const CsvTable t =
      CsvTable::read(path, {"id", "kind", "us_state", "mx_state", "lat", "lon", "northbound_vehicles_2006"});
  TableReader in(t);
  in.require_unique_codes("id");
  const std::size_t rows = in.capped_rows(kMaxCrossings, "id", "crossings");
  for (std::size_t r = 0; r < rows; ++r) {
    Crossing c{in.text(r, "id"),
               in.text(r, "kind") == "port",
               w.state_index(in.text(r, "us_state")),
               w.region_index(in.text(r, "mx_state")),
               in.real(r, "lat", -90, 90),
               in.real(r, "lon", -180, 180),
               in.real(r, "northbound_vehicles_2006", 0, 1e9) / 365.0};
    const std::string& kind = in.text(r, "kind");
    if (kind != "port" && kind != "unofficial")
      in.fail(r, "kind",
              "is '" + kind + "', but must be 'port' (a port of entry) or 'unofficial' (a crossing between ports)");
    if (c.us_state < 0)
      in.fail(r, "us_state",
              "is '" + in.text(r, "us_state") + "', which is not a code of the US states table (data.us_states)");
    if (c.mx_region < 0)
      in.fail(r, "mx_state", "is '" + in.text(r, "mx_state") + "', which is not a Mexican state code");
    w.crossings.push_back(c);
  }
  in.finish();
}

}  // namespace

std::size_t ReferenceTables::state_law_epoch(Date d) const {
  return static_cast<std::size_t>(std::upper_bound(state_law_changes.begin(), state_law_changes.end(), d) -
                                  state_law_changes.begin());
}

double ReferenceTables::homicides_2010() const {
  double total = 0;
  for (const Region& r : regions) total += r.onward ? 0.0 : r.homicides[0];
  return total;
}

std::vector<std::pair<int, double>> ReferenceTables::national_homicides_by_year() const {
  if (!homicides_by_year.empty()) return homicides_by_year;
  std::vector<std::pair<int, double>> totals;
  for (const auto& [year, counts] : homicides_by_state_year) {
    double total = 0;
    for (double c : counts) total += c;
    totals.emplace_back(year, total);
  }
  return totals;
}

int ReferenceTables::state_index(const std::string& code) const { return find_by(states, code, &UsStateInfo::code); }
int ReferenceTables::region_index(const std::string& code) const { return find_by(regions, code, &Region::code); }
int ReferenceTables::crossing_index(const std::string& id) const { return find_by(crossings, id, &Crossing::id); }

ReferenceTables read_reference_tables(const ReferenceTablePaths& paths) {
  ReferenceTables t;
  read_states(t, paths.us_states);
  read_staging(t, paths.staging_cities);
  read_regions(t, paths.mx_states);
  read_crossings(t, paths.crossings);
  input_detail::read_dated_tables(t, paths);  // the optional tables by year (dated_tables.cpp)
  return t;
}

}  // namespace gunflow
