#include "gunflow/model/prices.hpp"

#include <algorithm>
#include <limits>

#include "gunflow/model/network.hpp"
#include "gunflow/model/world.hpp"

namespace gunflow {

double unit_cost(const StepContext& ctx, FirearmClass cls, Channel ch) {
  double unit = kUsRetailPrice[index_of(cls)];
  if (ch != Channel::kKit) unit += ctx.world.tables.channel_extra_cost[index_of(ch)];
  if (ch == Channel::kStraw) unit += ctx.settings.traffickers.straw_fee;
  return unit;
}

double mexico_price(const StepContext& ctx, FirearmClass cls, std::size_t region) {
  const TraffickerSettings& tr = ctx.settings.traffickers;
  // A region no staging city reaches is never a network's destination (its routes are
  // empty and no load ships there); priced as if supplied from the border.
  const double km = ctx.world.tables.supply_km[region];
  const bool reached = km < std::numeric_limits<double>::infinity();
  if (ctx.world.tables.pricing == Pricing::kMarket)
    return ctx.world.tables.market_price[index_of(cls)] + (reached ? tr.market_price_per_km * km : 0.0);
  const double transport = reached ? tr.transport_cost_per_km * km : 0.0;
  // The elastic channel sets the price: kits by mail for kits, straw purchases for the
  // rest. Thefts, private sales and corrupt dealers are limited in volume, and the
  // networks that reach them keep what they save (or pay what they add).
  const Channel marginal = cls == FirearmClass::kKit ? Channel::kKit : Channel::kStraw;
  return tr.markup * (unit_cost(ctx, cls, marginal) + transport);
}

Pricing pricing_rule(std::string_view name) {
  if (name == "cheapest_supplier") return Pricing::kCheapestSupplier;
  if (name == "market") return Pricing::kMarket;
  return Pricing::kCostPlus;
}

std::vector<double> shortest_supply_km(const std::vector<std::vector<DriveLeg>>& legs,
                                       const std::vector<std::vector<double>>& inland_km, std::size_t regions) {
  std::vector<double> km(regions, std::numeric_limits<double>::infinity());
  for (const std::vector<DriveLeg>& staging : legs)
    for (const DriveLeg& leg : staging)
      for (std::size_t r = 0; r < regions; ++r)
        km[r] = std::min(km[r], leg.km + inland_km[static_cast<std::size_t>(leg.crossing)][r]);
  return km;
}

}  // namespace gunflow
