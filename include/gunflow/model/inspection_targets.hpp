#pragma once
// Which dealer ATF's next targeted compliance inspection visits: the one named in the most
// crime-gun traces since it was last inspected. ATF ranks dealers for inspection by what
// it can see, above all their crime-gun traces (the dealers with many traces of short
// time-to-crime are the ones its Demand Letter 2 program singles out); it cannot see
// whether a dealer breaks the law until it inspects. So the ranking knows the traces, not
// the dealer's type: a high-volume dealer whose honest sales resurface as crime guns ranks
// as high as a negligent one with the same count (docs/ODD.md §7.14).
//
// The choice is the largest count, ties to the lowest dealer index: a pure function of
// the counts, whatever order the traces came in. Held as a heap with lazy deletion: each
// trace pushes the dealer's new count, so a dealer with a count always has an entry
// holding it; an entry whose count is no longer the dealer's is dropped when it surfaces
// (one left from before an inspection that happens to equal the new count names the
// same dealer with the same count, so it does no harm).
#include <cstdint>
#include <span>
#include <vector>

namespace gunflow {

class InspectionTargets {
 public:
  /// `dealers` dealers, none traced.
  void reset(std::size_t dealers);
  /// A crime-gun trace names `dealer`.
  void traced(int dealer);
  /// Takes the dealer with the most traces since its last inspection (at least one),
  /// skipping dealers whose licence is revoked (`revoked[d]` != 0); -1 if none is left.
  /// The dealer stays ranked until inspected() is called for it.
  [[nodiscard]] int next(std::span<const std::uint8_t> revoked);
  /// `dealer` was inspected (targeted or not): its count starts again from 0.
  void inspected(int dealer);
  /// Traces naming `dealer` since its last inspection.
  [[nodiscard]] std::uint32_t count(int dealer) const { return since_[static_cast<std::size_t>(dealer)]; }

 private:
  struct Entry {
    std::uint32_t count;
    std::int32_t dealer;
  };
  static bool ranks_below(const Entry& a, const Entry& b);
  [[nodiscard]] bool current(const Entry& e) const;
  void compact();

  std::vector<std::uint32_t> since_;  // by dealer: traces since its last inspection
  std::vector<Entry> heap_;
};

}  // namespace gunflow
