// gun_fates.hpp: each gun held in Mexico is lost with probability a each day, and if
// not, recovered with probability r(day), independently. A gun's recovery (and its loss,
// if that comes first) is drawn on arrival when the gun has a chance of recovery; the
// losses of guns without one are drawn day by day by the arsenal that pools them. These
// tests check the law the two make together against its closed forms, by running guns
// through an arsenal; the draw's own contract; and that days before a change in r(d) are
// drawn alike (common random numbers).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "gunflow/model/arsenal.hpp"
#include "gunflow/model/gun_fates.hpp"

using namespace gunflow;

namespace {
constexpr std::int32_t kFirst = 1000;  // any Date::days()

struct Outcomes {
  std::vector<std::int64_t> lost_on, recovered_on;  // by day index
  std::int64_t held = 0;
};

/// `n` guns of class `cls` arrive on `day` in an arsenal that is settled every day of the run.
Outcomes run_guns(const GunFates& fates, std::int32_t day, std::int64_t n, std::uint64_t seed,
                  FirearmClass cls = FirearmClass::kHandgun) {
  const auto days = static_cast<std::size_t>(fates.end_day() - fates.first_day());
  Outcomes o{std::vector<std::int64_t>(days, 0), std::vector<std::int64_t>(days, 0), 0};
  Arsenal arsenal(fates);
  Rng rng(seed, StreamId::kSelfTest, 0, 0, 0);
  Lot lot;
  lot.count = n;
  lot.cls = cls;
  std::vector<Lot> recovered;
  for (std::int32_t d = fates.first_day(); d < fates.end_day(); ++d) {
    if (d == day) arsenal.add(lot, d, fates, rng);
    Rng attrition(seed, StreamId::kSelfTest, 1, 0, static_cast<std::uint64_t>(d));
    const std::int64_t before = arsenal.total();
    arsenal.settle(d, recovered, attrition);
    const auto i = static_cast<std::size_t>(d - kFirst);
    o.recovered_on[i] = static_cast<std::int64_t>(recovered.size());
    o.lost_on[i] = before - arsenal.total() - o.recovered_on[i];
  }
  o.held = arsenal.total();
  return o;
}

/// Binomial proportion check: |observed − p| within 5 standard errors.
void check_share(std::int64_t count, std::int64_t n, double p) {
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
  INFO("observed " << static_cast<double>(count) / static_cast<double>(n) << ", expected " << p);
  CHECK(std::abs(static_cast<double>(count) / static_cast<double>(n) - p) <= 5 * se + 1e-12);
}

/// Every fate `fates` draws for `count` guns arriving on `day`: −d for a recovery on d,
/// +d for a loss on d, then the number pooled.
std::vector<std::int64_t> fates_of(const GunFates& fates, std::int32_t day, std::int64_t count, Rng& rng,
                                   FirearmClass cls = FirearmClass::kHandgun) {
  std::vector<std::int64_t> out;
  const std::int64_t pooled = fates.draw(
      day, count, cls, rng, [&](std::int32_t d) { out.push_back(d); }, [&](std::int32_t d) { out.push_back(-d); });
  out.push_back(pooled);
  return out;
}
}  // namespace

TEST_CASE("GunFates: without a chance of recovery every gun joins the pool, one draw each", "[model][gun_fates]") {
  const GunFates fates(kFirst, kFirst + 50, 0.01, std::vector<double>(50, 0.0), 0.0);
  Rng rng(1, StreamId::kSelfTest, 0, 0, 0);
  Rng copy = rng;
  int calls = 0;
  CHECK(fates.draw(
            kFirst + 3, 1000, FirearmClass::kHandgun, rng, [&](std::int32_t) { ++calls; },
            [&](std::int32_t) { ++calls; }) == 1000);
  CHECK(calls == 0);
  for (int i = 0; i < 1000; ++i) (void)copy.next_u64();
  CHECK(rng.next_u64() == copy.next_u64());
  CHECK(fates.attrition_per_day() == 0.01);
}

TEST_CASE("GunFates: under attrition alone the days survived are geometric", "[model][gun_fates]") {
  const double a = 0.01;
  // Chances of recovery that always fail (r = 0 < r̄) must not change the losses.
  for (const double chance : {0.0, 0.01}) {
    const GunFates fates(kFirst, kFirst + 200, a, std::vector<double>(200, 0.0), chance);
    constexpr std::int64_t kGuns = 200000;
    const Outcomes o = run_guns(fates, kFirst + 20, kGuns, 2);
    INFO("chance " << chance);
    for (std::size_t d = 0; d < 20; ++d) CHECK(o.lost_on[d] == 0);  // nothing before arrival
    check_share(o.lost_on[20], kGuns, a);                           // the arrival day counts
    std::int64_t lost_by = 0;
    for (std::size_t d = 20; d < 200; ++d) {
      lost_by += o.lost_on[d];
      if ((d - 20) % 30 == 0) check_share(lost_by, kGuns, 1 - std::pow(1 - a, static_cast<double>(d - 20 + 1)));
    }
    check_share(o.held, kGuns, std::pow(1 - a, 180.0));  // 180 days at risk
    for (const std::int64_t r : o.recovered_on) CHECK(r == 0);
  }
}

