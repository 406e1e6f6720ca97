// dealer_choice.hpp: a network draws a state's open dealers in proportion to their
// attraction (1 compliant, `attraction` negligent or corrupt, 0 revoked), and its tries
// at finding a corrupt dealer end as kCorruptTries such draws would.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "gunflow/model/dealer_choice.hpp"

using namespace gunflow;

namespace {
constexpr int kFirst = 700;  // the state's first dealer id

// 40 dealers (or n): types cycle compliant, compliant, negligent, corrupt, compliant;
// every seventh is revoked.
struct StateDealers {
  std::vector<DealerType> types;
  std::vector<std::uint8_t> revoked;
  explicit StateDealers(int n = 40) {
    constexpr DealerType kCycle[] = {DealerType::kCompliant, DealerType::kCompliant, DealerType::kNegligent,
                                     DealerType::kCorrupt, DealerType::kCompliant};
    for (int i = 0; i < n; ++i) {
      types.push_back(kCycle[i % 5]);
      revoked.push_back(i % 7 == 3 ? 1 : 0);
    }
  }
  [[nodiscard]] double weight(int i, double attraction) const {
    const auto k = static_cast<std::size_t>(i);
    if (revoked[k] != 0) return 0.0;
    return types[k] == DealerType::kCompliant ? 1.0 : attraction;
  }
};
}  // namespace

TEST_CASE("DealerChoice picks each open dealer in proportion to its attraction", "[model][dealer_choice]") {
  const StateDealers s;
  for (const double attraction : {0.0, 0.5, 3.0}) {
    DealerChoice choice;
    choice.assign(kFirst, s.types, s.revoked, attraction);
    REQUIRE(!choice.empty());
    // An even grid of N uniforms: each dealer must get N × weight / total of them, to
    // within a few (a deterministic check of the mapping, not a statistical one: the
    // alias table splits a dealer's share over columns, each rounding by one at most).
    constexpr int kN = 200000;
    std::map<int, int> hits;
    for (int k = 0; k < kN; ++k) {
      const DealerChoice::Picked p = choice.pick((k + 0.5) / kN);
      ++hits[p.dealer];
      REQUIRE(p.type == s.types[static_cast<std::size_t>(p.dealer - kFirst)]);  // the type it reports is the dealer's
    }
    double total = 0;
    for (int i = 0; i < 40; ++i) total += s.weight(i, attraction);
    INFO("attraction " << attraction);
    for (int i = 0; i < 40; ++i) {
      INFO("dealer " << i);
      CHECK(std::abs(hits[kFirst + i] - kN * s.weight(i, attraction) / total) <= 8.0);
    }
    int counted = 0;
    for (const auto& [id, n] : hits) {
      CHECK(id >= kFirst);
      CHECK(id < kFirst + 40);
      counted += n;
    }
    CHECK(counted == kN);
    // The extremes of (0, 1) stay inside the table.
    CHECK(choice.pick(1e-300).dealer >= kFirst);
    CHECK(choice.pick(1.0 - 0x1p-53).dealer < kFirst + 40);
  }
}

TEST_CASE("DealerChoice is empty when no open dealer has weight", "[model][dealer_choice]") {
  DealerChoice none;
  none.assign(kFirst, {}, {}, 1.0);
  CHECK(none.empty());
  const std::vector<DealerType> types = {DealerType::kCompliant, DealerType::kCorrupt};
  DealerChoice all_revoked;
  all_revoked.assign(kFirst, types, std::vector<std::uint8_t>{1, 1}, 2.0);
  CHECK(all_revoked.empty());
  DealerChoice unattractive;
  unattractive.assign(kFirst, std::vector<DealerType>{DealerType::kCorrupt}, std::vector<std::uint8_t>{0}, 0.0);
  CHECK(unattractive.empty());
}

TEST_CASE("DealerChoice's tries at a corrupt dealer end as that many draws would", "[model][dealer_choice]") {
  const StateDealers s;
  DealerChoice choice;
  choice.assign(kFirst, s.types, s.revoked, 2.0);
  double total = 0, corrupt = 0;
  for (int i = 0; i < 40; ++i) {
    total += s.weight(i, 2.0);
    if (s.types[static_cast<std::size_t>(i)] == DealerType::kCorrupt) corrupt += s.weight(i, 2.0);
  }
  CHECK(choice.corrupt_share() == Approx(corrupt / total).epsilon(1e-12));
  const double none = std::pow(1.0 - corrupt / total, DealerChoice::kCorruptTries);
  constexpr int kN = 200000;
  Rng rng(3, StreamId::kSelfTest, 0, 0, 0);
  int misses = 0;
  std::map<int, int> found;
  for (int k = 0; k < kN; ++k) {
    const int d = choice.pick_corrupt(rng);
    if (d < 0)
      ++misses;
    else
      ++found[d];
  }
  // Binomial proportions within 5 standard errors.
  auto within = [](double count, double n, double p) {
    return std::abs(count / n - p) <= 5 * std::sqrt(p * (1 - p) / n);
  };
  CHECK(within(misses, kN, none));
  const double hits = kN - misses;
  for (int i = 0; i < 40; ++i) {
    const int n = found.count(kFirst + i) ? found[kFirst + i] : 0;
    INFO("dealer " << i);
    if (s.types[static_cast<std::size_t>(i)] != DealerType::kCorrupt || s.revoked[static_cast<std::size_t>(i)] != 0) {
      CHECK(n == 0);  // only open corrupt dealers are ever found
    } else {
      CHECK(within(n, hits, s.weight(i, 2.0) / corrupt));
    }
  }
  // A state without corrupt dealers: every try misses.
  std::vector<DealerType> clean(10, DealerType::kNegligent);
  DealerChoice honest;
  honest.assign(kFirst, clean, std::vector<std::uint8_t>(10, 0), 2.0);
  CHECK(honest.pick_corrupt(rng) == -1);
}

