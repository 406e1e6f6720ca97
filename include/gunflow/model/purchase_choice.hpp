#pragma once
// Where and through which channel a network buys: availability of each class by state
// and channel under the laws in force, the state of purchase (home, or elsewhere by
// distance, dealers and availability) and the channel (preference × availability ×
// the risk the network perceives).
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/trip.hpp"

namespace gunflow {

/// How available a channel is for `cls` in `state` today (0 = closed).
double channel_availability(const StepContext& ctx, Channel ch, int state, FirearmClass cls);
/// exp(-risk_aversion × risk): how much a perceived risk (>= 0) deters.
double risk_weight(const Settings& s, double risk);
/// The state a trip for `cls` buys in: home with probability availability × stay,
/// else a state drawn among the others (draws kStayHome and kOtherState).
int choose_purchase_state(const StepContext& ctx, ReplicationState& st, const TraffickerState& net, FirearmClass cls,
                          TripDraws& draws);
/// The channel of a trip for `cls` in `state`, or Channel::kKit when none is open.
/// `u` is the trip's channel draw.
Channel choose_channel(const StepContext& ctx, const TraffickerState& net, int state, FirearmClass cls, double u);

}  // namespace gunflow
