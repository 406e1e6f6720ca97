#pragma once
// A network's acquisition trip (MODEL.md stages 2–3): the order it fills, the class it
// actually seeks under supply-side policies, where and through which channel it buys
// (purchase_choice), and the purchase itself — straw buyers (straw_buyers), corrupt
// dealers, unlicensed sellers and thefts, or kits by mail.
#include <cstddef>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/trip.hpp"

namespace gunflow {

/// No gun costs less than the cheapest retail price: below it a network cannot buy.
inline constexpr double kCheapestGun = 450.0;
static_assert(kCheapestGun <= kUsRetailPrice[0] && kCheapestGun <= kUsRetailPrice[4]);

/// Network t, due today, makes one trip for the class it most needs (a categorical draw
/// over its backlog) and adds what it buys to its inventory. Returns true when the trip
/// found guns it could not pay for (`trips_unfunded`): the network is out of cash.
bool acquisition_trip(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t, TripDraws& draws);

/// The least a trip for one gun of any class the network has orders for can cost (a
/// firearm's straw price, a kit's mail-order price; kCheapestGun with nothing on order):
/// below it the network is broke.
double cheapest_order_price(const StepContext& ctx, const TraffickerState& net);

}  // namespace gunflow
