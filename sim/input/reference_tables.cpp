#include "gunflow/input/reference_tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "gunflow/core/errors.hpp"
#include "gunflow/input/csv_table.hpp"

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
  /// Rows a reader takes: at most `cap`, and one over it is refused (said once, at the
  /// first row over the cap), so later rows are never read into quadratic work.
  std::size_t capped_rows(std::size_t cap, const std::string& col, const std::string& what) {
    if (t_.rows() <= cap) return t_.rows();
    fail(cap, col,
         "is on row " + std::to_string(cap + 1) + " of the " + what + "; at most " + std::to_string(cap) + " in all");
    return cap;
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
// has 51 rows. The other tables are capped for the same reason: routes join every staging
// city, crossing and Mexican state (pairs of them), and the real tables have 12, 33 and 33.
constexpr std::size_t kMaxStates = 1000;
constexpr std::size_t kMaxStagingCities = 1000;
constexpr std::size_t kMaxCrossings = 1000;
constexpr std::size_t kMaxYearRows = 1000;
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
    if (c.us_state < 0) in.fail(r, "us_state", "is '" + in.text(r, "us_state") + "', which is not a US state code");
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
    if (c.us_state < 0) in.fail(r, "us_state", "is '" + in.text(r, "us_state") + "', which is not a US state code");
    if (c.mx_region < 0)
      in.fail(r, "mx_state", "is '" + in.text(r, "mx_state") + "', which is not a Mexican state code");
    w.crossings.push_back(c);
  }
  in.finish();
}

// National counts by year (scenarios/data/history/mx_homicides_by_year.csv and
// mx_conflict_homicides_by_year.csv): one row per year, years increasing (gaps allowed:
// the model interpolates).
std::vector<std::pair<int, double>> read_national_by_year(const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"year", "homicides"});
  TableReader in(t);
  std::vector<std::pair<int, double>> series;
  const std::size_t rows = in.capped_rows(kMaxYearRows, "year", "years");
  for (std::size_t r = 0; r < rows; ++r) {
    const double year = in.real(r, "year", 1900, 2200);
    const double count = in.real(r, "homicides", 0, 1e7);
    if (year != std::floor(year)) in.fail(r, "year", "is not a whole year");
    if (!series.empty() && year <= series.back().first)
      in.fail(r, "year", "is not after the year on the row before (years must increase)");
    series.emplace_back(static_cast<int>(year), count);
  }
  in.finish();
  return series;
}

/// A table with one row per place and year (a state's homicides, a state's sales): one
/// value vector per year, indexed by place (`n` places, `place(r)` the row's index or -1
/// if the row names no place this table takes, already said), years increasing. Every
/// year must list every place `needed` once.
template <class Place, class Value, class Needed>
std::vector<std::pair<int, std::vector<double>>> read_by_year(TableReader& in, std::size_t rows, std::size_t n,
                                                              const std::vector<std::string>& codes, Place place,
                                                              Value value, Needed needed) {
  std::map<int, std::vector<double>> by_year;
  std::map<int, std::vector<std::size_t>> line_of;  // the row that wrote each place, +1 (0: none)
  for (std::size_t r = 0; r < rows; ++r) {
    const double year = in.real(r, "year", 1900, 2200);
    if (year != std::floor(year)) in.fail(r, "year", "is not a whole year");
    const double v = value(r);
    const int at = place(r);
    if (at < 0) continue;
    const auto y = static_cast<int>(year);
    const auto i = static_cast<std::size_t>(at);
    std::vector<std::size_t>& lines = line_of.try_emplace(y, n, 0).first->second;
    if (lines[i] != 0)
      in.fail(
          r, "state",
          "is '" + codes[i] + "', which row " + std::to_string(lines[i]) + " already gives for " + std::to_string(y));
    lines[i] = r + 1;
    by_year.try_emplace(y, n, 0.0).first->second[i] = v;
  }
  for (const auto& [year, lines] : line_of)
    for (std::size_t i = 0; i < n; ++i)
      if (needed(i) && lines[i] == 0) {
        in.fail(0, "state", std::to_string(year) + " has no row for " + codes[i] + "; every year lists every state");
        break;
      }
  return {by_year.begin(), by_year.end()};
}

// Homicides by Mexican state and year (scenarios/data/history/mx_homicides_by_state_year.csv):
// every year lists every Mexican state (the onward node has no homicides).
void read_homicides_by_state_year(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"year", "state", "homicides"});
  TableReader in(t);
  std::vector<std::string> codes;
  for (const Region& g : w.regions) codes.push_back(g.code);
  const auto place = [&](std::size_t r) {
    const int g = w.region_index(in.text(r, "state"));
    if (g >= 0 && !w.regions[static_cast<std::size_t>(g)].onward) return g;
    in.fail(r, "state", "is '" + in.text(r, "state") + "', which is not a Mexican state of data.mx_states");
    return -1;
  };
  w.homicides_by_state_year = read_by_year(
      in, in.capped_rows(kMaxYearRows * kMaxRegions, "year", "state-years"), w.regions.size(), codes, place,
      [&](std::size_t r) { return in.real(r, "homicides", 0, 1e7); },
      [&](std::size_t g) { return !w.regions[g].onward; });
  for (const auto& [year, counts] : w.homicides_by_state_year)
    if (std::all_of(counts.begin(), counts.end(), [](double c) { return c <= 0; }))
      in.fail(0, "homicides", std::to_string(year) + " has no homicides in any state");
  in.finish();
}

