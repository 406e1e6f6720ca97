#pragma once
// The outputs of the model (MODEL.md "Outputs"): which series exist, and the row of
// each, so submodels add to a cell by index without string look-ups.
#include <cstddef>
#include <vector>

#include "gunflow/model/world.hpp"
#include "gunflow/tally/layout.hpp"

namespace gunflow {

struct MetricRows {
  // Flow
  std::size_t guns_trafficked, purchases, guns_arrived, guns_onward;
  std::vector<std::size_t> trafficked_by_class, trafficked_by_state, trafficked_by_channel, trafficked_by_crossing,
      arrived_by_region;
  std::size_t gun_show_guns, export_diverted, foreign_inflow;
  // US enforcement
  std::size_t us_border_seizures, us_investigation_seizures, us_interdiction_share, arrests, networks_disrupted,
      cases, guns_in_cases, guns_per_case, dealer_inspections, dealer_revocations, multiple_sale_reports,
      dealer_refusals, leads, leads_investigated, straw_buyers_recruited, trips_unfunded, trips_blocked, networks_bankrupt, ammunition_flags;
  std::vector<std::size_t> cases_by_channel, case_share_by_channel;
  // Mexico and observation
  std::size_t mx_recoveries, arsenal_stock, traces, traces_us_sourced, us_sourced_share, traces_purchaser,
      purchaser_share, traces_state_known, ttc_sum_years, ttc_mean_years, ttc_over_3y_share, traced_handgun_share;
  std::vector<std::size_t> traces_by_state, trace_share_by_state, traces_by_class;
  // Economics
  std::size_t delivered_cost_sum, cost_per_gun, mexico_price;
  // Violence
  std::size_t homicides, homicides_firearm, homicides_nonfirearm, firearm_homicide_share;
  std::vector<std::size_t> homicides_by_region, firearm_homicides_by_region;
};

/// Builds the layout (years from settings) and the rows of every series.
MetricLayout make_layout(const World& world, const Settings& settings, MetricRows& rows);

/// Turns year sums into ratios (shares, means) once a replication is done.
void finalize_metrics(const MetricRows& rows, const Settings& settings, Eigen::ArrayXXd& values);

}  // namespace gunflow
