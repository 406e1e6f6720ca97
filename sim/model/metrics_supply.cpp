// The metric catalogue's entries for the secondary markets, dealers' sales and
// class-aware violence, and their rows (metrics.cpp joins them to the rest).
#include <string>

#include "gunflow/model/metrics.hpp"
#include "metric_reductions.hpp"

namespace gunflow {
namespace {
using metric_text::kRatio;
using metric_text::kSum;
using metric_text::kYearEnd;

constexpr const char* kSizeKey = "guns bought in the visit: 1, 2, 3, 4-5, 6-9, 10+";
constexpr const char* kStateClassKey = "US state code.firearm class, e.g. TX.ar_rifle";
constexpr const char* kRegionClassKey = "Mexican state code.firearm class, e.g. JAL.handgun";
constexpr const char* kSupplyClassKey = "firearm class: handgun, ar_rifle, ak_rifle, bmg50, other_long, kit";
constexpr std::string_view kDealerTypeNames[3] = {"compliant", "negligent", "corrupt"};  // DealerType order
constexpr std::string_view kSizeNames[kPurchaseSizeBins] = {"1", "2", "3", "4-5", "6-9", "10+"};
constexpr std::string_view kScaleNames[kNetworkScaleBins] = {"up_to_half", "half_to_1", "1_to_2", "2_to_5", "over_5"};
constexpr const char* kScaleKey =
    "network scale against the mean network's: up_to_half, half_to_1, 1_to_2, 2_to_5, over_5";

const std::vector<MetricInfo> kSupplyCatalogue = {
    {"straw_purchases_by_size", "flow", "events", kSizeKey,
     "Straw purchases at licensed dealers (one buyer's visit) by the number of guns bought: sizes are drawn (1 + "
     "geometric, market.mean_guns_per_purchase), cut to what the network wants, for a class a multiple-sale "
     "reporting rule covers there to traffickers.max_guns_per_reported_purchase, and, once the network has learned "
     "to split purchases, to below the rule's threshold.",
     kSum},
    {"straw_purchases_by_class_size", "flow", "events",
     "firearm class.guns bought in the visit, e.g. ar_rifle.10+ (sizes as straw_purchases_by_size)",
     "straw_purchases_by_size by the class bought: what a reporting rule does to the size of the visits it covers "
     "(ATF saw purchases of ten rifles or more less often after the 2011 rifle rule).",
     kSum},
    {"multiple_sale_reports_by_state_class", "flow", "reports", kStateClassKey,
     "multiple_sale_reports by the state of the sale and the class of the purchase that completed the report.", kSum},
    {"multiple_rifle_reports", "flow", "reports", "total",
     "Multiple-sale reports completed by a rifle purchase (the reporting policy's reports).", kSum},
    {"rifles_in_reports", "flow", "guns", "total",
     "Rifles counted by the multiple_rifle_reports: the buyer's reportable rifles in the window.", kSum},
    {"rifles_per_report", "mean", "guns per report", "total", "rifles_in_reports / multiple_rifle_reports.", kRatio},
    {"traces_by_source_state_class", "flow", "traces", kStateClassKey,
     "traces_source_state_known by the state of first retail sale and the class of the gun.", kSum},
    {"time_to_crime_sum_years_by_class", "flow", "years", kSupplyClassKey,
     "time_to_crime_sum_years by the class of the traced gun (the numerator of time_to_crime_mean_years_by_class).",
     kSum},
    {"time_to_crime_mean_years_by_class", "mean", "years", kSupplyClassKey,
     "time_to_crime_sum_years_by_class / traces_by_source_state_class summed over states: how old the year's traced "
     "guns of each class are (grandfathered guns under a ban are older; a cohort released by a ban's end younger).",
     kRatio},
    {"trace_share_top1pct_dealers", "share", "share (0-1)", "total",
     "Share of the year's traces naming a dealer that name the 1% of dealers (of all dealers in the US) with the "
     "most such traces (ATF, 1998: 1.2% of dealers had 57% of US crime-gun traces).",
     kYearEnd},
    {"trace_share_top3pct_dealers", "share", "share (0-1)", "total", "The same for the top 3% of dealers.", kYearEnd},
    {"trace_dealer_gini", "share", "share (0-1)", "total",
     "Gini coefficient of the year's traces over all dealers (0: even; near 1: a few dealers have them all).",
     kYearEnd},
    {"recoveries_by_region_class", "flow", "guns", kRegionClassKey,
     "mx_recoveries by Mexican state and class of the recovered gun.", kSum},
    {"guns_trafficked_imported_by_class", "flow", "guns", kSupplyClassKey,
     "guns_trafficked that are models made abroad and imported into the US (the import ban's target).", kSum},
    {"private_stock_by_class", "stock", "guns", kSupplyClassKey,
     "US privately held guns within reach of resale or theft (all states), at year end: the secondary market that "
     "unlicensed sellers and thieves draw on.",
     kYearEnd},
    {"trips_no_seller", "flow", "events", "total",
     "Acquisition trips whose search for a second-hand seller found none: the share of the private stock's "
     "reference level that is gone (a ban draining the grandfathered stock, heavy buying), or a market thinner than "
     "2010's (fewer sales in the years before), is a failed search, and so is a stock with no whole gun left.",
     kSum},
    {"orders_dropped", "flow", "guns", kSupplyClassKey,
     "Guns ordered that a network stopped seeking: a trip for the ordered class found it closed by law on every "
     "channel or found no second-hand seller while no state sold it new (a federal ban), and the buyers waiting for "
     "that class were told no (unmet demand; the arsenal pressure of demand.arsenal_feedback re-orders what the "
     "stock then lacks). 0 where every class is sold new somewhere, as at the baseline.",
     kSum},
    {"armed_stock_weighted", "stock", "guns", "total",
     "Guns held by criminal groups in Mexico weighted by violence.class_weight, at year end: what firearm homicides "
     "follow.",
     kYearEnd},
    {"networks_entered", "flow", "networks", "total",
     "Would-be networks that entered: an empty slot of the pool whose expected profit at its destination (the "
     "networks there, sharing with one more) was above traffickers.fixed_cost_per_year.",
     kSum},
    {"networks_exited", "flow", "networks", "total",
     "Networks that left because they earned less than traffickers.fixed_cost_per_year a year (after a year's "
     "probation, when they sold a load); not counting those dismantled or bankrupt.",
     kSum},
    {"networks_active", "stock", "networks", "total", "Networks in business at year end.", kYearEnd},
    {"networks_active_by_scale", "stock", "networks", kScaleKey,
     "networks_active by the network's scale (traffickers.size_dispersion; a scale of 1 is the mean network's, "
     "docs/ODD.md section 7.23). Cases fall on the large networks, so the active networks' mean scale is below 1.",
     kYearEnd},
    {"guns_trafficked_by_network_scale", "flow", "guns", kScaleKey,
     "guns_trafficked by the scale of the network that bought them: how much of the trade the large rings carry, "
     "and which of them a policy reaches. Sums to guns_trafficked.",
     kSum},
    {"dealers_open_by_type", "stock", "dealers", "dealer type: compliant, negligent, corrupt",
     "Licensed dealers with an open licence at year end, by compliance type: inspections revoke corrupt dealers and "
     "reform negligent ones, and other dealers take their places after dealers.renewal_days on average.",
     kYearEnd},
};

template <class Names>
std::vector<std::size_t> rows_for(MetricLayout& layout, const std::string& metric, const Names& names) {
  std::vector<std::size_t> rows;
  for (const auto& n : names) rows.push_back(layout.add(metric, std::string(n)));
  return rows;
}
/// One row per (outer, inner) pair, keyed "outer.inner", outer-major: row outer * |inner| + inner.
template <class Outer, class Inner>
std::vector<std::size_t> product_rows(MetricLayout& layout, const std::string& metric, const Outer& outer,
                                      const Inner& inner) {
  std::vector<std::size_t> rows;
  for (const auto& o : outer)
    for (const auto& i : inner) rows.push_back(layout.add(metric, std::string(o) + "." + std::string(i)));
  return rows;
}
template <class Places>
std::vector<std::size_t> place_class_rows(MetricLayout& layout, const std::string& metric, const Places& places) {
  std::vector<std::string> codes;
  for (const auto& p : places) codes.push_back(p.code);
  return product_rows(layout, metric, codes, kClassNames);
}
}  // namespace

const std::vector<MetricInfo>& supply_metric_catalogue() { return kSupplyCatalogue; }

void add_supply_rows(const World& w, MetricLayout& L, SupplyRows& m) {
  m.purchases_by_size = rows_for(L, "straw_purchases_by_size", kSizeNames);
  m.purchases_by_class_size = product_rows(L, "straw_purchases_by_class_size", kClassNames, kSizeNames);
  m.reports_by_state_class = place_class_rows(L, "multiple_sale_reports_by_state_class", w.states);
  m.rifle_reports = L.add("multiple_rifle_reports");
  m.rifles_in_reports = L.add("rifles_in_reports");
  m.rifles_per_report = L.add("rifles_per_report");
  m.traces_by_state_class = place_class_rows(L, "traces_by_source_state_class", w.states);
  m.ttc_sum_years_by_class = rows_for(L, "time_to_crime_sum_years_by_class", kClassNames);
  m.ttc_mean_years_by_class = rows_for(L, "time_to_crime_mean_years_by_class", kClassNames);
  m.trace_top1_share = L.add("trace_share_top1pct_dealers");
  m.trace_top3_share = L.add("trace_share_top3pct_dealers");
  m.trace_gini = L.add("trace_dealer_gini");
  m.recoveries_by_region_class = place_class_rows(L, "recoveries_by_region_class", w.regions);
  m.trafficked_imported_by_class = rows_for(L, "guns_trafficked_imported_by_class", kClassNames);
  m.private_stock_by_class = rows_for(L, "private_stock_by_class", kClassNames);
  m.trips_no_seller = L.add("trips_no_seller");
  m.orders_dropped = rows_for(L, "orders_dropped", kClassNames);
  m.armed_stock_weighted = L.add("armed_stock_weighted");
  m.networks_entered = L.add("networks_entered");
  m.networks_exited = L.add("networks_exited");
  m.networks_active = L.add("networks_active");
  m.networks_active_by_scale = rows_for(L, "networks_active_by_scale", kScaleNames);
  m.trafficked_by_network_scale = rows_for(L, "guns_trafficked_by_network_scale", kScaleNames);
  m.dealers_by_type = rows_for(L, "dealers_open_by_type", kDealerTypeNames);
}

void finalize_supply_metrics(const SupplyRows& m, Eigen::ArrayXXd& v) {
  const auto at = [](std::size_t row) { return static_cast<Eigen::Index>(row); };
  for (Eigen::Index y = 0; y < v.cols(); ++y) {
    const double reports = v(at(m.rifle_reports), y);
    v(at(m.rifles_per_report), y) = reports > 0 ? v(at(m.rifles_in_reports), y) / reports : 0.0;
    for (std::size_t c = 0; c < m.ttc_mean_years_by_class.size(); ++c) {
      double traced = 0;  // the class's traces with a known source state, over every state
      for (std::size_t k = c; k < m.traces_by_state_class.size(); k += kNumClasses)
        traced += v(at(m.traces_by_state_class[k]), y);
      v(at(m.ttc_mean_years_by_class[c]), y) = traced > 0 ? v(at(m.ttc_sum_years_by_class[c]), y) / traced : 0.0;
    }
  }
}

}  // namespace gunflow
