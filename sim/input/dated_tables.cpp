// The optional reference tables by year (scenarios/data/history/): each is read only when
// its key names it, and checked with located problems like the required tables.
#include "dated_tables.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

#include "gunflow/core/by_year.hpp"
#include "table_reader.hpp"

namespace gunflow::input_detail {
namespace {

constexpr std::size_t kMaxYearRows = 1000;
constexpr std::size_t kMaxPlaces = 1000;  // the caps of the states and Mexican states tables

// National counts by year (scenarios/data/history/mx_homicides_by_year.csv and
// mx_conflict_homicides_by_year.csv): one row per year, years increasing (gaps allowed:
// the model interpolates).
// `also` checks each row's year and count further (none by default).
using YearCheck = std::function<void(TableReader&, std::size_t, int, double)>;
std::vector<std::pair<int, double>> read_national_by_year(const std::string& path, const YearCheck& also = {}) {
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
    if (also) also(in, r, static_cast<int>(year), count);
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
      in, in.capped_rows(kMaxYearRows * kMaxPlaces, "year", "state-years"), w.regions.size(), codes, place,
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
    if (i < 0)
      in.fail(r, "state",
              "is '" + in.text(r, "state") + "', which is not a code of the US states table (data.us_states)");
    return i;
  };
  w.sales_checks_by_state_year = read_by_year(
      in, in.capped_rows(kMaxYearRows * kMaxPlaces, "year", "state-years"), w.states.size(), codes, place,
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
    if (state < 0)
      in.fail(r, "state",
              "is '" + in.text(r, "state") + "', which is not a code of the US states table (data.us_states)");
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
    // The same law twice in one state, or two periods of it that overlap, is a copy-paste
    // slip: the law would simply be in force over the union, so it is refused, not guessed.
    for (const DatedStateLaw& other : w.states[static_cast<std::size_t>(state)].dated_laws)
      if (other.law == law.law && law.start < other.end && other.start < law.end) {
        in.fail(r, "start",
                "puts " + name + " in force in " + in.text(r, "state") + " from " + law.start.to_string() +
                    ", within a period of the same law on an earlier row (" + other.start.to_string() + " to " +
                    (other.end == open_ended ? std::string("open-ended") : other.end.to_string()) + ")");
        break;
      }
    w.states[static_cast<std::size_t>(state)].dated_laws.push_back(law);
    w.state_law_changes.push_back(law.start);
    if (law.end != open_ended) w.state_law_changes.push_back(law.end);
  }
  in.finish();
  std::sort(w.state_law_changes.begin(), w.state_law_changes.end());
  w.state_law_changes.erase(std::unique(w.state_law_changes.begin(), w.state_law_changes.end()),
                            w.state_law_changes.end());
}

std::string count_text(double x) {
  std::ostringstream out;
  out << std::setprecision(12) << x;
  return out.str();
}

// Homicides presumed related to organised crime (scenarios/data/history/
// mx_conflict_homicides_by_year.csv): a national series by year, each year's count part of
// that year's homicides (a conflict share above 1 has no meaning; the model would read it
// as 1). Years between and outside the rows are the model's to interpolate and hold.
std::vector<std::pair<int, double>> read_conflict_by_year(const ReferenceTables& t, const std::string& path) {
  const char* national_from = !t.homicides_by_year.empty()         ? "data.mx_homicides_by_year"
                              : !t.homicides_by_state_year.empty() ? "data.mx_homicides_by_state_year, summed"
                                                                   : "data.mx_states, 2010";
  std::vector<std::pair<int, double>> national_by_year = t.national_homicides_by_year();
  if (national_by_year.empty()) national_by_year = {{2010, t.homicides_2010()}};
  return read_national_by_year(path, [&](TableReader& in, std::size_t r, int year, double count) {
    const double national = value_in_year(national_by_year, year);
    if (count > national)
      in.fail(r, "homicides",
              "is more than the " + count_text(national) + " homicides of " + std::to_string(year) + " in all (" +
                  national_from + "): the conflict's homicides are part of the year's");
  });
}
}  // namespace

void read_dated_tables(ReferenceTables& t, const ReferenceTablePaths& paths) {
  if (!paths.mx_homicides_by_year.empty()) t.homicides_by_year = read_national_by_year(paths.mx_homicides_by_year);
  if (!paths.us_state_laws.empty()) read_state_laws(t, paths.us_state_laws);
  if (!paths.mx_homicides_by_state_year.empty()) read_homicides_by_state_year(t, paths.mx_homicides_by_state_year);
  if (!paths.us_sales_by_state_year.empty()) read_sales_by_state_year(t, paths.us_sales_by_state_year);
  if (!paths.mx_conflict_homicides_by_year.empty())
    t.conflict_homicides_by_year = read_conflict_by_year(t, paths.mx_conflict_homicides_by_year);
}

}  // namespace gunflow::input_detail
