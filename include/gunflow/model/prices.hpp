#pragma once
// What guns cost a network in the US and what they sell for in Mexico (MODEL.md stage 2;
// docs/ODD.md §7.7). traffickers.pricing (pricing_rule.hpp) says what sets a load's price:
// - cost_plus: the load's own delivered cost × markup (border.cpp), so a network's
//   margin grows with its own costs, and entry and exit by profit drift towards long
//   hauls (ODD §9).
// - cheapest_supplier: each gun at its region's price, set by the cheapest way to supply
//   it in volume: markup × (the elastic channel's unit cost + transport over the shortest
//   drive from any staging city into the region). A longer haul or a dearer channel earns
//   less, and a cost a policy adds to one network comes out of its margin; but a cost
//   added to the elastic channel everywhere (the straw fee) raises every price with it.
// - market: each gun at its region's price set by its buyers, an input by class plus a
//   price per km of the same shortest drive. No US-side cost moves it, so every cost comes
//   out of margins. At the default costs and prices it equals cheapest_supplier's, bit for bit.
#include <cstddef>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/model/pricing_rule.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

struct DriveLeg;

/// What a network pays per gun: retail price, channel premium, straw buyer's fee.
double unit_cost(const StepContext& ctx, FirearmClass cls, Channel ch);

/// What a gun of `cls` delivered to `region` sells for under the two region prices:
/// cheapest_supplier, traffickers.markup × (its cost through the elastic channel — a straw
/// buyer, or the mail for kits — + traffickers.transport_cost_per_km × the region's
/// shortest supply route, ModelTables::supply_km); market, traffickers.market_price_usd[cls]
/// + traffickers.market_price_per_km × the same route.
double mexico_price(const StepContext& ctx, FirearmClass cls, std::size_t region);

/// By region: road km of the shortest drive from any staging city across any crossing
/// into it (infinity where none reaches); `legs` by staging city, `inland_km` by
/// [crossing][region].
std::vector<double> shortest_supply_km(const std::vector<std::vector<DriveLeg>>& legs,
                                       const std::vector<std::vector<double>>& inland_km, std::size_t regions);

}  // namespace gunflow
