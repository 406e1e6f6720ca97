#pragma once
// Which dealer ATF's next targeted compliance inspection visits: the one named in the most
// crime-gun traces of young guns since it was last inspected, then in the most traces of
// any age. ATF ranks dealers for inspection by what it can see, above all their crime-gun
// traces, and a short time-to-crime most of all (its Demand Letter 2 program singles out
// dealers with many traces within three years of the sale); it cannot see whether a
// dealer breaks the law until it inspects. So the ranking knows the traces, not the
// dealer's type: a high-volume dealer whose honest sales resurface as crime guns ranks
// as high as a negligent one with the same counts (docs/ODD.md §7.14).
//
// The choice is the largest (young, all) pair of counts, ties to the lowest dealer index:
// a pure function of the counts, whatever order the traces came in. Held as a heap with
// lazy deletion: each trace pushes the dealer's new counts, so a dealer with a count
// always has an entry holding it; an entry whose counts are no longer the dealer's is
// dropped when it surfaces (one left from before an inspection that happens to equal the
// new counts names the same dealer with the same counts, so it does no harm).
#include <cstdint>
#include <span>
#include <vector>

namespace gunflow {

class InspectionTargets {
 public:
  /// `dealers` dealers, none traced.
  void reset(std::size_t dealers);
  /// A crime-gun trace names `dealer`; `young`: its time-to-crime is short enough to count
  /// first (enforcement.target_ttc_years).
  void traced(int dealer, bool young);
  /// Takes the dealer with the most young traces since its last inspection, then the most
  /// traces of any age (at least one), skipping dealers whose licence is revoked
  /// (`revoked[d]` != 0); -1 if none is left. The dealer stays ranked until inspected().
  [[nodiscard]] int next(std::span<const std::uint8_t> revoked);
  /// `dealer` was inspected (targeted or not): its counts start again from 0.
  void inspected(int dealer);
  /// Traces naming `dealer` since its last inspection: all of them, and the young ones.
  [[nodiscard]] std::uint32_t count(int dealer) const { return all_[static_cast<std::size_t>(dealer)]; }
  [[nodiscard]] std::uint32_t young_count(int dealer) const { return young_[static_cast<std::size_t>(dealer)]; }

 private:
  struct Entry {
    std::uint64_t rank;  // young traces in the high 32 bits, all traces in the low 32
    std::int32_t dealer;
  };
  static bool ranks_below(const Entry& a, const Entry& b);
  [[nodiscard]] std::uint64_t rank_of(std::size_t d) const;
  void compact();

  std::vector<std::uint32_t> young_;  // by dealer: young traces since its last inspection
  std::vector<std::uint32_t> all_;    // by dealer: traces of any age since its last inspection
  std::vector<Entry> heap_;
};

}  // namespace gunflow
