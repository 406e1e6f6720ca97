#include "gunflow/model/demand.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/core/power.hpp"
#include "gunflow/model/prices.hpp"
#include "gunflow/model/reference_stock.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {

std::vector<double> demand_shares(const World& w, const Settings& s) {
  std::vector<double> share(w.regions.size(), 0.0);
  const double total = w.homicides_2010();
  for (std::size_t i = 0; i < w.regions.size(); ++i)
    share[i] =
        w.regions[i].onward ? s.demand.onward_share : (1.0 - s.demand.onward_share) * w.regions[i].homicides[0] / total;
  return share;
}

void accrue_daily_orders(const StepContext& ctx, ReplicationState& st) {
  const Settings& s = ctx.settings;
  const std::span<const double> share = ctx.world.tables.demand_share_in(ctx.year);
  // The stock groups aim for is the calendar path's (reference_stock.hpp), not one that
  // starts with the run: a run started earlier aims for the same stock in a given year.
  const double target = reference_stock(s, ctx.date) / (1.0 - s.demand.onward_share);
  // Under market prices buyers may pay part of a change in the trade's costs; orders fall
  // with what they pay (the other rules' prices are no reading of what buyers face).
  const bool price_responsive = s.demand.price_elasticity != 0 && ctx.world.tables.pricing == Pricing::kMarket &&
                                s.traffickers.market_pass_through != 0;
  for (std::size_t r = 0; r < share.size(); ++r) {
    if (st.serving_networks[r] == 0) continue;
    // Orders per unit of scale: a network takes its scale's share (networks.cpp).
    const double serving = st.serving_scale_of(r);
    double pressure = 1.0;
    const double stock = static_cast<double>(st.arsenals[r].total());
    if (!ctx.world.regions[r].onward && target > 0 && stock > 0)
      pressure = std::clamp(power(target * share[r] / stock, s.demand.arsenal_feedback), 0.0, 3.0);
    if (price_responsive) pressure *= power(market_price_index(ctx, r), -s.demand.price_elasticity);
    st.cumulative_orders[r] += s.demand.guns_per_year * s.demand.relative_level * share[r] * pressure / 365.0 / serving;
  }
}

std::size_t choose_destination(const StepContext& ctx, int staging, Rng& rng) {
  const ModelTables& t = ctx.world.tables;
  const int year = ctx.year;
  return categorical(rng, t.destinations_from(staging, year), t.destination_total_from(staging, year));
}

}  // namespace gunflow
