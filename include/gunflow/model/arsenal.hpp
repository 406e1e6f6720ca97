#pragma once
// The guns held by criminal groups in one Mexican region, as lots (guns that share
// class, origin, channel and purchase date). A Fenwick tree over lot sizes lets a
// uniformly random gun be drawn — for recovery, attrition — in O(log lots).
#include <cstdint>
#include <vector>

#include "gunflow/core/catalog.hpp"

namespace gunflow {

/// Where a gun came from before it reached criminal groups.
enum class Origin : std::uint8_t {
  kUsRetail,   ///< first sold by a US dealer (state known): straw, unlicensed, corrupt, theft
  kUsKit,      ///< unserialized kit: untraceable
  kExport,     ///< legally exported to Mexican forces, then diverted
  kForeign     ///< made and sold outside the US
};

struct Lot {
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
  std::int64_t count = 0;
};

class Arsenal {
 public:
  void add(const Lot& lot);
  [[nodiscard]] std::int64_t total() const { return total_; }
  /// Removes the gun with rank `k` in [0, total) and returns a copy of its lot (count 1).
  Lot remove_at(std::int64_t k);
  [[nodiscard]] const std::vector<Lot>& lots() const { return lots_; }

 private:
  void fenwick_add(std::size_t i, std::int64_t delta);
  void rebuild(std::size_t capacity);
  std::vector<Lot> lots_;
  std::vector<std::int64_t> tree_;  // 1-based Fenwick tree, size = capacity + 1
  std::int64_t total_ = 0;
};

}  // namespace gunflow
