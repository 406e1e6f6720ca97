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
//   price per km of the same shortest drive, of which buyers pay a chosen part of a change
//   in the cost of supplying it (traffickers.market_pass_through; 0 by default: no US-side
//   cost moves it, and every cost comes out of margins). Orders can fall with what buyers
//   pay (demand.price_elasticity, demand.cpp). At the default costs and prices it equals
//   cheapest_supplier's, bit for bit.
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

/// The market rule's price of a gun of `cls` in `region`: market_price_usd[cls] +
/// market_price_per_km × the region's shortest supply route, + `pass_through` × (today's
/// cost of supplying it there in volume − the cost that price implies, price / markup),
/// never below 0. With pass_through 0 the prices are fixed; with markup, they are
/// cheapest_supplier's.
double market_price(const StepContext& ctx, FirearmClass cls, std::size_t region, double pass_through);

/// Under the market rule: the year's class mix of orders priced in `region` at today's
/// prices over the same mix at the fixed prices (pass-through 0); 1 when nothing is passed on.
double market_price_index(const StepContext& ctx, std::size_t region);

/// By region: road km of the shortest drive from any staging city across any crossing
/// into it (infinity where none reaches); `legs` by staging city, `inland_km` by
/// [crossing][region].
std::vector<double> shortest_supply_km(const std::vector<std::vector<DriveLeg>>& legs,
                                       const std::vector<std::vector<double>>& inland_km, std::size_t regions);

}  // namespace gunflow
