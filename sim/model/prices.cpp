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

namespace {
/// What supplying a gun of `cls` in volume costs: through a straw buyer, or by mail for
/// kits (the elastic channels; thefts, private sales and corrupt dealers are limited in
/// volume, and the networks that reach them keep what they save or pay what they add).
double elastic_unit_cost(const StepContext& ctx, FirearmClass cls) {
  return unit_cost(ctx, cls, cls == FirearmClass::kKit ? Channel::kKit : Channel::kStraw);
}

/// Road km of the region's shortest supply route, 0 where no staging city reaches it: such
/// a region is never a network's destination (its routes are empty and no load ships
/// there), and is priced as if supplied from the border.
double haul_km(const StepContext& ctx, std::size_t region) {
  const double km = ctx.world.tables.supply_km[region];
  return km < std::numeric_limits<double>::infinity() ? km : 0.0;
}
}  // namespace

double market_price(const StepContext& ctx, FirearmClass cls, std::size_t region, double pass_through) {
  const TraffickerSettings& tr = ctx.settings.traffickers;
  const double km = haul_km(ctx, region);
  const double price = ctx.world.tables.market_price[index_of(cls)] + tr.market_price_per_km * km;
  if (pass_through == 0) return price;
  // The buyers' price implies a supply cost (price / markup); they pay `pass_through` of
  // the difference today's costs make.
  const double cost = elastic_unit_cost(ctx, cls) + tr.transport_cost_per_km * km;
  return std::max(0.0, price + pass_through * (cost - price / tr.markup));
}

double mexico_price(const StepContext& ctx, FirearmClass cls, std::size_t region) {
  const TraffickerSettings& tr = ctx.settings.traffickers;
  if (ctx.world.tables.pricing == Pricing::kMarket) return market_price(ctx, cls, region, tr.market_pass_through);
  return tr.markup * (elastic_unit_cost(ctx, cls) + tr.transport_cost_per_km * haul_km(ctx, region));
}

double market_price_index(const StepContext& ctx, std::size_t region) {
  const TraffickerSettings& tr = ctx.settings.traffickers;
  const ClassMix& mix = ctx.world.tables.class_mix_in(ctx.year);
  double paid = 0, base = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    const auto cls = static_cast<FirearmClass>(c);
    paid += mix[c] * market_price(ctx, cls, region, tr.market_pass_through);
    base += mix[c] * market_price(ctx, cls, region, 0.0);
  }
  return base > 0 ? paid / base : 1.0;
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
