#pragma once
// The guns held by criminal groups in one Mexican region.
//
// Whether and when each gun will be recovered is drawn when it arrives (gun_fates.hpp).
// So the arsenal keeps only what later days need: the guns without a chance of recovery,
// as one count (the pool) that loses Binomial(pool, a) guns a day; how many of the other
// guns it loses on each day; and the origins of the guns it will hand over for tracing,
// filed by calendar slot (kSlotDays). Guns that are lost or held to the end are never
// stored one by one; a gun to be recovered is its day and the index of its lot's origin
// (8 bytes). Adding a gun is one 64-bit draw (two if it has a chance) and at most one
// counter increment or append; a day's settlement is one binomial draw, one counter and
// one short run of the open slot's sorted recoveries. (Until the fourth performance
// round the arsenal stored every lot and drew each day's losses and recoveries as
// uniform subsets of it: 60 MB of lots per replication and a scattered look-up per
// removed gun; docs/performance.md.)
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/model/gun_fates.hpp"
#include "gunflow/rng/stream.hpp"

namespace gunflow {

/// Where a gun came from before it reached criminal groups.
enum class Origin : std::uint8_t {
  kUsRetail,  ///< first sold by a US dealer (state known): straw, unlicensed, corrupt, theft
  kUsKit,     ///< unserialized kit: untraceable
  kExport,    ///< legally exported to Mexican forces, then diverted
  kForeign    ///< made and sold outside the US
};

/// What is known of a gun once it is traced: where it came from and who moved it.
struct GunOrigin {
  FirearmClass cls = FirearmClass::kHandgun;
  Origin origin = Origin::kUsRetail;
  Channel channel = Channel::kStraw;
  std::uint8_t imported = 0;             ///< made abroad and imported into the US (Supply::kImported)
  std::int16_t us_state = -1;            ///< state of first retail sale
  std::int32_t purchase_day = 0;         ///< Date::days() of the first retail sale
  std::int32_t buyer = -1;               ///< straw buyer slot, if any
  std::uint32_t buyer_person = 0;        ///< who bought it new: a recruit, an unlicensed dealer (0: none)
  std::int32_t dealer = -1;              ///< selling dealer, if known
  std::int32_t trafficker = -1;          ///< network slot that moved it
  std::uint32_t network_generation = 0;  ///< which network held that slot then
};

/// Guns that share their origin.
struct Lot : GunOrigin {
  std::int64_t count = 0;
};
// Network inventories and the day's recovered guns are lots; the arsenal stores a
// GunOrigin for each gun it will hand over for tracing: keep them small.
static_assert(sizeof(GunOrigin) <= 32, "GunOrigin grew: arsenal memory grows with it");
static_assert(sizeof(Lot) <= 40, "Lot grew: inventories and recoveries grow with it");

class Arsenal {
 public:
  /// Days per calendar slot. A gun's loss is counted on its day (a 4-byte counter per
  /// day of the run); a recovery is appended to the log of its slot (a few dozen logs
  /// per region, so appends stay on hot cache lines); when a slot's first day comes its
  /// log is sorted into per-day lists, read sequentially from then on.
  static constexpr std::int32_t kSlotDays = 128;

  /// An arsenal whose guns are never lost or recovered (the onward node).
  Arsenal() { weight_.fill(1.0); }
  /// An arsenal for the days of `fates` (its calendars span them); `class_weight` weighs
  /// its guns by class in weighted_total() (violence.class_weight; all 1 by default).
  explicit Arsenal(const GunFates& fates, const std::array<double, kNumClasses>& class_weight = kUnitWeights);

  /// Receives a lot on `day` (in [first_day, end_day) of the fates): draws each gun's
  /// fate from `fate_rng`, in order (GunFates::draw). Without fates, only counts.
  void add(const Lot& lot, std::int32_t day, const GunFates& fates, Rng& fate_rng);
  /// Guns held now (not yet lost or recovered).
  [[nodiscard]] std::int64_t total() const { return total_; }
  /// Guns held now, each weighted by its class. Exact for guns whose loss or recovery
  /// was drawn on arrival; the pool's daily losses (a uniform subset of its guns) take
  /// their expected weight, the pool's weight times the share of its guns lost.
  [[nodiscard]] double weighted_total() const { return weighted_total_; }
  /// The day's losses and recoveries: draws the pool's losses, Binomial(pool, a), from
  /// `attrition_rng`; removes them and the losses and recoveries drawn on arrival from
  /// the total; and puts a copy of each recovered gun (count 1) in `recovered` (cleared
  /// first), in the order the guns arrived. Call once a day, every day from the first, in
  /// date order, after the day's arrivals (they face the day's losses).
  void settle(std::int32_t day, std::vector<Lot>& recovered, Rng& attrition_rng);
  /// Guns held now without a chance of recovery before the end (for tests and inspection).
  [[nodiscard]] std::int64_t pooled() const { return pooled_; }
  /// Guns held now with a chance, that will be lost first (for tests and inspection).
  [[nodiscard]] std::int64_t losses_pending() const { return losses_pending_; }
  /// Guns held now that will be recovered before the end (for tests and inspection).
  [[nodiscard]] std::int64_t recoveries_pending() const { return recoveries_pending_; }

 private:
  struct Recovery {
    std::uint32_t origin = 0;  // index into origins_
    std::int32_t day = 0;
  };
  [[nodiscard]] std::size_t index_of(std::int32_t day) const;
  void lose_on(std::size_t day_index, double weight);
  void recover_on(std::uint32_t origin, std::size_t day_index);
  void open_slot(std::size_t slot);

  static constexpr std::array<double, kNumClasses> kUnitWeights{1, 1, 1, 1, 1, 1};
  std::array<double, kNumClasses> weight_{};
  double weighted_total_ = 0;
  double pooled_weight_ = 0;
  std::int32_t first_day_ = 0;
  std::size_t days_ = 0;
  double attrition_ = 0;  // a: a held gun's chance of being lost on a day
  std::int64_t total_ = 0;
  std::int64_t pooled_ = 0;
  std::int64_t losses_pending_ = 0;
  std::int64_t recoveries_pending_ = 0;
  bool fated_ = false;
  std::int32_t settled_ = std::numeric_limits<std::int32_t>::min();  // the last day settled
  // By day: the guns that will be lost that day and their weight, side by side (one
  // cache line for both; float: a day's sum of a few hundred weights loses < 1e-4).
  struct DayLosses {
    std::int32_t guns = 0;
    float weight = 0;
  };
  std::vector<DayLosses> lost_on_;
  // The origin of each lot with a gun to be recovered, once per lot (the initial stock
  // comes in lots of 250 guns): a recovery is then 8 bytes instead of 36.
  std::vector<GunOrigin> origins_;
  // Recoveries in slots not yet open, in arrival order.
  std::vector<std::vector<Recovery>> recovery_log_;  // by slot
  // The open slot (the one holding today).
  std::size_t open_ = static_cast<std::size_t>(-1);
  std::vector<Recovery> recoveries_;           // by day, arrival order within a day
  std::vector<std::uint32_t> recovery_start_;  // by day within the slot: first entry in recoveries_ (+ end)
  std::vector<Recovery> late_;                 // scheduled into the open slot after it opened
};

}  // namespace gunflow
