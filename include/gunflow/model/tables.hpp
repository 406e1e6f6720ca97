#pragma once
// Numbers the daily step needs again and again, resolved once per scenario from the
// settings' maps and the reference tables: shares as arrays, distance decays as matrices.
// (Profiling showed string-keyed map look-ups and trigonometry from repeated
// great-circle distances taking a third of a replication's time.)
#include <array>
#include <span>
#include <vector>

#include "gunflow/core/by_year.hpp"
#include "gunflow/core/catalog.hpp"
#include "gunflow/model/conflict_demand.hpp"
#include "gunflow/model/pricing_rule.hpp"
#include "gunflow/model/reference_stock.hpp"
#include "gunflow/model/secondary_market.hpp"
#include "gunflow/rng/rounded_exponential.hpp"
#include "gunflow/scenario/dated_series.hpp"

namespace gunflow {

struct World;
struct UsStateInfo;
struct Settings;

/// A case proves roughly the guns of the last 90 days (the span of an investigation).
inline constexpr double kRecentGunsDays = 90.0;
inline constexpr int kDecayTableDays = 1024;

struct ModelTables {
  /// The class mix of orders by calendar year (held before and after; normalised):
  /// demand.class_mix, moved year by year by the conflict share of homicides when
  /// data.mx_conflict_homicides_by_year is named (conflict_demand.hpp); one entry without it.
  ByYear<ClassMix> class_mix;
  /// By calendar year and class, the recovery rate over the calibrated one (held before
  /// and after): 1 for every class, one entry, unless data.mx_conflict_homicides_by_year
  /// moves it by the conflict share of homicides (conflict_demand.hpp).
  ByYear<ClassMix> recovery_factor;
  std::array<double, 4> channel_preference{};  ///< channels.preference by retail channel
  std::array<double, 4> channel_extra_cost{};  ///< channels.extra_cost by retail channel
  std::vector<double> home_weight;             ///< by US state (home_state_weights)
  double home_weight_total = 0;                ///< their sum in index order (as categorical forms it)
  /// By US state: where the initial stock's US guns were first sold
  /// (mexico.initial_source_states; the home weights if it is empty).
  std::vector<double> initial_source_weight;
  /// By US state: how much an out-of-state trip is drawn there before law and distance,
  /// population × dealer access (buying_market_size).
  std::vector<double> buying_market;
  /// [a * n_states + b] = exp(-km / 600): how strongly state b draws out-of-state
  /// trips from networks based in a (per trip this was 50 exp calls and an allocation).
  std::vector<double> state_proximity;
  /// [home * n_staging + city]: road km from a US state's centre to a staging city (the
  /// feed leg a new network based there would drive; staging_weights).
  std::vector<double> feed_km;
  /// By region: road km of the shortest supply route into it, from any staging city
  /// across any crossing (shortest_supply_km): what prices a delivered gun there.
  std::vector<double> supply_km;
  /// traffickers.pricing (model/prices.hpp): under the two region prices loads sell at
  /// mexico_price, not at their cost × markup.
  Pricing pricing = Pricing::kCostPlus;
  /// By class: traffickers.market_price_usd (the market rule's price at the border).
  std::array<double, kNumClasses> market_price{};
  /// One year's split of demand: shares by region (demand_shares for 2010), and where a
  /// new network based at a staging city sells, pull[staging * n_regions + region] =
  /// share × exp(-km / 800), with each staging city's pull summed in index order.
  struct DemandSplit {
    std::vector<double> share, pull, pull_total;
  };
  /// By calendar year (held before and after; yearly_demand): one entry, the 2010 split,
  /// unless data.mx_homicides_by_state_year splits the years differently.
  ByYear<DemandSplit> demand;
  /// National homicides by year, linear between the years written and held outside them
  /// (as a key given year by year): data.mx_homicides_by_year, or the totals of
  /// data.mx_homicides_by_state_year; no points without either (the 2010 counts).
  DatedSeries homicides_national;
  /// By whole days d < kDecayTableDays: exp(-d / traffickers.risk_memory_days) and
  /// exp(-d / kRecentGunsDays), the decays of a network's memories between two of its
  /// acts (two exp calls per trip otherwise). Longer gaps are computed directly.
  std::vector<double> risk_forget, recent_fade;
  /// A network's wait to its next trip before the floor of one day: the exponential with
  /// mean traffickers.mean_days_between_buys rounded to days, by table (no log per trip).
  RoundedExponential trip_wait;
  MarketTables market;  ///< secondary markets, dealers' sales and class weights (secondary_market.hpp)
  /// The national stock as the model's flows give it, from the spin-up to the end of the
  /// run (reference_stock.hpp): the initial stock and violence's reference.
  StockPath stock_path;

  [[nodiscard]] std::span<const double> proximity_from(int home) const {
    return {state_proximity.data() + static_cast<std::size_t>(home) * n_states, n_states};
  }
  [[nodiscard]] std::span<const double> demand_share_in(int year) const { return demand.at(year).share; }
  [[nodiscard]] const ClassMix& class_mix_in(int year) const { return class_mix.at(year); }
  [[nodiscard]] std::span<const double> destinations_from(int staging, int year) const {
    return {demand.at(year).pull.data() + static_cast<std::size_t>(staging) * n_regions, n_regions};
  }
  [[nodiscard]] double destination_total_from(int staging, int year) const {
    return demand.at(year).pull_total[static_cast<std::size_t>(staging)];
  }
  std::size_t n_states = 0, n_regions = 0;
};

/// Dealers per 100,000 residents at which dealer access reaches 1 − 1/e.
inline constexpr double kDealerAccessPer100k = 5.0;
/// An out-of-state trip's pull toward a state before law and distance: residents ×
/// (1 − exp(−dealers per 100k / kDealerAccessPer100k)), so dealer-dense, thinly
/// populated states draw by their people, not by their dealers.
double buying_market_size(const UsStateInfo& state);
ModelTables make_tables(const World& world, const Settings& settings);

}  // namespace gunflow
