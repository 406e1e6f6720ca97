#pragma once
// The US side's agents over time: dealers (compliance types, drawn once) and the
// trafficking networks — their generations (start, fold, replacement), lazily settled
// orders and memories, and the daily round in which networks due to act make a trip
// and ship a load.
#include <cstddef>
#include <vector>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Draws dealer compliance types and builds each state's dealer choice; starts every
/// network (its base, destination and first trip day).
void init_us_market(const StepContext& ctx, ReplicationState& st);
/// Orders accrue; networks due to act make one acquisition trip each, and ship a load
/// when it is full or their cash has run out.
void networks_act(const StepContext& ctx, ReplicationState& st, TallySink& tally);
/// The staging city a new network based in `home` chooses, by the cost of driving there
/// and across (traffickers.staging_choice_km: logit scale).
int choose_staging(const StepContext& ctx, const ReplicationState& st, int home, Rng& rng);
/// choose_staging's weights (unnormalised logit weights, one per staging city).
std::vector<double> staging_weights(const StepContext& ctx, const ReplicationState& st, int home);
/// Distance over which the pull of a state as a network base outside the named states
/// falls by e (km to its nearest port of entry).
inline constexpr double kHomeDecayKm = 600.0;
/// Weight of each US state in a map by state code: named states as given, OTHER spread
/// over the others by population and distance to the border.
std::vector<double> state_weights(const World& world, const RealMap& weights);
/// Weight of each US state as a network base (traffickers.home_state_weights).
std::vector<double> home_state_weights(const World& world, const Settings& s);
/// Brings a network's backlog and decaying memories up to today. Networks are settled
/// lazily (on the days they act or are touched), so idle days cost nothing.
void settle_network(const StepContext& ctx, const ReplicationState& st, TraffickerState& net);
/// Restarts network t as a new generation (new base, destination, buyers).
void start_network(const StepContext& ctx, ReplicationState& st, std::size_t t);
/// Network t folds (dismantled or bankrupt); a successor starts after an exponential
/// delay with mean traffickers.replacement_days (its own draw). Keeps the count of
/// networks serving each region.
void stop_network(const StepContext& ctx, ReplicationState& st, std::size_t t);

}  // namespace gunflow
