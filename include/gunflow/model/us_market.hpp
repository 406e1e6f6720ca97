#pragma once
// US side: dealers, trafficking networks, straw buyers and acquisition channels.
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Draws dealer compliance types and the networks' bases and destinations.
void init_us_market(const StepContext& ctx, ReplicationState& st);
/// Orders accrue; networks due to act make one acquisition trip each.
void networks_act(const StepContext& ctx, ReplicationState& st);
/// Weight of each US state as a network base (OTHER spread by dealers).
std::vector<double> home_state_weights(const World& world, const Settings& s);
/// Brings a network's backlog and decaying memories up to today. Networks are settled
/// lazily (on the days they act or are touched), so idle days cost nothing.
void settle_network(const StepContext& ctx, const ReplicationState& st, TraffickerState& net);
/// Restarts network t as a new generation (new base, destination, buyers).
void start_network(const StepContext& ctx, ReplicationState& st, std::size_t t);
/// Network t folds (dismantled or bankrupt); a successor starts after an exponential
/// delay with mean traffickers.replacement_days. Keeps the count of networks serving
/// each region.
void stop_network(const StepContext& ctx, ReplicationState& st, std::size_t t, Rng& rng);

}  // namespace gunflow