// Dealer checks by US state and year (scenarios/data/history/us_sales_by_state_year.csv):
// every year lists every state, and 2010 is one of the years (the year
// market.retail_sales_per_year describes).
void read_sales_by_state_year(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"year", "state", "handgun", "long_gun"});
  TableReader in(t);
  std::vector<std::string> codes;
  for (const UsStateInfo& st : w.states) codes.push_back(st.code);
  const auto place = [&](std::size_t r) {
    const int i = w.state_index(in.text(r, "state"));
    if (i < 0) in.fail(r, "state", "is '" + in.text(r, "state") + "', which is not a US state code");
    return i;
  };
  w.sales_checks_by_state_year = read_by_year(
      in, in.capped_rows(kMaxYearRows * kMaxStates, "year", "state-years"), w.states.size(), codes, place,
      [&](std::size_t r) { return in.real(r, "handgun", 0, 1e9) + in.real(r, "long_gun", 0, 1e9); },
      [](std::size_t) { return true; });
  if (!w.sales_checks_by_state_year.empty() &&
      std::none_of(w.sales_checks_by_state_year.begin(), w.sales_checks_by_state_year.end(),
                   [](const auto& row) { return row.first == 2010; }))
    in.fail(0, "year", "has no 2010 rows; sales are taken relative to 2010 (market.retail_sales_per_year)");
  in.finish();
}

// Dated state laws (scenarios/data/history/us_state_laws.csv): one row per law and state,
// in force from `start` until `end` (exclusive; empty: still in force), each naming its
// source. The states' 2010 flags still hold in every year: a history run names a states
// table whose flags are off for the laws it dates.
constexpr std::size_t kMaxStateLaws = 10000;
void read_state_laws(ReferenceTables& w, const std::string& path) {
  const CsvTable t = CsvTable::read(path, {"state", "law", "start", "end", "source"});
  TableReader in(t);
  const std::size_t rows = in.capped_rows(kMaxStateLaws, "state", "dated laws");
  const Date open_ended = *Date::parse("9999-12-31");
  for (std::size_t r = 0; r < rows; ++r) {
    DatedStateLaw law;
    const int state = w.state_index(in.text(r, "state"));
    if (state < 0) in.fail(r, "state", "is '" + in.text(r, "state") + "', which is not a US state code");
    const std::string& name = in.text(r, "law");
    std::size_t k = 0;
    while (k < kStateLawNames.size() && kStateLawNames[k] != name) ++k;
    if (k == kStateLawNames.size())
      in.fail(r, "law", "is '" + name + "'; expected assault_weapons_ban, bmg50_ban or private_sale_checks");
    else
      law.law = static_cast<StateLaw>(k);
    const std::optional<Date> start = Date::parse(in.text(r, "start"));
    if (!start) in.fail(r, "start", "is '" + in.text(r, "start") + "', not a date (YYYY-MM-DD)");
    const std::string& end_text = in.text(r, "end");
    const std::optional<Date> end = end_text.empty() ? open_ended : Date::parse(end_text);
    if (!end) in.fail(r, "end", "is '" + end_text + "', not a date (YYYY-MM-DD) or empty (still in force)");
    if (start && end && !(*start < *end)) in.fail(r, "end", "is not after start");
    if (in.text(r, "source").empty()) in.fail(r, "source", "is empty; every dated law names its source");
    if (state < 0 || !start || !end || k == kStateLawNames.size()) continue;
    law.start = *start;
    law.end = *end;
    w.states[static_cast<std::size_t>(state)].dated_laws.push_back(law);
    w.state_law_changes.push_back(law.start);
    if (law.end != open_ended) w.state_law_changes.push_back(law.end);
  }
  in.finish();
  std::sort(w.state_law_changes.begin(), w.state_law_changes.end());
  w.state_law_changes.erase(std::unique(w.state_law_changes.begin(), w.state_law_changes.end()),
                            w.state_law_changes.end());
}
}  // namespace

std::size_t ReferenceTables::state_law_epoch(Date d) const {
  return static_cast<std::size_t>(std::upper_bound(state_law_changes.begin(), state_law_changes.end(), d) -
                                  state_law_changes.begin());
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
  if (!paths.mx_homicides_by_year.empty()) t.homicides_by_year = read_national_by_year(paths.mx_homicides_by_year);
  if (!paths.us_state_laws.empty()) read_state_laws(t, paths.us_state_laws);
  if (!paths.mx_homicides_by_state_year.empty()) read_homicides_by_state_year(t, paths.mx_homicides_by_state_year);
  if (!paths.us_sales_by_state_year.empty()) read_sales_by_state_year(t, paths.us_sales_by_state_year);
  if (!paths.mx_conflict_homicides_by_year.empty())
    t.conflict_homicides_by_year = read_national_by_year(paths.mx_conflict_homicides_by_year);
  return t;
}

}  // namespace gunflow