TEST_CASE("GunFates: recovery follows each day's chance, which may change with the date", "[model][gun_fates]") {
  // r = 0.002 on days 0..99 and 0.02 on days 100..199 (a policy changing corruption),
  // under a daily chance r̄ = 0.02 (so a chance succeeds one time in ten at first).
  std::vector<double> r(200, 0.002);
  for (std::size_t d = 100; d < 200; ++d) r[d] = 0.02;
  const GunFates fates(kFirst, kFirst + 200, 0.0, r, 0.02);
  constexpr std::int64_t kGuns = 200000;
  const Outcomes o = run_guns(fates, kFirst + 50, kGuns, 3);
  std::int64_t recovered_by = 0;
  double escaped = 1.0;
  for (std::size_t d = 50; d < 200; ++d) {
    recovered_by += o.recovered_on[d];
    escaped *= 1 - r[d];
    if (d == 99 || d == 100 || d == 150 || d == 199) check_share(recovered_by, kGuns, 1 - escaped);
  }
  check_share(o.held, kGuns, escaped);
  for (const std::int64_t l : o.lost_on) CHECK(l == 0);
}

TEST_CASE("GunFates: a loss on a day comes before that day's recovery", "[model][gun_fates]") {
  // a = r = 0.3: each day a held gun is lost w.p. 0.3, recovered w.p. 0.7 × 0.3 = 0.21,
  // kept w.p. 0.49 — with r̄ = r, and with r̄ = 0.5 (chances that fail 40% of the time).
  for (const double chance : {0.3, 0.5}) {
    const GunFates fates(kFirst, kFirst + 30, 0.3, std::vector<double>(30, 0.3), chance);
    constexpr std::int64_t kGuns = 200000;
    const Outcomes o = run_guns(fates, kFirst, kGuns, 4);
    INFO("chance " << chance);
    for (std::size_t d = 0; d < 4; ++d) {
      const double kept = std::pow(0.49, static_cast<double>(d));
      check_share(o.lost_on[d], kGuns, kept * 0.3);
      check_share(o.recovered_on[d], kGuns, kept * 0.21);
    }
  }
}

TEST_CASE("GunFates: a gun arriving on the last day faces only that day", "[model][gun_fates]") {
  const GunFates fates(kFirst, kFirst + 10, 0.2, std::vector<double>(10, 0.5), 0.6);
  constexpr std::int64_t kGuns = 100000;
  const Outcomes o = run_guns(fates, kFirst + 9, kGuns, 5);
  check_share(o.lost_on[9], kGuns, 0.2);
  check_share(o.recovered_on[9], kGuns, 0.8 * 0.5);
  check_share(o.held, kGuns, 0.8 * 0.5);
}

TEST_CASE("GunFates: the pool holds the guns without a chance before the end", "[model][gun_fates]") {
  // r̄ = 0.01 over the 70 days from day 30: 0.99^70 of the guns have no chance.
  const GunFates fates(kFirst, kFirst + 100, 0.02, std::vector<double>(100, 0.004), 0.01);
  Rng rng(8, StreamId::kSelfTest, 0, 0, 0);
  constexpr std::int64_t kGuns = 200000;
  std::int64_t left = 0;
  const std::int64_t pooled = fates.draw(
      kFirst + 30, kGuns, FirearmClass::kHandgun, rng,
      [&](std::int32_t d) {
        CHECK(d >= kFirst + 30);
        CHECK(d < kFirst + 100);
        ++left;
      },
      [&](std::int32_t d) {
        CHECK(d >= kFirst + 30);
        CHECK(d < kFirst + 100);
        ++left;
      });
  check_share(pooled, kGuns, std::pow(0.99, 70.0));
  CHECK(pooled + left <= kGuns);
}

