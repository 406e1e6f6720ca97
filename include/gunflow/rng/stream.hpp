#pragma once
// Counter-based random streams (Random123 Philox4x64).
//
// A draw is addressed by WHAT is being decided, never by thread, rank or loop order:
//   key     = {user seed, StreamId}
//   counter = {replication, entity, step, draw}
// so the same replication of two scenarios sees the same numbers for the same
// decision of the same entity on the same day (common random numbers), and a policy
// that adds draws in one place cannot shift draws anywhere else. Keys are tuples and
// are never summed (`seed + i` collides: Stan issue #3287).
#include <array>
#include <cstdint>

#include <Random123/philox.h>

namespace gunflow {

/// One value per kind of decision. Append only: renumbering changes every result.
enum class StreamId : std::uint64_t {
  kSelfTest = 0,
  kInitWorld = 1,
  kDemand = 2,
  kTraffickerActivity = 3,
  kChannelChoice = 4,
  kDealerChoice = 5,
  kStrawPurchase = 6,
  kDealerCheck = 7,
  kRecruitment = 8,
  kClassChoice = 9,
  kRoute = 10,
  kCrossingInspection = 11,
  kMexicoUse = 12,
  kRecovery = 13,
  kTrace = 14,
  kInvestigation = 15,
  kDealerInspection = 16,
  kHomicide = 17,
  kExportDiversion = 18,
  kPrivateSale = 19,
  kTheft = 20,
  kKit = 21,
  kForeignInflow = 22,
  kOnwardFlow = 23,
  kAdaptation = 24,
  kReporting = 25,
  kDesign = 26,     ///< sweep designs (Latin hypercube, Morris, Saltelli)
  kBootstrap = 27,  ///< bootstrap resampling of sensitivity indices
  kGunFate = 28,    ///< whether and when a gun that reached Mexico is recovered, or lost first (on arrival)
  kAttrition = 29,  ///< a region's daily losses among its guns without a chance of recovery
};

/// A finite stream of uniform draws for one (seed, purpose, replication, entity, step).
/// Cheap to construct; make a fresh one per decision instead of sharing one.
class Rng {
 public:
  Rng(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity,
      std::uint64_t step)
      : key_{{seed, static_cast<std::uint64_t>(stream)}}, ctr_{{replication, entity, step, 0}} {}

  /// 64 random bits. (Inline: the model draws millions per replication.)
  std::uint64_t next_u64() {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }
  /// Uniform on the open interval (0, 1), 52 bits of resolution.
  double uniform() { return uniform_at(next_u64() >> 12); }
  /// The uniform for grid point j < 2^52 (uniform() is uniform_at(next_u64() >> 12)):
  /// (j + 0.5) / 2^52 is exact in a double for every j, so neither 0 nor 1 can occur
  /// (log(u) is safe, u * n < n). With 53 bits the sum 2^53 - 1 + 0.5 would round up to
  /// 2^53 and give exactly 1.0.
  static double uniform_at(std::uint64_t j) {
    constexpr double kScale = 1.0 / 4503599627370496.0;  // 2^-52
    return (static_cast<double>(j) + 0.5) * kScale;
  }

 private:
  // The next Philox block of four outputs. Inline with the constructor: streams are made
  // per decision (1.3 million a replication for trips alone), and the model and this
  // file are separate translation units.
  void refill() {
    block_ = Philox()(ctr_, key_);
    ++ctr_.v[3];  // the draw counter; 2^64 blocks per decision is never reached
    used_ = 0;
  }
  using Philox = r123::Philox4x64;
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  int used_ = 4;  // outputs of block_ already handed out
};

}  // namespace gunflow
