#pragma once
// Which dealer of a state a network buys from (MODEL.md stage 3).
//
// A network draws a state's dealers in proportion to their attraction: 1 for a compliant
// dealer, `dealers.corrupt_attraction` for a negligent or corrupt one (they ask fewer
// questions), 0 once its licence is revoked. With only two weights in play, a draw is a
// choice between the two groups and then a uniform pick inside one: one uniform, one
// look-up in a list of dealer ids, whatever the number of dealers. (Until the fifth
// performance round this was a cumulative table with a guide, and a search per draw;
// docs/performance.md.)
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/core/prefetch.hpp"
#include "gunflow/rng/stream.hpp"

namespace gunflow {

enum class DealerType : std::uint8_t { kCompliant, kNegligent, kCorrupt };

class DealerChoice {
 public:
  /// How many dealers a network asks before giving up on finding a corrupt one.
  static constexpr int kCorruptTries = 8;

  /// The dealers first, first + 1, … of one state, with their types and whether their
  /// licence is revoked (index 0 of each span is dealer `first`).
  void assign(int first, std::span<const DealerType> types, std::span<const std::uint8_t> revoked, double attraction);
  /// No dealer can be drawn (none, all revoked, or only zero weights).
  [[nodiscard]] bool empty() const { return !(total_ > 0); }
  struct Picked {
    int dealer;
    DealerType type;  ///< known from where the dealer sits in the list: no look-up
  };
  /// The dealer a draw with uniform u in (0, 1) picks: each with probability
  /// weight / total. Requires !empty().
  [[nodiscard]] Picked pick(double u) const;
  /// Starts fetching the list entry pick(u) will read (a trip draws its dealer's uniform
  /// early and makes its other choices while the entry arrives).
  void prefetch(double u) const {
    if (!empty()) prefetch_for_read(&ids_[place_of(u)]);
  }
  /// The outcome of up to kCorruptTries draws as pick() draws them, stopping at the first
  /// corrupt dealer: that dealer, or -1 if none of the tries found one. Decided with one
  /// uniform from `rng`, and a second to name the dealer when one is found. Requires !empty().
  [[nodiscard]] int pick_corrupt(Rng& rng) const;
  /// Chance that one draw picks a corrupt dealer (for tests).
  [[nodiscard]] double corrupt_share() const { return corrupt_share_; }

  /// Dealer `dealer` (one of this state's, open) loses its licence: it is never drawn
  /// again. Constant time (a revocation used to rebuild the state's table).
  void revoke(int dealer);
  /// Dealer `dealer` (open) is now of type `now` (a warning conference makes a negligent
  /// dealer compliant). Constant time.
  void retype(int dealer, DealerType now);

 private:
  [[nodiscard]] std::size_t place_of(double u) const;  // where in ids_ pick(u) looks
  void swap_places(std::size_t a, std::size_t b);
  void remove_at(std::size_t at);  // keeps the groups contiguous
  void insert(int dealer, DealerType type);
  void reweigh();  // total_, corrupt_share_, none_corrupt_ from the counts

  int first_ = 0;
  // Open dealers, grouped: compliant [0, n_compliant), corrupt [.., + n_corrupt), then
  // negligent to the end. Updates move at most three entries and keep the groups whole,
  // so the order within a group depends on the history of revocations: a draw is still
  // uniform within its group.
  std::vector<std::int32_t> ids_;
  std::vector<std::int32_t> place_;  // by dealer − first: its index in ids_, −1 if revoked
  std::size_t n_compliant_ = 0;
  std::size_t n_corrupt_ = 0;
  std::size_t n_other_ = 0;  // negligent and corrupt
  double attraction_ = 0;
  double total_ = 0;          // n_compliant + attraction × n_other
  double corrupt_share_ = 0;  // attraction × n_corrupt / total
  double none_corrupt_ = 1;   // (1 − corrupt_share)^kCorruptTries
};

}  // namespace gunflow
