#include "gunflow/model/tables.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "gunflow/model/demand.hpp"
#include "gunflow/model/networks.hpp"
#include "gunflow/model/prices.hpp"
#include "gunflow/model/world.hpp"

namespace gunflow {
namespace {
double lookup(const RealMap& m, std::string_view key) {
  const auto it = m.find(std::string(key));
  return it == m.end() ? 0.0 : it->second;
}
}  // namespace

double buying_market_size(const UsStateInfo& state) {
  // Straw buyers are recruited among residents, and need a dealer within reach, not
  // many: access saturates with dealer density (a dealer is within a 10-minute drive of
  // 88% of Americans) at a few dealers per 100,000 people (the US has about 18).
  if (state.population <= 0) return 0.0;
  const double per_100k = 1e5 * state.retail_dealers / state.population;
  return state.population * (1.0 - std::exp(-per_100k / kDealerAccessPer100k));
}

namespace {
/// [staging * n_regions + region] = demand share × exp(-km / 800), over great-circle
/// distances: where a new network based at that staging city sells (MODEL.md stage 3).
std::vector<double> destination_pull(const World& w, std::span<const double> share) {
  constexpr double kDestinationDecayKm = 800.0;
  const std::size_t n = w.regions.size();
  std::vector<double> pull(w.staging.size() * n);
  for (std::size_t c = 0; c < w.staging.size(); ++c)
    for (std::size_t r = 0; r < n; ++r)
      pull[c * n + r] =
          share[r] * std::exp(-distance_km(w.staging[c].lat, w.staging[c].lon, w.regions[r].lat, w.regions[r].lon) /
                              kDestinationDecayKm);
  return pull;
}
/// Each staging city's pull summed in index order (as categorical forms it).
std::vector<double> destination_totals(const World& w, const std::vector<double>& pull) {
  const std::size_t n = w.regions.size();
  std::vector<double> total(w.staging.size(), 0.0);
  for (std::size_t c = 0; c < w.staging.size(); ++c)
    for (std::size_t r = 0; r < n; ++r) total[c] += pull[c * n + r];
  return total;
}

/// Demand and destinations by calendar year: the 2010 split alone unless a table of
/// homicides by state and year is named; then every year gets its own split, and the
/// national homicide series is the named national table or, without one, the split
/// table's totals.
void yearly_demand(const World& w, const Settings& s, ModelTables& t) {
  t.homicides_national = DatedSeries{"data.mx_homicides_by_year", w.national_homicides_by_year(), false};
  const auto split_of = [&w](std::vector<double> share) {
    ModelTables::DemandSplit d{std::move(share), {}, {}};
    d.pull = destination_pull(w, d.share);
    d.pull_total = destination_totals(w, d.pull);
    return d;
  };
  if (w.homicides_by_state_year.empty()) {
    t.demand = {2010, {split_of(demand_shares(w, s))}};
    return;
  }
  // Each state's share of the years written, as a series read like a key given year by
  // year (linear between the years, held outside them).
  std::vector<DatedSeries> split(w.regions.size());
  for (const auto& [year, counts] : w.homicides_by_state_year) {
    double total = 0;
    for (double c : counts) total += c;
    for (std::size_t r = 0; r < counts.size(); ++r) split[r].points.emplace_back(year, counts[r] / total);
  }
  // Every year of the run (the warm-up included) and of the table; held outside.
  const Date first_day = s.simulation.first_day();
  t.demand.first = std::min(first_day.year(), w.homicides_by_state_year.front().first);
  const int last_year = std::max(s.simulation.end.year(), w.homicides_by_state_year.back().first);
  for (int year = t.demand.first; year <= last_year; ++year) {
    std::vector<double> share(w.regions.size());
    for (std::size_t r = 0; r < w.regions.size(); ++r)
      share[r] = w.regions[r].onward ? s.demand.onward_share : (1.0 - s.demand.onward_share) * split[r].at(year);
    t.demand.values.push_back(split_of(std::move(share)));
  }
}

/// Demand's class mix and the recovery factors by class, by year: demand.class_mix and 1
/// in every year, or, with a table of conflict homicides, moved by each year's conflict
/// share against 2010's (conflict_demand.hpp). The years run from the earliest of the
/// run's first day and the two series' first years to the latest of its end and their
/// last years (held outside, as the series themselves are). Needs t.homicides_national
/// (yearly_demand).
void yearly_class_mix(const World& w, const Settings& s, ModelTables& t) {
  ClassMix mix{}, ratio{}, recovery_ratio{};
  double total = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    total += mix[c] = lookup(s.demand.class_mix, kClassNames[c]);
    ratio[c] = lookup(s.demand.conflict_class_ratio, kClassNames[c]);
    recovery_ratio[c] = lookup(s.mexico.conflict_recovery_ratio, kClassNames[c]);
  }
  for (double& x : mix) x /= total;
  if (w.conflict_homicides_by_year.empty()) {
    t.class_mix = {2010, {mix}};
    ClassMix same{};
    same.fill(1.0);
    t.recovery_factor = {2010, {same}};
    return;
  }
  const DatedSeries conflict{"data.mx_conflict_homicides_by_year", w.conflict_homicides_by_year, false};
  const double national_2010 = w.homicides_2010();  // without a yearly table, every year's count is 2010's
  const auto share = [&](int year) {
    const double national = t.homicides_national.points.empty() ? national_2010 : t.homicides_national.at(year);
    return national > 0 ? conflict.at(year) / national : 0.0;
  };
  int first = std::min(s.simulation.first_day().year(), conflict.points.front().first);
  int last = std::max(s.simulation.end.year(), conflict.points.back().first);
  if (!t.homicides_national.points.empty()) {
    first = std::min(first, t.homicides_national.points.front().first);
    last = std::max(last, t.homicides_national.points.back().first);
  }
  const double share_2010 = share(2010);
  t.class_mix.first = t.recovery_factor.first = first;
  for (int year = first; year <= last; ++year) {
    t.class_mix.values.push_back(conflict_class_mix(mix, ratio, share_2010, share(year)));
    t.recovery_factor.values.push_back(conflict_recovery_factor(recovery_ratio, share_2010, share(year)));
  }
}
}  // namespace

