#pragma once
// Demand of Mexican criminal groups (MODEL.md stage 1): orders by region grow with
// conflict intensity (INEGI homicides) and fall as arsenals exceed the level groups
// aim for.
#include <vector>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Share of orders by region (sums to 1): Mexican states by 2010 homicides, times
/// (1 - onward_share); the onward node gets onward_share.
std::vector<double> demand_shares(const World& world, const Settings& settings);
/// Adds today's orders per serving network to each region's running total
/// (networks collect their share lazily when they next act; see settle_network).
void accrue_daily_orders(const StepContext& ctx, ReplicationState& st);
/// Destination of a new network based at `staging`: demand share × exp(-km/800).
std::size_t choose_destination(const StepContext& ctx, int staging, Rng& rng);

}  // namespace gunflow
