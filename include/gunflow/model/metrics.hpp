#pragma once
// The outputs of the model: which series exist, what each means (the metric
// catalogue, docs/metrics.md), and the row of each, so submodels add to a cell by
// index without string look-ups.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "gunflow/model/world.hpp"
#include "gunflow/tally/layout.hpp"

namespace gunflow {

/// Rows of the secondary markets, dealers' sales and class-aware violence
/// (metrics_supply.cpp).
struct SupplyRows {
  std::vector<std::size_t> purchases_by_size;        ///< straw purchases by guns bought (kPurchaseSizeBins)
  std::vector<std::size_t> purchases_by_class_size;  ///< [class * kPurchaseSizeBins + size bin]
  std::vector<std::size_t> reports_by_state_class;   ///< [state * kNumClasses + class]
  std::size_t rifle_reports = 0, rifles_in_reports = 0, rifles_per_report = 0;
  std::vector<std::size_t> traces_by_state_class;                            ///< [state * kNumClasses + class]
  std::vector<std::size_t> ttc_sum_years_by_class, ttc_mean_years_by_class;  ///< traced guns' age by class
  std::size_t trace_top1_share = 0, trace_top3_share = 0, trace_gini = 0;    ///< over dealers, year-end
  std::vector<std::size_t> recoveries_by_region_class;                       ///< [region * kNumClasses + class]
  std::vector<std::size_t> trafficked_imported_by_class;
  std::vector<std::size_t> private_stock_by_class;  ///< year-end, US total
  std::size_t armed_stock_weighted = 0;             ///< year-end, Mexico, by violence.class_weight
  std::size_t trips_no_seller = 0;                  ///< second-hand searches that found no seller
  std::vector<std::size_t> orders_dropped;          ///< by class: orders a trip found no supply for
  std::size_t networks_entered = 0, networks_exited = 0, networks_active = 0;  ///< network_entry.hpp
  /// By network scale (kNetworkScaleBins): guns bought, and networks in business at year end.
  std::vector<std::size_t> trafficked_by_network_scale, networks_active_by_scale;
  std::vector<std::size_t> dealers_by_type;  ///< year-end open licences, by DealerType
};
/// The bin of a count `n` among bins whose upper ends are `upper` (ascending; the last bin
/// is open): how many of those ends lie below n. The size bins of the outputs below.
constexpr std::size_t count_bin(std::int64_t n, std::span<const std::int64_t> upper) {
  std::size_t bin = 0;
  for (const std::int64_t end : upper) bin += n > end ? 1 : 0;
  return bin;
}
/// Bins of purchases_by_size: 1, 2, 3, 4-5, 6-9, 10+ guns.
inline constexpr std::int64_t kPurchaseSizeUpper[] = {1, 2, 3, 5, 9};
inline constexpr std::size_t kPurchaseSizeBins = std::size(kPurchaseSizeUpper) + 1;
inline std::size_t purchase_size_bin(std::int64_t guns) { return count_bin(guns, kPurchaseSizeUpper); }

/// Bins of a network's scale (networks.cpp: draw_scale), by their upper ends in 1/256 of
/// the mean scale (kScaleUnits): up to 0.5, 0.5-1, 1-2, 2-5, over 5.
inline constexpr std::int64_t kNetworkScaleUpper[] = {128, 256, 512, 1280};
inline constexpr std::size_t kNetworkScaleBins = std::size(kNetworkScaleUpper) + 1;
inline std::size_t network_scale_bin(std::int32_t scale_units) { return count_bin(scale_units, kNetworkScaleUpper); }

struct MetricRows {
  // Flow
  std::size_t guns_trafficked, purchases, guns_arrived, guns_onward;
  std::vector<std::size_t> trafficked_by_class, trafficked_by_state, trafficked_by_channel, trafficked_by_crossing,
      arrived_by_region;
  /// Origin–destination (route_tally.hpp): state × crossing and crossing × destination.
  std::vector<std::size_t> arrived_by_source_crossing, arrived_by_crossing_region, arrived_by_route;
  std::size_t gun_show_guns, export_diverted, foreign_inflow;
  // US enforcement
  std::size_t us_border_seizures, us_investigation_seizures, us_interdiction_share, arrests, networks_disrupted, cases,
      guns_in_cases, guns_per_case, dealer_inspections, dealer_revocations, dealer_inspections_targeted,
      targeted_inspections_noncompliant, multiple_sale_reports, multiple_sale_ring_overflows, dealer_refusals, leads,
      leads_investigated, straw_buyers_recruited, straw_recruits_declined, trips_unfunded, trips_blocked,
      networks_bankrupt, ammunition_flags;
  std::vector<std::size_t> cases_by_channel, case_share_by_channel;
  // Mexico and observation
  std::size_t mx_recoveries, arsenal_stock, traces, traces_us_sourced, us_sourced_share, traces_purchaser,
      purchaser_share, traces_state_known, ttc_sum_years, ttc_mean_years, ttc_over_3y_share, traced_handgun_share,
      traced_long_gun_share;
  std::vector<std::size_t> traces_by_state, trace_share_by_state, traces_by_class;
  // Economics
  std::size_t delivered_cost_sum, cost_per_gun, mexico_sales, mexico_price;
  // Violence
  std::size_t homicides, homicides_firearm, homicides_nonfirearm, firearm_homicide_share;
  std::vector<std::size_t> homicides_by_region, firearm_homicides_by_region;
  SupplyRows supply;
  // Lead triage, cases by size and the border search (metrics_enforcement.cpp)
  std::vector<std::size_t> leads_by_source, leads_investigated_by_source, arrests_by_source, cases_by_guns,
      border_seizures_by_crossing, shipped_by_staging;
  std::size_t arrests_network_gone, case_share_five_or_fewer_guns, us_port_seizures, border_vehicles_inspected,
      border_vehicles_found, us_seizure_share;
};
/// Bins of cases_by_guns: 0, 1, 2-5, 6-10, 11-50, 51+ guns attributed to a case (a
/// network's recent guns are rounded to whole guns before they are attributed).
inline constexpr std::int64_t kCaseSizeUpper[] = {0, 1, 5, 10, 50};
inline constexpr std::size_t kCaseSizeBins = std::size(kCaseSizeUpper) + 1;
inline std::size_t case_size_bin(double guns) { return count_bin(std::llround(guns), kCaseSizeUpper); }

/// One metric of the catalogue: every series of the layout belongs to exactly one entry
/// (make_layout throws std::logic_error otherwise), so no metric exists undescribed.
struct MetricInfo {
  const char* name;
  const char* kind;         ///< flow (per year), stock (year-end), share, money, mean
  const char* unit;         ///< guns, events, people, USD, years, share (0-1), …
  const char* key;          ///< what the `key` column holds ("total" for a single series)
  const char* description;  ///< exactly what is counted, and where in the model
  const char* reduction;    ///< how a replication's value is formed and replications reduced
};
/// The catalogue's entries for SupplyRows (metrics_supply.cpp).
const std::vector<MetricInfo>& supply_metric_catalogue();
void add_supply_rows(const World& world, MetricLayout& layout, SupplyRows& rows);
void finalize_supply_metrics(const SupplyRows& rows, Eigen::ArrayXXd& values);
/// Every metric, in output order.
const std::vector<MetricInfo>& metric_catalogue();
/// metrics.csv: name,kind,unit,key,description,reduction (RFC 4180 quoting).
std::string metric_catalogue_csv();
/// docs/metrics.md (generated by `gunflow metrics`; a test keeps the file in step).
std::string metric_catalogue_markdown();

/// Builds the layout (years from settings) and the rows of every series.
MetricLayout make_layout(const World& world, const Settings& settings, MetricRows& rows);

/// The lead-triage and border part of the catalogue, its rows and its ratios
/// (metrics_enforcement.cpp; make_layout, metric_catalogue and finalize_metrics use them).
const std::vector<MetricInfo>& triage_border_catalogue();
void add_triage_border_rows(const World& w, MetricLayout& layout, MetricRows& rows);
void finalize_triage_border(const MetricRows& rows, Eigen::ArrayXXd& values);

/// Turns year sums into ratios (shares, means) once a replication is done.
void finalize_metrics(const MetricRows& rows, Eigen::ArrayXXd& values);

}  // namespace gunflow
