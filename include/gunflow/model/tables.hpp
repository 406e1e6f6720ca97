#pragma once
// Numbers the daily step needs again and again, resolved once per scenario from the
// settings' maps and the reference tables: shares as arrays, distances as matrices.
// (Profiling showed string-keyed map look-ups and trigonometry from repeated
// great-circle distances taking a third of a replication's time.)
#include <array>
#include <vector>

#include "gunflow/core/catalog.hpp"

namespace gunflow {

struct World;
struct Settings;

struct ModelTables {
  std::array<double, kNumClasses> class_mix{};       ///< demand.class_mix, normalised
  std::array<double, 4> channel_preference{};        ///< channels.preference by retail channel
  std::array<double, 4> channel_extra_cost{};        ///< channels.extra_cost by retail channel
  std::vector<double> demand_share;                  ///< by region (demand_shares)
  std::vector<double> home_weight;                   ///< by US state (home_state_weights)
  std::vector<double> state_km;                      ///< [a * n_states + b], great-circle km
  std::vector<double> staging_region_km;             ///< [staging * n_regions + region]

  [[nodiscard]] double km_between_states(int a, int b) const {
    return state_km[static_cast<std::size_t>(a) * n_states + static_cast<std::size_t>(b)];
  }
  std::size_t n_states = 0, n_regions = 0;
};

ModelTables make_tables(const World& world, const Settings& settings);

}  // namespace gunflow