TEST_CASE("GunFates: days before a change in recovery are drawn alike", "[model][gun_fates]") {
  // Common random numbers: a scenario whose r(d) differs only from day 150 on (vetting)
  // must see exactly the baseline's pool and fates before day 150, gun by gun.
  std::vector<double> base(300, 0.004), policy = base;
  for (std::size_t d = 150; d < 300; ++d) policy[d] = 0.009;
  const GunFates a(kFirst, kFirst + 300, 0.003, base, 0.01);
  const GunFates b(kFirst, kFirst + 300, 0.003, policy, 0.01);
  std::int64_t early = 0, late_a = 0, late_b = 0;
  for (std::int32_t arrival : {0, 60, 149, 200}) {
    Rng ra(12, StreamId::kSelfTest, 0, 0, static_cast<std::uint64_t>(arrival)), rb = ra;
    const std::vector<std::int64_t> fa = fates_of(a, kFirst + arrival, 30000, ra);
    const std::vector<std::int64_t> fb = fates_of(b, kFirst + arrival, 30000, rb);
    CHECK(fa.back() == fb.back());          // the same guns pooled
    CHECK(ra.next_u64() == rb.next_u64());  // the same draws used
    // Guns are drawn in order, so the fates before day 150 come in the same order.
    auto before_change = [&](const std::vector<std::int64_t>& f, std::int64_t& late) {
      std::vector<std::int64_t> out;
      for (std::size_t i = 0; i + 1 < f.size(); ++i) {
        if (std::abs(f[i]) - kFirst < 150)
          out.push_back(f[i]);
        else
          ++late;
      }
      return out;
    };
    const std::vector<std::int64_t> ea = before_change(fa, late_a), eb = before_change(fb, late_b);
    CHECK(ea == eb);
    early += static_cast<std::int64_t>(ea.size());
  }
  CHECK(early > 1000);
  CHECK(late_b > late_a + 500);  // the policy did change later fates: more recoveries
}

TEST_CASE("GunFates: a lot's guns are drawn in order", "[model][gun_fates]") {
  // Two lots of 40 and 60 guns from one stream see the fates of one lot of 100.
  const GunFates fates(kFirst, kFirst + 100, 0.02, std::vector<double>(100, 0.01), 0.02);
  Rng a(9, StreamId::kSelfTest, 0, 0, 0), b = a;
  std::vector<std::int64_t> split = fates_of(fates, kFirst + 5, 40, a);
  const std::vector<std::int64_t> second = fates_of(fates, kFirst + 5, 60, a);
  const std::int64_t pooled = split.back() + second.back();
  split.pop_back();
  split.insert(split.end(), second.begin(), second.end() - 1);
  split.push_back(pooled);
  const std::vector<std::int64_t> whole = fates_of(fates, kFirst + 5, 100, b);
  CHECK(split == whole);
  CHECK(whole.size() > 1);
}

TEST_CASE("GunFates: the guided search finds the day a plain search finds", "[model][gun_fates]") {
  // The later recovery of a gun whose first chance failed is looked up through a
  // SurvivalTable. Compare every fate with the law written out plainly — a search of the
  // products Π(1 − r) with std::partition_point — on a table with steps, stretches
  // without recovery (flat runs of equal products) and one spike.
  std::vector<double> r(400, 0.003);
  for (std::size_t d = 50; d < 120; ++d) r[d] = 0.0;
  for (std::size_t d = 200; d < 260; ++d) r[d] = 0.02;
  r[300] = 0.5;
  for (std::size_t d = 350; d < 400; ++d) r[d] = 0.0;
  const double a = 0.002, chance = 0.5;
  const GunFates fates(kFirst, kFirst + 400, a, r, chance);
  std::vector<double> unrecovered(401, 1.0), kept(401, 1.0), no_chance(401, 1.0);
  for (std::size_t i = 0; i < 400; ++i) {
    unrecovered[i + 1] = unrecovered[i] * (1.0 - r[i]);
    kept[i + 1] = kept[i] * (1.0 - a);
    no_chance[i + 1] = no_chance[i] * (1.0 - chance);
  }
  auto unit = [](std::uint64_t bits) { return (static_cast<double>(bits) + 0.5) * (1.0 / 4294967296.0); };
  std::int64_t recoveries = 0, late = 0;
  for (std::int32_t arrival : {0, 49, 50, 119, 199, 300, 349, 399}) {
    Rng rng(11, StreamId::kSelfTest, 0, 0, static_cast<std::uint64_t>(arrival)), plain = rng;
    const std::vector<std::int64_t> got = fates_of(fates, kFirst + arrival, 20000, rng);
    std::vector<std::int64_t> want;
    std::int64_t pooled = 0;
    const auto first = static_cast<std::size_t>(arrival);
    for (int g = 0; g < 20000; ++g) {
      const std::uint64_t bits = plain.next_u64();
      const double u_chance = unit(bits >> 32);
      if (u_chance <= no_chance[400 - first]) {
        ++pooled;
        continue;
      }
      const std::size_t quiet =
          std::min<std::size_t>(static_cast<std::size_t>(std::log(u_chance) / std::log1p(-chance)), 400 - first - 1);
      const std::size_t day = first + quiet;
      const std::uint64_t more = plain.next_u64();
      std::size_t recovery = 400;
      if (unit(more >> 32) < r[day] / chance) {
        recovery = day;
      } else {
        const double threshold = unit(more & 0xffffffffU) * unrecovered[day + 1];
        if (unrecovered[400] < threshold) {
          const auto it =
              std::partition_point(unrecovered.begin(), unrecovered.end(), [&](double v) { return v >= threshold; });
          recovery = static_cast<std::size_t>(it - unrecovered.begin()) - 1;
          ++late;
        }
      }
      const std::size_t at_risk = (recovery < 400 ? recovery + 1 : 400) - first;
      const double u_loss = unit(bits & 0xffffffffU);
      if (u_loss > kept[at_risk]) {
        want.push_back(kFirst +
                       static_cast<std::int64_t>(
                           first + std::min<std::size_t>(static_cast<std::size_t>(std::log(u_loss) / std::log1p(-a)),
                                                         at_risk - 1)));
      } else if (recovery < 400) {
        want.push_back(-(kFirst + static_cast<std::int64_t>(recovery)));
        ++recoveries;
      }
    }
    want.push_back(pooled);
    INFO("arrival day " << arrival);
    CHECK(got == want);
  }
  CHECK(recoveries > 5000);
  CHECK(late > 1000);
}

