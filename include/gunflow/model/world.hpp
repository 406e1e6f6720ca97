#pragma once
// The static world of a scenario: places from the reference tables, the dealer
// population, and the network graph. Built once per scenario, shared read-only by
// every replication.
#include <array>
#include <string>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/model/network.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

/// The reference tables (places, with codes resolved to indices) and what is built from them.
struct World : ReferenceTables {
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
};

/// Builds the dealers and the graph from the reference tables read at load
/// (settings.data.tables, input/reference_tables); reads no file.
World build_world(const Settings& settings);
/// Network slots in the pool: traffickers.count, plus room for entrants
/// (traffickers.entry_headroom × count; model/network_entry.hpp).
std::size_t network_slots(const Settings& s);

/// Great-circle distance in km.
double distance_km(double lat1, double lon1, double lat2, double lon2);
/// Road distance is taken as great-circle distance × 1.25, a common detour factor.
constexpr double kRoadFactor = 1.25;

}  // namespace gunflow
