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

/// One value per kind of decision (purpose). Renumbering changes every result; values
/// are never summed with anything (they are the second word of the key).
enum class StreamId : std::uint64_t {
  kSelfTest = 0,             ///< tests of the samplers themselves
  kDealerType = 1,           ///< a dealer's compliance type, drawn once per replication
  kNetworkStart = 2,         ///< a new network generation: base state, destination, first trip day
  kNetworkReplacement = 3,   ///< how long a folded network's slot stays empty
  kTrip = 4,                 ///< a network's trip: one fixed address per decision (TripDecision)
  kRoute = 5,                ///< which crossing a load takes
  kCrossingInspection = 6,   ///< whether a load is inspected at its crossing
  kInitialStock = 7,         ///< the initial arsenals' lots (class, origin, age)
  kGunFate = 8,              ///< whether and when a gun that reached Mexico is recovered, or lost first
  kAttrition = 9,            ///< a region's daily losses among its guns without a chance of recovery
  kTrace = 10,               ///< a recovered gun's trace: submitted, source found, purchaser named
  kHomicide = 11,            ///< a region's homicides of the day
  kForeignInflow = 12,       ///< guns from outside the US arriving in a region
  kExportDiversion = 13,     ///< diverted legal exports arriving in a region
  kInvestigationOpen = 14,   ///< how long an investigation takes (keyed by its lead)
  kInvestigationClose = 15,  ///< a case's outcome (keyed by its lead)
  kInspection = 16,          ///< the k-th dealer inspection of a day: which dealer, what it finds
  kDesign = 17,              ///< sweep designs (Latin hypercube, Morris, Saltelli)
  kBootstrap = 18,           ///< bootstrap resampling of sensitivity indices
  // Lead triage and the border search (numbered apart from the list above, which other
  // mechanisms extend).
  kLeadTriage = 30,     ///< a lead's Exp(1) triage draw (keyed by the lead)
  kTraceDelay = 31,     ///< the days from a submitted gun's recovery to its trace request (mexico.trace_delay_days)
  kDealerRenewal = 32,  ///< when and which dealer takes a removed corrupt or negligent dealer's place
};

/// A finite stream of uniform draws for one (seed, purpose, replication, entity, step,
/// substream). Cheap to construct; make a fresh one per decision instead of sharing one.
/// The counter's last word is (substream << 32) + block, so each substream has 2^32
/// blocks of its own.
class Rng {
 public:
  using Philox = r123::Philox4x64;
  Rng(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity, std::uint64_t step,
      std::uint32_t substream = 0)
      : key_{{seed, static_cast<std::uint64_t>(stream)}},
        ctr_{{replication, entity, step, static_cast<std::uint64_t>(substream) << 32}} {}
  /// A stream whose first output is `first` and whose later outputs are the blocks of
  /// `continuation` under `key` (DecisionDraws: a decision's first draw is one output of
  /// a block shared with other decisions, the rest its own).
  Rng(Philox::key_type key, Philox::ctr_type continuation, std::uint64_t first)
      : key_(key), ctr_(continuation), used_(3) {
    block_.v[3] = first;
  }

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
    ++ctr_.v[3];  // the block counter; 2^32 blocks per substream are never reached
    used_ = 0;
  }
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  int used_ = 4;  // outputs of block_ already handed out
};

}  // namespace gunflow
