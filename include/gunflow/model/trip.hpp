#pragma once
// One acquisition trip of a trafficking network: what it is after, where, and the
// fixed-address draws of each decision it may take (common random numbers: a decision's
// numbers do not depend on which other decisions were taken, skipped or drew more).
#include <array>
#include <cstddef>
#include <cstdint>

#include "gunflow/core/catalog.hpp"
#include "gunflow/model/arsenal.hpp"
#include "gunflow/rng/decision_draws.hpp"

namespace gunflow {

/// The decisions of a trip, each with its own draws (DecisionDraws).
enum class TripDecision : std::size_t {
  kWait,
  kOrderedClass,
  kStayHome,
  kChannel,
  kDealer,
  kBuyerSlot,
  kRefusal,
  kOtherState,
  kImportedModel,
  kKitSubstitution,
  kBanSubstitution,
  kKitSerialized,
  kAmmunitionFlag,
  kCorruptDealer,
  kSecondhandExtra,
  kSecondhandAge,
  kGunShow,
  kPurchaseSize,
  kSecondhandSupply,
  kUnlicensedSource,
  kRecruit,
  kCount
};

/// Where each decision's first draw sits, grouped by how often decisions are taken
/// together: block 0 holds everything a straw purchase in the home state needs (most
/// trips cost one Philox call); block 1 the out-of-state choice and the policies'
/// switches (and the size of a straw purchase, and whether its model is imported);
/// block 2 the second-hand channels.
inline constexpr std::array<DrawSlot, static_cast<std::size_t>(TripDecision::kCount)> kTripSlots{{
    {0, true},    // kWait: the trip wait's table reads a 52-bit grid point
    {2, false},   // kOrderedClass
    {3, false},   // kStayHome
    {4, false},   // kChannel
    {5, false},   // kDealer
    {6, false},   // kBuyerSlot
    {7, false},   // kRefusal
    {8, false},   // kOtherState
    {9, false},   // kImportedModel: an imported model on the shelf (and kept off it by an import ban), for a
                  // straw or corrupt-dealer purchase or an unlicensed seller's gun bought new
    {10, false},  // kKitSubstitution
    {11, false},  // kBanSubstitution
    {12, false},  // kKitSerialized
    {13, false},  // kAmmunitionFlag
    {14, false},  // kCorruptDealer (its second uniform from its own stream)
    {16, true},   // kSecondhandExtra: Poisson by inversion of one 64-bit draw
    {18, true},   // kSecondhandAge
    {20, false},  // kGunShow
    {15, false},  // kPurchaseSize: a straw purchase's size (block 1: one more Philox call per straw trip)
    {21, false},  // kSecondhandSupply: domestic or imported private stock
    {23, false},  // kUnlicensedSource: an unlicensed seller's gun bought new, or from the private stock
    {22, false},  // kRecruit: a would-be straw buyer declines (a policy's deterrence; block 2, rare)
}};

class TripDraws {
 public:
  TripDraws(std::uint64_t seed, std::uint64_t replication, std::uint64_t network_vertex, std::uint64_t step)
      : draws_(seed, StreamId::kTrip, replication, network_vertex, step) {}
  /// Decision d's stream (for samplers that may take more than one draw).
  [[nodiscard, gnu::always_inline]] Rng rng(TripDecision d) { return draws_.rng(static_cast<std::size_t>(d)); }
  /// Decision d's first draw as a uniform in (0, 1), and as 64 bits (top 32 for a narrow slot).
  [[nodiscard, gnu::always_inline]] double uniform(TripDecision d) {
    return draws_.uniform(static_cast<std::size_t>(d));
  }
  [[nodiscard, gnu::always_inline]] std::uint64_t bits(TripDecision d) {
    return draws_.bits(static_cast<std::size_t>(d));
  }

 private:
  DecisionDraws<kTripSlots, 3> draws_;
};

/// A trip in progress: network t seeks `wanted` guns of class `cls` in `state`.
struct Trip {
  std::size_t t;
  FirearmClass cls;
  int state;
  std::int64_t wanted;
  std::uint32_t generation;
  bool imported = false;  ///< the guns are an imported model (retail: RetailSupply; second-hand: the stock drawn)
  /// Nothing of the class to be had: every channel closed by law where the trip went, or
  /// no second-hand seller found (acquisition_trip drops the order if no state sells the
  /// class new).
  bool no_supply = false;
  bool unfunded = false;  ///< the network's cash did not cover one gun of the class sought

  /// The lot of `k` guns this trip brings back through `ch` on `day` (retail origin,
  /// or a kit; the caller adds the dealer or buyer it knows).
  [[nodiscard]] Lot lot(Channel ch, std::int64_t k, std::int32_t day) const {
    Lot lot;
    lot.cls = cls;
    lot.origin = cls == FirearmClass::kKit ? Origin::kUsKit : Origin::kUsRetail;
    lot.channel = ch;
    lot.us_state = static_cast<std::int16_t>(state);
    lot.purchase_day = day;
    lot.trafficker = static_cast<std::int32_t>(t);
    lot.network_generation = generation;
    lot.imported = imported ? 1 : 0;
    lot.count = k;
    return lot;
  }
};

}  // namespace gunflow
