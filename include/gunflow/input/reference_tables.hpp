#pragma once
// The reference tables a scenario names (data.us_states, data.staging_cities,
// data.mx_states, data.crossings; scenarios/data/*.csv), read and checked once, at scenario
// load, into one value. The scenario's cross-checks (a policy naming a crossing id) and
// world building (places, dealers, the network) both use that value; neither opens a file.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gunflow/core/date.hpp"

namespace gunflow {

/// The state laws the model knows (us_states.csv flags them as of 2010; a table of dated
/// laws, data.us_state_laws, can switch them on for a span of dates instead).
enum class StateLaw : std::uint8_t { kAssaultWeaponsBan, kBmg50Ban, kPrivateSaleChecks };
inline constexpr std::array<std::string_view, 3> kStateLawNames = {"assault_weapons_ban", "bmg50_ban",
                                                                   "private_sale_checks"};
/// A state law in force from `start` until `end` (exclusive; open-ended: 9999-12-31).
struct DatedStateLaw {
  StateLaw law = StateLaw::kAssaultWeaponsBan;
  Date start;
  Date end;
};

struct UsStateInfo {
  std::string code;
  double retail_dealers = 0;
  double population = 0;  ///< residents, 2010 census
  bool border = false;
  bool awb = false;  ///< state assault-weapons ban in force (2010 law)
  bool bmg50_ban = false;
  bool private_sale_checks = false;
  double lat = 0, lon = 0;
  int staging = 0;                        ///< nearest staging city: not in the table, set when the world is built
  std::vector<DatedStateLaw> dated_laws;  ///< from data.us_state_laws, if named

  /// Whether `law` is in force on day `d`: its 2010 flag (held in every year), or a dated span.
  [[nodiscard]] bool in_force(StateLaw law, Date d) const {
    const bool flag = law == StateLaw::kAssaultWeaponsBan ? awb
                      : law == StateLaw::kBmg50Ban        ? bmg50_ban
                                                          : private_sale_checks;
    if (flag) return true;
    for (const DatedStateLaw& x : dated_laws)
      if (x.law == law && x.start <= d && d < x.end) return true;
    return false;
  }
};

struct StagingCity {
  std::string id;
  int us_state = 0;
  double lat = 0, lon = 0;
};

struct Crossing {
  std::string id;
  bool official = true;
  int us_state = 0;
  int mx_region = 0;
  double lat = 0, lon = 0;
  double vehicles_per_day = 0;  ///< southbound traffic, taken equal to northbound (BTS 2006)
};

struct Region {
  std::string code;
  double population = 0;
  std::array<double, 3> homicides{};  ///< INEGI 2010, 2011, 2012
  bool border = false;
  bool onward = false;  ///< the Central America / Caribbean node (kind = onward)
  double lat = 0, lon = 0;
};

/// Where the four tables are (absolute paths, as the scenario loader resolves them).
struct ReferenceTablePaths {
  std::string us_states;
  std::string staging_cities;
  std::string mx_states;
  std::string crossings;
  std::string mx_homicides_by_year;           ///< optional ("" = none)
  std::string us_state_laws;                  ///< optional ("" = none)
  std::string mx_homicides_by_state_year;     ///< optional ("" = none)
  std::string us_sales_by_state_year;         ///< optional ("" = none)
  std::string mx_conflict_homicides_by_year;  ///< optional ("" = none)
};

/// The four tables, checked, with codes resolved to row indices (a staging city's or a
/// crossing's state is an index into `states` or `regions`).
struct ReferenceTables {
  std::vector<UsStateInfo> states;
  std::vector<StagingCity> staging;
  std::vector<Crossing> crossings;
  std::vector<Region> regions;
  int onward_region = -1;  ///< the region of kind `onward`, or -1
  /// National homicides by year (year, count), years increasing; empty unless a table of
  /// them is named (data.mx_homicides_by_year).
  std::vector<std::pair<int, double>> homicides_by_year;
  /// Homicides presumed related to organised crime, by year (year, count), years
  /// increasing; empty unless named (data.mx_conflict_homicides_by_year).
  std::vector<std::pair<int, double>> conflict_homicides_by_year;
  /// Homicides by year and Mexican state: (year, count by region index; the onward node
  /// 0), years increasing, every state given each year; empty unless a table of them is
  /// named (data.mx_homicides_by_state_year).
  std::vector<std::pair<int, std::vector<double>>> homicides_by_state_year;
  /// Dealer pre-sale checks of handguns and long guns by year and US state (year, checks
  /// by state index), years increasing, every state given each year; empty unless a table
  /// of them is named (data.us_sales_by_state_year).
  std::vector<std::pair<int, std::vector<double>>> sales_checks_by_state_year;
  /// Every day on which a dated state law starts or ends, increasing (empty without
  /// data.us_state_laws): the laws in force change only on these days.
  std::vector<Date> state_law_changes;
  /// How many of state_law_changes fall on or before `d`: equal for two days, the same
  /// state laws are in force on both.
  [[nodiscard]] std::size_t state_law_epoch(Date d) const;

  /// Mexico's homicides of 2010 (data.mx_states, the onward node left out).
  [[nodiscard]] double homicides_2010() const;
  /// Mexico's homicides by year as the model reads them: the national table, else the
  /// state table's totals; empty without either (then every year's count is 2010's).
  [[nodiscard]] std::vector<std::pair<int, double>> national_homicides_by_year() const;

  [[nodiscard]] int state_index(const std::string& code) const;  ///< -1 if unknown
  [[nodiscard]] int region_index(const std::string& code) const;
  [[nodiscard]] int crossing_index(const std::string& id) const;
};

/// Reads the tables in the order states, staging cities, Mexican states, crossings (each
/// refers to those before it). Throws InputError with every problem of the first bad
/// table, each located as file:line:column with the column's name.
ReferenceTables read_reference_tables(const ReferenceTablePaths& paths);

}  // namespace gunflow