TEST_CASE("GunFates: each class is recovered at its own rates", "[model][gun_fates]") {
  // Expected: AR-type rifles recovered at twice the handguns' daily rate from day 100 on
  // (a year of more conflict) follow their own closed form, handguns theirs, and a class
  // given the handguns' rates draws exactly the fates the one-law constructor gives
  // (common random numbers: a class the conflict does not move is drawn as before).
  std::vector<double> handgun(200, 0.002), rifle(200, 0.002);
  for (std::size_t d = 100; d < 200; ++d) rifle[d] = 0.004;
  std::array<std::vector<double>, kNumClasses> by_class;
  by_class.fill(handgun);
  by_class[index_of(FirearmClass::kAr)] = rifle;
  const GunFates fates(kFirst, kFirst + 200, 0.0, by_class, 0.004);
  constexpr std::int64_t kGuns = 200000;
  for (const auto& [cls, r] : {std::pair{FirearmClass::kHandgun, handgun}, std::pair{FirearmClass::kAr, rifle}}) {
    const Outcomes o = run_guns(fates, kFirst + 50, kGuns, 5, cls);
    std::int64_t recovered_by = 0;
    double escaped = 1.0;
    for (std::size_t d = 50; d < 200; ++d) {
      recovered_by += o.recovered_on[d];
      escaped *= 1 - r[d];
      if (d == 99 || d == 150 || d == 199) check_share(recovered_by, kGuns, 1 - escaped);
    }
  }
  const GunFates one_law(kFirst, kFirst + 200, 0.001, handgun, 0.004);
  const GunFates two_laws(kFirst, kFirst + 200, 0.001, by_class, 0.004);
  Rng a(9, StreamId::kSelfTest, 0, 0, 0);
  Rng b = a;
  CHECK(fates_of(one_law, kFirst + 20, 5000, a, FirearmClass::kAk) ==
        fates_of(two_laws, kFirst + 20, 5000, b, FirearmClass::kAk));
  Rng c(9, StreamId::kSelfTest, 0, 0, 0);
  Rng d = c;
  CHECK(fates_of(one_law, kFirst + 20, 5000, c, FirearmClass::kAr) !=
        fates_of(two_laws, kFirst + 20, 5000, d, FirearmClass::kAr));
}

TEST_CASE("GunFates refuses inconsistent tables", "[model][gun_fates]") {
  std::array<std::vector<double>, kNumClasses> by_class;
  by_class.fill(std::vector<double>(10, 0.01));
  by_class[index_of(FirearmClass::kBmg50)] = std::vector<double>(10, 0.02);  // above the chance
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, by_class, 0.01), std::invalid_argument);
  by_class[index_of(FirearmClass::kBmg50)] = std::vector<double>(9, 0.01);  // a day short
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, by_class, 0.01), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, std::vector<double>(9, 0.0), 0.0), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 1.0, std::vector<double>(10, 0.0), 0.0), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, -0.1, std::vector<double>(10, 0.0), 0.0), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, std::vector<double>(10, 0.02), 0.01), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, std::vector<double>(10, 0.0), 1.0), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, std::vector<double>(10, -0.01), 0.01), std::invalid_argument);
}
