#include "gunflow/model/network_entry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gunflow {
namespace {
/// `weighted` (as of `day`) carried forward to `today`.
double decayed(double weighted, std::int32_t day, std::int32_t today) {
  return today == day ? weighted : weighted * std::exp(-(today - day) / kProfitMemoryDays);
}

/// A profit flow of f a year for ever gives remembered profits f × memory / 365.
constexpr double kPerYear = 365.0 / kProfitMemoryDays;
}  // namespace

void init_network_economy(const StepContext& ctx, ReplicationState& st) {
  const double neutral = ctx.settings.traffickers.fixed_cost_per_year / kPerYear;
  st.region_profit.assign(st.serving_networks.size(), 0.0);
  st.region_profit_day.assign(st.serving_networks.size(), ctx.day());
  for (std::size_t r = 0; r < st.region_profit.size(); ++r) st.region_profit[r] = neutral * st.serving_scale_of(r);
}

void record_profit(const StepContext& ctx, ReplicationState& st, std::size_t t, double profit) {
  TraffickerState& net = st.networks[t];
  const std::int32_t today = ctx.day();
  net.profit_weighted = decayed(net.profit_weighted, net.profit_day, today) + profit;
  net.profit_day = today;
  const auto r = static_cast<std::size_t>(net.region);
  st.region_profit[r] = decayed(st.region_profit[r], st.region_profit_day[r], today) + profit;
  st.region_profit_day[r] = today;
}

double annual_profit(const StepContext& ctx, const TraffickerState& net) {
  const std::int32_t today = ctx.day();
  const int age = today - net.started_day;
  if (age <= 0) return 0.0;
  // Weights of the days it has existed: memory × (1 − e^(−age/memory)) of a year's 365.
  const double seen = 1.0 - std::exp(-age / kProfitMemoryDays);
  return decayed(net.profit_weighted, net.profit_day, today) * kPerYear / seen;
}

bool leaves_market(const StepContext& ctx, const TraffickerState& net) {
  if (ctx.day() - net.started_day < static_cast<int>(kProfitMemoryDays)) return false;  // probation
  return annual_profit(ctx, net) < ctx.settings.traffickers.fixed_cost_per_year * net.scale();
}

double entrant_profit(const StepContext& ctx, const ReplicationState& st, std::size_t region) {
  const std::int32_t today = ctx.day();
  if (st.serving_networks[region] > 0)
    return decayed(st.region_profit[region], st.region_profit_day[region], today) * kPerYear /
           (st.serving_scale_of(region) + 1);
  // Nobody serves it: what networks earn elsewhere, on average.
  double profit = 0, networks = 0;
  for (std::size_t r = 0; r < st.region_profit.size(); ++r) {
    profit += decayed(st.region_profit[r], st.region_profit_day[r], today);
    networks += st.serving_scale_of(r);
  }
  return networks > 0 ? profit * kPerYear / networks : std::numeric_limits<double>::infinity();
}

bool entry_may_pay(const StepContext& ctx, const ReplicationState& st) {
  // Remembered profits only shrink towards zero as they age, so max(weighted, 0) bounds
  // what any later day makes of them.
  const double fixed = ctx.settings.traffickers.fixed_cost_per_year;
  double profit = 0, networks = 0;
  bool unserved = false;
  for (std::size_t r = 0; r < st.region_profit.size(); ++r) {
    const double bound = std::max(st.region_profit[r], 0.0);
    profit += bound;
    networks += st.serving_scale_of(r);
    unserved = unserved || st.serving_networks[r] == 0;
    if (st.serving_networks[r] > 0 && bound * kPerYear / (st.serving_scale_of(r) + 1) > fixed) return true;
  }
  return unserved && (networks == 0 || profit * kPerYear / networks > fixed);
}

}  // namespace gunflow
