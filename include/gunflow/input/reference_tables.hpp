#pragma once
// The reference tables a scenario names (data.us_states, data.staging_cities,
// data.mx_states, data.crossings; scenarios/data/*.csv), read and checked once, at scenario
// load, into one value. The scenario's cross-checks (a policy naming a crossing id) and
// world building (places, dealers, the network) both use that value; neither opens a file.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace gunflow {

struct UsStateInfo {
  std::string code;
  double retail_dealers = 0;
  double population = 0;  ///< residents, 2010 census
  bool border = false;
  bool awb = false;  ///< state assault-weapons ban in force (2010 law)
  bool bmg50_ban = false;
  bool private_sale_checks = false;
  double lat = 0, lon = 0;
  int staging = 0;  ///< nearest staging city: not in the table, set when the world is built
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
  std::string mx_homicides_by_year;  ///< optional ("" = none)
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

  [[nodiscard]] int state_index(const std::string& code) const;  ///< -1 if unknown
  [[nodiscard]] int region_index(const std::string& code) const;
  [[nodiscard]] int crossing_index(const std::string& id) const;
};

/// Reads the tables in the order states, staging cities, Mexican states, crossings (each
/// refers to those before it). Throws InputError with every problem of the first bad
/// table, each located as file:line:column with the column's name.
ReferenceTables read_reference_tables(const ReferenceTablePaths& paths);

}  // namespace gunflow
