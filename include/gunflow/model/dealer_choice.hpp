#pragma once
// Which dealer of a state a network buys from (MODEL.md stage 3).
//
// A network draws a state's open dealers in proportion to their weight: the dealer's
// own trait (its sales volume times its negligence, both continuous and heavy-tailed:
// docs/ODD.md "Dealers and sales"), times `dealers.corrupt_attraction` for a negligent
// or corrupt dealer (they ask fewer questions), 0 once its licence is revoked. A draw is
// one uniform and two look-ups in an alias table (constant time whatever the number of
// dealers); a revocation, retype or renewal rebuilds one block of the state's table.
// (Until the continuous trait there were two weights, a choice between two groups.)
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/rng/blocked_alias_table.hpp"
#include "gunflow/rng/stream.hpp"

namespace gunflow {

enum class DealerType : std::uint8_t { kCompliant, kNegligent, kCorrupt };

class DealerChoice {
 public:
  /// How many dealers a network asks before giving up on finding a corrupt one.
  static constexpr int kCorruptTries = 8;

  /// The dealers first, first + 1, … of one state, with their types, whether their
  /// licence is revoked and their traits (index 0 of each span is dealer `first`; an
  /// empty `trait` weighs every dealer 1).
  void assign(int first, std::span<const DealerType> types, std::span<const std::uint8_t> revoked, double attraction,
              std::span<const double> trait = {});
  /// No dealer can be drawn (none, all revoked, or only zero weights).
  [[nodiscard]] bool empty() const { return table_.empty(); }
  struct Picked {
    int dealer;
    DealerType type;
  };
  /// The dealer a draw with uniform u in (0, 1) picks: each with probability
  /// weight / total. Requires !empty().
  [[nodiscard]] Picked pick(double u) const {
    const BlockedAliasTable::Picked p = table_.pick_tagged(u);  // the tag is the dealer's type
    return {first_ + static_cast<int>(p.index), static_cast<DealerType>(p.tag)};
  }
  /// Starts fetching what pick(u) will read (a trip draws its dealer's uniform early).
  void prefetch(double u) const {
    if (!empty()) table_.prefetch(u);
  }
  /// The outcome of up to kCorruptTries draws as pick() draws them, stopping at the first
  /// corrupt dealer: that dealer, or -1 if none of the tries found one. Decided with one
  /// uniform from `rng`, and a second to name the dealer when one is found. Requires !empty().
  [[nodiscard]] int pick_corrupt(Rng& rng) const;
  /// Chance that one draw picks a corrupt dealer (for tests).
  [[nodiscard]] double corrupt_share() const { return corrupt_share_; }

  /// Dealer `dealer` (one of this state's) loses its licence: it is never drawn again.
  void revoke(int dealer);
  /// Dealer `dealer` (open) is now of type `now` (a warning conference makes a negligent
  /// dealer compliant).
  void retype(int dealer, DealerType now);

 private:
  /// Dealer i's weight now: its trait times its type's attraction, 0 if revoked.
  [[nodiscard]] double weight_of(std::size_t i) const;
  /// Dealer i is an open corrupt dealer with weight (its weight in the table up to date).
  [[nodiscard]] bool on_corrupt_list(std::size_t i) const;
  /// Every weight and the corrupt list from the dealers, then the tables.
  void rebuild();
  /// After dealer i alone changed (a revocation or retype): its weight and tag in the
  /// table, its list entry and the corrupt running weights.
  void update(std::size_t i);
  /// The corrupt running weights and shares, from the table's weights and corrupt_ids_.
  void rebuild_corrupt();

  int first_ = 0;
  double attraction_ = 0;
  std::vector<DealerType> types_;
  std::vector<std::uint8_t> revoked_;
  std::vector<double> trait_;
  BlockedAliasTable table_;                 // each dealer's weight now, and the draw
  std::vector<double> corrupt_cumulative_;  // running weights of the open corrupt dealers
  std::vector<std::int32_t> corrupt_ids_;   // those dealers, in index order
  double corrupt_share_ = 0;                // corrupt weight / total
  double none_corrupt_ = 1;                 // (1 − corrupt_share)^kCorruptTries
};

}  // namespace gunflow