ModelTables make_tables(const World& w, const Settings& s) {
  ModelTables t;
  for (std::size_t c = 0; c < t.channel_preference.size(); ++c) {
    t.channel_preference[c] = lookup(s.channels.preference, kChannelNames[c]);
    t.channel_extra_cost[c] = lookup(s.channels.extra_cost, kChannelNames[c]);
  }
  t.home_weight = home_state_weights(w, s);
  for (double x : t.home_weight) t.home_weight_total += x;
  t.initial_source_weight =
      s.mexico.initial_source_states.empty() ? t.home_weight : state_weights(w, s.mexico.initial_source_states);
  t.buying_market.resize(w.states.size());
  for (std::size_t i = 0; i < w.states.size(); ++i) t.buying_market[i] = buying_market_size(w.states[i]);
  t.n_states = w.states.size();
  t.n_regions = w.regions.size();
  // Distance decay of the out-of-state choice (MODEL.md stage 3), over great-circle distances.
  constexpr double kOutOfStateDecayKm = 600.0;
  t.state_proximity.resize(t.n_states * t.n_states);
  for (std::size_t a = 0; a < t.n_states; ++a)
    for (std::size_t b = 0; b < t.n_states; ++b)
      t.state_proximity[a * t.n_states + b] = std::exp(
          -distance_km(w.states[a].lat, w.states[a].lon, w.states[b].lat, w.states[b].lon) / kOutOfStateDecayKm);
  t.feed_km.resize(t.n_states * w.staging.size());
  for (std::size_t a = 0; a < t.n_states; ++a)
    for (std::size_t c = 0; c < w.staging.size(); ++c)
      t.feed_km[a * w.staging.size() + c] =
          kRoadFactor * distance_km(w.states[a].lat, w.states[a].lon, w.staging[c].lat, w.staging[c].lon);
  t.supply_km = shortest_supply_km(w.drive_legs, w.inland_km, w.regions.size());
  t.pricing = pricing_rule(s.traffickers.pricing);
  for (std::size_t c = 0; c < kNumClasses; ++c)
    t.market_price[c] = lookup(s.traffickers.market_price_usd, kClassNames[c]);
  yearly_demand(w, s, t);
  yearly_class_mix(w, s, t);
  t.risk_forget.resize(kDecayTableDays);
  t.recent_fade.resize(kDecayTableDays);
  for (int d = 0; d < kDecayTableDays; ++d) {
    t.risk_forget[static_cast<std::size_t>(d)] = std::exp(-d / s.traffickers.risk_memory_days);
    t.recent_fade[static_cast<std::size_t>(d)] = std::exp(-d / kRecentGunsDays);
  }
  t.trip_wait = RoundedExponential(s.traffickers.mean_days_between_buys);
  t.market = make_market_tables(w, s);
  // To the end of the run, and at least through 2010: the year of the homicide baseline
  // that violence is scaled to unless a yearly table is given (mexico.cpp).
  const Date first_day = s.simulation.first_day();
  // Each year's arrivals weigh what its class mix weighs (violence.class_weight).
  ByYear<double> inflow_weight{t.class_mix.first, {}};
  for (const ClassMix& mix : t.class_mix.values)
    inflow_weight.values.push_back(initial_class_weight(mix, s.mexico.initial_us_share, t.market.class_weight));
  t.stock_path = StockPath(s, first_day, std::max(s.simulation.end, Date::from_ymd(2011, 1, 1)), inflow_weight);
  return t;
}

}  // namespace gunflow