TEST_CASE("DealerChoice after revocations and retypes draws as if built afresh", "[model][dealer_choice]") {
  // Revoke and retype dealers one at a time (every group, first and last entries
  // included); after each change the draw must give every dealer weight / total of an
  // even grid of uniforms (to within a few) and the right type, as a fresh assign would.
  // 40 dealers are one block of the table; 150 are three (the last partial), so changes
  // there rebuild one block and the table over the blocks.
  const int n_dealers = GENERATE(40, 150);
  INFO(n_dealers << " dealers");
  StateDealers s(n_dealers);
  DealerChoice choice;
  choice.assign(kFirst, s.types, s.revoked, 2.5);
  auto check_draws = [&](int step) {
    constexpr int kN = 50000;
    std::map<int, int> hits;
    for (int k = 0; k < kN; ++k) {
      const DealerChoice::Picked p = choice.pick((k + 0.5) / kN);
      ++hits[p.dealer];
      REQUIRE(p.type == s.types[static_cast<std::size_t>(p.dealer - kFirst)]);
    }
    double total = 0, corrupt = 0;
    for (int i = 0; i < n_dealers; ++i) {
      total += s.weight(i, 2.5);
      if (s.types[static_cast<std::size_t>(i)] == DealerType::kCorrupt) corrupt += s.weight(i, 2.5);
    }
    INFO("after change " << step);
    for (int i = 0; i < n_dealers; ++i) {
      INFO("dealer " << i);
      CHECK(std::abs(hits[kFirst + i] - kN * s.weight(i, 2.5) / total) <= 8.0);
    }
    CHECK(choice.corrupt_share() == Approx(corrupt / total).epsilon(1e-12));
    // A change updates one dealer in place: the tables must be those a fresh build of the
    // same dealers gives, bit for bit (the model's outputs depend on every pick).
    DealerChoice fresh;
    fresh.assign(kFirst, s.types, s.revoked, 2.5);
    CHECK(choice.corrupt_share() == fresh.corrupt_share());
    CHECK(choice.empty() == fresh.empty());
    for (int k = 0; k < 997 && !fresh.empty(); ++k) {
      const double u = (k + 0.25) / 997;
      REQUIRE(choice.pick(u).dealer == fresh.pick(u).dealer);
    }
    Rng a(5, StreamId::kSelfTest, static_cast<std::uint64_t>(step), 0, 0), b = a;
    for (int k = 0; k < 200; ++k) REQUIRE(choice.pick_corrupt(a) == fresh.pick_corrupt(b));
  };
  std::vector<int> order = {0, n_dealers - 1, 3, 8, 2, 22, 17, 13, n_dealers - 2, 1, 4, 5, 12, 27, 33};
  if (n_dealers > 128) order.insert(order.end(), {64, 127, 128, 90, 70, 131, 65});
  int step = 0;
  for (const int i : order) {
    const auto k = static_cast<std::size_t>(i);
    if (step % 3 == 1 && s.types[k] == DealerType::kNegligent) {
      s.types[k] = DealerType::kCompliant;
      choice.retype(kFirst + i, DealerType::kCompliant);
    } else if (step % 3 == 2) {
      s.types[k] = s.types[k] == DealerType::kCompliant ? DealerType::kCorrupt : DealerType::kCompliant;
      choice.retype(kFirst + i, s.types[k]);
    } else {
      s.revoked[k] = 1;
      choice.revoke(kFirst + i);
      choice.revoke(kFirst + i);  // a second revocation changes nothing
    }
    check_draws(++step);
  }
  // Revoking every dealer leaves nothing to draw.
  for (int i = 0; i < n_dealers; ++i) choice.revoke(kFirst + i);
  CHECK(choice.empty());
}

TEST_CASE("DealerChoice weighs dealers by their continuous trait", "[model][dealer_choice]") {
  // Traits spread over two orders of magnitude: each dealer's share of draws is
  // trait × attraction / total, so a few heavy dealers take most draws.
  const StateDealers s;
  std::vector<double> trait(40);
  for (int i = 0; i < 40; ++i) trait[static_cast<std::size_t>(i)] = std::pow(1.12, i);
  DealerChoice choice;
  choice.assign(kFirst, s.types, s.revoked, 2.0, trait);
  constexpr int kN = 400000;
  std::map<int, int> hits;
  for (int k = 0; k < kN; ++k) ++hits[choice.pick((k + 0.5) / kN).dealer];
  double total = 0;
  for (int i = 0; i < 40; ++i) total += s.weight(i, 2.0) * trait[static_cast<std::size_t>(i)];
  for (int i = 0; i < 40; ++i) {
    INFO("dealer " << i);
    CHECK(std::abs(hits[kFirst + i] - kN * s.weight(i, 2.0) * trait[static_cast<std::size_t>(i)] / total) <= 8.0);
  }
  // A revocation removes exactly that dealer's weight.
  choice.revoke(kFirst + 39);
  CHECK(choice.pick(0.999999).dealer != kFirst + 39);
}
