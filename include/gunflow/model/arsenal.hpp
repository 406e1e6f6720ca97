#pragma once
// The guns held by criminal groups in one Mexican region, as lots (guns that share
// class, origin, channel and purchase date). Guns are ranked lot by lot in the order
// the lots arrived, so a uniform rank is a draw proportional to lot size — for
// recovery and attrition.
//
// Layout, for the hot path (attrition and recovery remove ~250k guns a year): lot sizes
// live in their own array, in blocks of kBlock lots (one cache line); block sums, and
// superblock sums of 64 blocks, sit above them. A day's removals in a region are found
// in one merged pass over the superblock sums (a few kB, always in cache), a scan of
// one superblock's block sums (sequential) and one line of sizes — and removing a gun
// updates three counters, where a Fenwick tree touched a dozen scattered nodes. Lot
// attributes are read only when a gun is recovered. Emptied lots are compacted away
// (keeping order, so ranks map to the same guns) once a quarter of the lots are empty.
#include <cstdint>
#include <limits>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/rng/stream.hpp"

namespace gunflow {

/// Where a gun came from before it reached criminal groups.
enum class Origin : std::uint8_t {
  kUsRetail,   ///< first sold by a US dealer (state known): straw, unlicensed, corrupt, theft
  kUsKit,      ///< unserialized kit: untraceable
  kExport,     ///< legally exported to Mexican forces, then diverted
  kForeign     ///< made and sold outside the US
};

/// What is known of a gun once it is traced: where it came from and who moved it.
struct GunOrigin {
  FirearmClass cls = FirearmClass::kHandgun;
  Origin origin = Origin::kUsRetail;
  Channel channel = Channel::kStraw;
  std::int16_t us_state = -1;     ///< state of first retail sale
  std::int32_t purchase_day = 0;  ///< Date::days() of the first retail sale
  std::int32_t buyer = -1;        ///< straw buyer slot, if any
  std::uint32_t buyer_serial = 0; ///< which recruit of that slot
  std::int32_t dealer = -1;       ///< selling dealer, if known
  std::int32_t trafficker = -1;   ///< network slot that moved it
  std::uint32_t network_generation = 0;  ///< which network held that slot then
};

/// Guns that share their origin.
struct Lot : GunOrigin {
  std::int64_t count = 0;
};
// About 1.5 million lots are stored per replication (the arsenal keeps their sizes apart,
// so it stores only the GunOrigin) and read back on recovery: keep them small.
static_assert(sizeof(GunOrigin) <= 32, "GunOrigin grew: arsenal memory grows with it");
static_assert(sizeof(Lot) <= 40, "Lot grew: inventories and recoveries grow with it");

class Arsenal {
 public:
  /// Lot sizes per cache line of the size array.
  static constexpr std::size_t kBlock = 16;

  void add(const Lot& lot);
  [[nodiscard]] std::int64_t total() const { return total_; }
  /// Removes the gun with rank `k` in [0, total) and returns a copy of its lot (count 1).
  Lot remove_at(std::int64_t k);
  /// Removes the gun with rank `k` without reading its lot.
  void drop_at(std::int64_t k);
  /// Removes min(n, total) guns forming a uniformly random subset — the same law as n
  /// successive drop_at(uniform rank) calls, and the same n uniforms drawn — when who
  /// they were does not matter (attrition). The subset is drawn first (Floyd's
  /// algorithm), then located in one merged pass in rank order,
  /// then removed highest rank first so earlier look-ups stay valid.
  void drop_random(std::int64_t n, Rng& rng);
  /// The same, keeping a copy of each removed gun's lot (count 1) in `out` (cleared
  /// first), highest rank first: recoveries, whose guns are then traced.
  void take_random(std::int64_t n, Rng& rng, std::vector<Lot>& out);
  /// The stored lots in rank order with their current sizes (emptied lots included
  /// until they are compacted away). A copy: for inspection and tests.
  [[nodiscard]] std::vector<Lot> lots() const;

 private:
  static constexpr std::size_t kBlocksPerSuper = 64;  // a superblock: 1,024 lots
  struct Located {
    std::size_t block;
    std::int64_t rank_in_block;
  };
  Located locate(std::int64_t k) const;  // one rank, from the first superblock
  std::size_t take_one(std::int64_t k);  // index of the lot that lost the gun
  /// Draws a uniform n-subset of ranks (n <= total) into located_, highest first, each
  /// with its block found; false if n is too large for that (then go one at a time).
  bool locate_random_subset(std::int64_t n, Rng& rng);
  std::size_t remove_located(const Located& g);  // -> lot index
  void compact();
  std::vector<GunOrigin> lots_;            // attributes; sizes are in counts_
  std::vector<std::int32_t> counts_;       // guns left in each lot (larger lots are split)
  std::vector<std::int64_t> block_sum_;    // guns in each block of kBlock lots
  std::vector<std::int64_t> super_sum_;    // guns in each superblock of kBlocksPerSuper blocks
  std::size_t empty_lots_ = 0;             // lots emptied since the last compaction
  std::int64_t total_ = 0;
  std::vector<std::int64_t> ranks_;        // scratch for random subsets (kept: no allocation per day)
  std::vector<Located> located_;
};

}  // namespace gunflow
