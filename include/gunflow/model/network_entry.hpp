#pragma once
// Entry and exit of trafficking networks by expected profit (docs/ODD.md §7.22).
//
// A network's profit is what its sales in Mexico bring in over what the guns sold cost
// it (purchases and transport); seized loads earn nothing. Profits are remembered as
// exponentially weighted sums with a one-year time constant, per network and per
// Mexican destination. A network must earn at least traffickers.fixed_cost_per_year
// (what its crew could earn otherwise): after a year's probation, one that earns less
// leaves when it next sells a load. An empty slot of the pool is a would-be network
// looking at the market every Exp(traffickers.replacement_days) days: it draws a base,
// a staging city and a destination as a new network would, and enters if the networks
// serving that destination earn, shared with one more, more than the fixed cost. The
// pool is bounded: traffickers.count networks at the start, room for
// traffickers.entry_headroom × count more.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Days over which remembered profits fall by e (one year).
inline constexpr double kProfitMemoryDays = 365.0;

/// Each destination's remembered profits start as if its networks had earned the fixed
/// cost for ever (neither entry nor exit is attractive until profits say otherwise).
void init_network_economy(const StepContext& ctx, ReplicationState& st);

/// Books a sale's profit (may be negative) to network t and to its destination.
void record_profit(const StepContext& ctx, ReplicationState& st, std::size_t t, double profit);

/// Network t's profit per year, from its remembered profits and its age (the weights of
/// a network younger than the memory are corrected for the time it has existed).
double annual_profit(const StepContext& ctx, const TraffickerState& net);

/// Whether network t, past its probation, earns less than the fixed cost (scaled by its
/// size) and leaves.
bool leaves_market(const StepContext& ctx, const TraffickerState& net);

/// What a new network of the mean scale selling to `region` expects to earn a year: the
/// region's networks' remembered profit per unit of scale, shared with one more unit
/// (orders are split among the networks serving a region by scale); the national mean per
/// unit of scale where none serves it.
double entrant_profit(const StepContext& ctx, const ReplicationState& st, std::size_t region);

/// False when no destination can pay an entrant the fixed cost (an upper bound of
/// entrant_profit over regions, without decaying anything): a would-be network then
/// stays out without drawing where it would go, which changes no result.
bool entry_may_pay(const StepContext& ctx, const ReplicationState& st);

}  // namespace gunflow
