#pragma once
// The static world of a scenario: places from the reference tables, the dealer
// population, and the network graph. Built once per scenario, shared read-only by
// every replication.
#include <array>
#include <string>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/model/network.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct UsStateInfo {
  std::string code;
  double retail_dealers = 0;
  bool border = false;
  bool awb = false;             ///< state assault-weapons ban in force (2010 law)
  bool bmg50_ban = false;
  bool private_sale_checks = false;
  double lat = 0, lon = 0;
  int staging = 0;              ///< nearest staging city
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
  bool onward = false;                ///< the Central America / Caribbean node
  double lat = 0, lon = 0;
};

struct World {
  std::vector<UsStateInfo> states;
  std::vector<StagingCity> staging;
  std::vector<Crossing> crossings;
  std::vector<Region> regions;
  int onward_region = -1;
  /// Dealers, ordered by state; dealers_of_state[s] = [first, last) dealer index.
  std::vector<int> dealer_state;
  std::vector<std::pair<int, int>> dealers_of_state;
  Network network;
  /// Road km from each crossing into each region through Mexico ([crossing][region]).
  std::vector<std::vector<double>> inland_km;
  /// Each staging city's drives to the border ([staging]).
  std::vector<std::vector<DriveLeg>> drive_legs;
  PolicyScopes scopes;
  ModelTables tables;

  [[nodiscard]] int state_index(const std::string& code) const;    ///< -1 if unknown
  [[nodiscard]] int region_index(const std::string& code) const;
  [[nodiscard]] int crossing_index(const std::string& id) const;
};

/// Reads the reference tables named in settings.data and builds the graph.
/// Throws InputError (file:line, column) on bad tables.
World build_world(const Settings& settings);

/// Great-circle distance in km.
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace gunflow
