#pragma once
// Straw purchases at licensed dealers: the network's recruits (buyer slots), the dealer
// they visit, refusals that tip off ATF, and the multiple-sale reports a purchase
// triggers under the reporting rules in force.
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/trip.hpp"

namespace gunflow {

/// Buyer slot b of network t (slots t * buyers_per_network + b).
std::size_t buyer_slot(const Settings& s, std::size_t t, std::size_t b);
/// A new person a lead can name (a recruit, an unlicensed dealer): their id
/// (ReplicationState::people, from 1).
std::uint32_t new_person(ReplicationState& st);
/// Empties a buyer slot; the person who held it keeps their count of guns bought, which a
/// later case against them counts.
void vacate_buyer_slot(ReplicationState& st, BuyerState& slot);
/// The law of a straw purchase's size before what the trip wants: 1 + geometric with mean
/// market.mean_guns_per_purchase, capped at traffickers.max_guns_per_purchase, as its
/// tail P(size > k) for k = 1 … cap − 1 (World::tables.market keeps it).
std::vector<double> purchase_size_tail(const Settings& s);
/// The size uniform `u` (the trip's kPurchaseSize draw) gives under that tail.
std::int64_t purchase_size(std::span<const double> tail, double u);
/// A straw purchase for `trip` at a licensed dealer of trip.state. Returns guns bought
/// (0: no free buyer, no open dealer, or the dealer refused).
std::int64_t straw_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip,
                            TripDraws& draws);

}  // namespace gunflow
