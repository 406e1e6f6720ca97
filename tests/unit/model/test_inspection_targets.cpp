// inspection_targets.hpp: targeted inspections rank dealers by their crime-gun traces of young
// guns since their last inspection, then by all their traces, ties to the lowest index,
// skipping revoked licences.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "gunflow/model/inspection_targets.hpp"

using namespace gunflow;

namespace {
/// What next() must return: the open dealer with the most young traces, then the most
/// traces, ties to the lowest index; -1 when no open dealer has a trace.
int most_traced(const std::vector<std::uint32_t>& young, const std::vector<std::uint32_t>& all,
                const std::vector<std::uint8_t>& revoked) {
  int best = -1;
  for (std::size_t d = 0; d < all.size(); ++d) {
    if (all[d] == 0 || revoked[d] != 0) continue;
    const auto b = static_cast<std::size_t>(best);
    if (best < 0 || young[d] > young[b] || (young[d] == young[b] && all[d] > all[b])) best = static_cast<int>(d);
  }
  return best;
}
}  // namespace

TEST_CASE("The dealer with the most traces since its last inspection is inspected first", "[model][inspections]") {
  InspectionTargets t;
  t.reset(10);
  const std::vector<std::uint8_t> open(10, 0);
  CHECK(t.next(open) == -1);  // nothing traced: no target
  for (int i = 0; i < 3; ++i) t.traced(5, true);
  for (int i = 0; i < 3; ++i) t.traced(2, true);
  t.traced(9, true);
  CHECK(t.next(open) == 2);  // 3 traces each: the lower index
  CHECK(t.next(open) == 2);  // still ranked until inspected
  t.inspected(2);
  CHECK(t.count(2) == 0);
  CHECK(t.next(open) == 5);
  t.inspected(5);
  CHECK(t.next(open) == 9);
  t.inspected(9);
  CHECK(t.next(open) == -1);
}

TEST_CASE("Young traces rank a dealer first; old ones only break ties and fill in", "[model][inspections]") {
  // Dealer 1: five traces of old guns; dealer 4: one of a young gun and one of an old one;
  // dealer 6: one young. A short time-to-crime points at the sale, so 4 and 6 come before
  // 1, and 4 before 6 by its old trace; then 1, whose traces are all old.
  InspectionTargets t;
  t.reset(8);
  const std::vector<std::uint8_t> open(8, 0);
  for (int i = 0; i < 5; ++i) t.traced(1, false);
  t.traced(6, true);
  t.traced(4, false);
  t.traced(4, true);
  CHECK(t.young_count(4) == 1);
  CHECK(t.count(4) == 2);
  CHECK(t.next(open) == 4);
  t.inspected(4);
  CHECK(t.next(open) == 6);
  t.inspected(6);
  CHECK(t.next(open) == 1);
  t.inspected(1);
  CHECK(t.next(open) == -1);
}

TEST_CASE("An inspected dealer counts again from zero and a revoked one is never targeted", "[model][inspections]") {
  InspectionTargets t;
  t.reset(8);
  std::vector<std::uint8_t> revoked(8, 0);
  for (int i = 0; i < 4; ++i) t.traced(3, true);
  t.inspected(3);
  t.traced(3, true);  // one trace since the inspection: its four before no longer count
  t.traced(7, true);
  t.traced(7, true);
  CHECK(t.next(revoked) == 7);
  revoked[7] = 1;
  CHECK(t.next(revoked) == 3);
  revoked[3] = 1;
  CHECK(t.next(revoked) == -1);
}

TEST_CASE("Targets follow the counts whatever the order of traces, across rebuilds of the heap",
          "[model][inspections]") {
  // 40 dealers and 20,000 random events: traces of young or old guns (skewed towards a few
  // dealers), inspections of the current target or of a random dealer, and revocations;
  // the heap is rebuilt every 1,100 or so stale entries. After every event the target is
  // the brute-force one.
  constexpr std::size_t kDealers = 40;
  InspectionTargets t;
  t.reset(kDealers);
  std::vector<std::uint32_t> young(kDealers, 0), all(kDealers, 0);
  std::vector<std::uint8_t> revoked(kDealers, 0);
  std::mt19937_64 gen(20261206);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::size_t targets_found = 0;
  for (int event = 0; event < 20000; ++event) {
    const double what = u(gen);
    const auto d = static_cast<std::size_t>(u(gen) * u(gen) * kDealers);  // low indices traced more
    if (what < 0.8) {
      const bool is_young = u(gen) < 0.3;
      t.traced(static_cast<int>(d), is_young);
      ++all[d];
      if (is_young) ++young[d];
    } else if (what < 0.9) {
      const int target = t.next(revoked);
      if (target >= 0) {
        t.inspected(target);
        young[static_cast<std::size_t>(target)] = all[static_cast<std::size_t>(target)] = 0;
      }
    } else if (what < 0.999) {
      t.inspected(static_cast<int>(d));
      young[d] = all[d] = 0;
    } else {
      revoked[d] = 1;
    }
    const int expected = most_traced(young, all, revoked);
    REQUIRE(t.next(revoked) == expected);
    if (expected >= 0) ++targets_found;
  }
  CHECK(targets_found > 10000);  // the check ran on live rankings, not on an empty heap
}
