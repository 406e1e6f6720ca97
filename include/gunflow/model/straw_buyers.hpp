#pragma once
// Straw purchases at licensed dealers: the network's recruits (buyer slots), the dealer
// they visit, refusals that tip off ATF, and the multiple-sale reports a purchase
// triggers under the reporting rules in force.
#include <cstdint>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/trip.hpp"

namespace gunflow {

/// Buyer slot b of network t (slots t * buyers_per_network + b).
std::size_t buyer_slot(const Settings& s, std::size_t t, std::size_t b);
/// A straw purchase for `trip` at a licensed dealer of trip.state. Returns guns bought
/// (0: no free buyer, no open dealer, or the dealer refused).
std::int64_t straw_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip,
                            TripDraws& draws);

}  // namespace gunflow
