#pragma once
// Transport and crossing (MODEL.md stage 5): loads leave the staging city along the
// cheapest route by generalized cost; southbound inspection selects vehicles, and a
// search finds the guns hidden in a selected one with a probability set by concealment.
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Outbound inspections per day at crossing c (0 for unofficial crossings).
double port_inspections_per_day(const StepContext& ctx, int crossing);
/// Probability a vehicle crossing at c is inspected (at a port) or stopped (between
/// ports), as currently enforced.
double crossing_detection(const StepContext& ctx, int crossing);
/// Probability an inspection at c finds the guns hidden in a vehicle carrying `guns`
/// (1 between ports: a stopped load is in the agents' hands).
double search_finds(const StepContext& ctx, int crossing, std::int64_t guns);
/// Expected share of a load's guns seized at c: selection × search, for a full vehicle.
double crossing_loss_rate(const StepContext& ctx, int crossing);
/// Re-prices the crossings from current detection risks and what networks have learned.
void refresh_routes(const StepContext& ctx, ReplicationState& st);
/// The ways from a staging city to a region, cheapest first at the current prices,
/// with the weights a load chooses among them by.
const ReplicationCaches::RouteOptions& route_options_for(const StepContext& ctx, ReplicationState& st,
                                                         std::size_t staging, std::size_t region);
/// Sends network t's inventory south along its route.
void ship_load(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t);

}  // namespace gunflow
