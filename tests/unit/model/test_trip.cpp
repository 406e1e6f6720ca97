// trip.hpp: the layout of a trip's decisions in its Philox blocks (kTripSlots), the
// draws built on it (TripDraws) and the lot a trip brings back (Trip::lot).
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/model/trip.hpp"

using namespace gunflow;

TEST_CASE("kTripSlots: every decision has its own halves within three blocks", "[model][trip]") {
  static_assert(kTripSlots.size() == static_cast<std::size_t>(TripDecision::kCount));
  std::vector<int> owner(3 * 8, -1);  // the decision holding each 32-bit half of blocks 0..2
  for (std::size_t d = 0; d < kTripSlots.size(); ++d) {
    INFO("decision " << d);
    const DrawSlot slot = kTripSlots[d];
    if (slot.wide) CHECK(slot.half % 2 == 0);  // a wide slot is one whole 64-bit output
    const std::size_t last = slot.half + (slot.wide ? 1u : 0u);
    REQUIRE(last < owner.size());  // blocks <= 3 (TripDraws computes three)
    CHECK(slot.half / 8 == last / 8);
    for (std::size_t h = slot.half; h <= last; ++h) {
      CHECK(owner[h] == -1);  // no two decisions share a half
      owner[h] = static_cast<int>(d);
    }
  }
  // The trip wait reads 52 bits, the second-hand Poisson and age 64: those are wide.
  CHECK(kTripSlots[static_cast<std::size_t>(TripDecision::kWait)].wide);
  CHECK(kTripSlots[static_cast<std::size_t>(TripDecision::kSecondhandExtra)].wide);
  CHECK(kTripSlots[static_cast<std::size_t>(TripDecision::kSecondhandAge)].wide);
  // What every trip decides before its purchase, and a compliant dealer's refusal, sit in
  // block 0 (a straw purchase's size and imported model add block 1).
  for (TripDecision d :
       {TripDecision::kWait, TripDecision::kOrderedClass, TripDecision::kStayHome, TripDecision::kChannel,
        TripDecision::kDealer, TripDecision::kBuyerSlot, TripDecision::kRefusal})
    CHECK(kTripSlots[static_cast<std::size_t>(d)].half < 8);
  for (TripDecision d : {TripDecision::kPurchaseSize, TripDecision::kImportedModel})
    CHECK(kTripSlots[static_cast<std::size_t>(d)].half / 8 == 1);
}

TEST_CASE("TripDraws are the kTrip stream's DecisionDraws of the network-day", "[model][trip]") {
  constexpr std::uint64_t kSeed = 99, kRep = 2, kVertex = 4711, kStep = 1'014'700;
  TripDraws trip(kSeed, kRep, kVertex, kStep);
  DecisionDraws<kTripSlots, 3> plain(kSeed, StreamId::kTrip, kRep, kVertex, kStep);
  for (std::size_t d = 0; d < kTripSlots.size(); ++d) {
    const auto decision = static_cast<TripDecision>(d);
    CHECK(trip.bits(decision) == plain.bits(d));
    CHECK(trip.uniform(decision) == plain.uniform(d));
    Rng a = trip.rng(decision), b = plain.rng(d);
    (void)a.next_u64();
    (void)b.next_u64();
    CHECK(a.next_u64() == b.next_u64());
  }
  TripDraws next_day(kSeed, kRep, kVertex, kStep + 1);
  CHECK(next_day.bits(TripDecision::kDealer) != trip.bits(TripDecision::kDealer));
}

TEST_CASE("Trip::lot fills the lot from the trip", "[model][trip]") {
  const Trip trip{12, FirearmClass::kAr, 43, 5, 7};
  const Lot lot = trip.lot(Channel::kUnlicensed, 3, 14700);
  CHECK(lot.cls == FirearmClass::kAr);
  CHECK(lot.origin == Origin::kUsRetail);
  CHECK(lot.channel == Channel::kUnlicensed);
  CHECK(lot.us_state == 43);
  CHECK(lot.purchase_day == 14700);
  CHECK(lot.trafficker == 12);
  CHECK(lot.network_generation == 7u);
  CHECK(lot.count == 3);
  CHECK(lot.buyer == -1);  // the caller adds the buyer and dealer it knows
  CHECK(lot.dealer == -1);
  // A kit is untraceable (no retail origin).
  const Trip kit{1, FirearmClass::kKit, 4, 10, 1};
  const Lot kits = kit.lot(Channel::kKit, 10, 15000);
  CHECK(kits.origin == Origin::kUsKit);
  CHECK(kits.cls == FirearmClass::kKit);
  CHECK(kits.count == 10);
}
