// gun_fates.hpp: each gun held in Mexico is lost with probability a each day, and if
// not, recovered with probability r(day), independently; the fate is drawn on arrival
// from one 64-bit draw. These tests check that law against its closed forms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "gunflow/model/gun_fates.hpp"

using namespace gunflow;

namespace {
constexpr std::int32_t kFirst = 1000;  // any Date::days()

struct Outcomes {
  std::vector<std::int64_t> lost_on, recovered_on;  // by day index
  std::int64_t held = 0;
};

Outcomes draw_many(const GunFates& fates, std::int32_t day, std::int64_t n, std::uint64_t seed) {
  const auto days = static_cast<std::size_t>(fates.end_day() - fates.first_day());
  Outcomes o{std::vector<std::int64_t>(days, 0), std::vector<std::int64_t>(days, 0), 0};
  Rng rng(seed, StreamId::kSelfTest, 0, 0, 0);
  std::int64_t left = n;
  fates.draw(
      day, n, rng, [&](std::int32_t d) { ++o.lost_on[static_cast<std::size_t>(d - kFirst)], --left; },
      [&](std::int32_t d) { ++o.recovered_on[static_cast<std::size_t>(d - kFirst)], --left; });
  o.held = left;
  return o;
}

/// Binomial proportion check: |observed − p| within 5 standard errors.
void check_share(std::int64_t count, std::int64_t n, double p) {
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
  INFO("observed " << static_cast<double>(count) / static_cast<double>(n) << ", expected " << p);
  CHECK(std::abs(static_cast<double>(count) / static_cast<double>(n) - p) <= 5 * se + 1e-12);
}
}  // namespace

TEST_CASE("GunFates: with no attrition and no recovery every gun is held to the end", "[model][gun_fates]") {
  const GunFates fates(kFirst, kFirst + 50, 0.0, std::vector<double>(50, 0.0));
  Rng rng(1, StreamId::kSelfTest, 0, 0, 0);
  Rng copy = rng;
  int calls = 0;
  fates.draw(kFirst + 3, 1000, rng, [&](std::int32_t) { ++calls; }, [&](std::int32_t) { ++calls; });
  CHECK(calls == 0);
  for (int i = 0; i < 1000; ++i) (void)copy.next_u64();
  CHECK(rng.next_u64() == copy.next_u64());  // exactly one 64-bit draw per gun
}

TEST_CASE("GunFates: under attrition alone the days survived are geometric", "[model][gun_fates]") {
  const double a = 0.01;
  const GunFates fates(kFirst, kFirst + 200, a, std::vector<double>(200, 0.0));
  constexpr std::int64_t kGuns = 200000;
  const Outcomes o = draw_many(fates, kFirst + 20, kGuns, 2);
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

TEST_CASE("GunFates: recovery follows each day's chance, which may change with the date", "[model][gun_fates]") {
  // r = 0.002 on days 0..99 and 0.02 on days 100..199 (a policy changing corruption).
  std::vector<double> r(200, 0.002);
  for (std::size_t d = 100; d < 200; ++d) r[d] = 0.02;
  const GunFates fates(kFirst, kFirst + 200, 0.0, r);
  constexpr std::int64_t kGuns = 200000;
  const Outcomes o = draw_many(fates, kFirst + 50, kGuns, 3);
  std::int64_t recovered_by = 0;
  double escaped = 1.0;
  for (std::size_t d = 50; d < 200; ++d) {
    recovered_by += o.recovered_on[d];
    escaped *= 1 - r[d];
    if (d == 99 || d == 100 || d == 150 || d == 199) check_share(recovered_by, kGuns, 1 - escaped);
  }
  check_share(o.held, kGuns, escaped);
}

TEST_CASE("GunFates: a loss on a day comes before that day's recovery", "[model][gun_fates]") {
  // a = r = 0.3: each day a held gun is lost w.p. 0.3, recovered w.p. 0.7 × 0.3 = 0.21,
  // kept w.p. 0.49.
  const GunFates fates(kFirst, kFirst + 30, 0.3, std::vector<double>(30, 0.3));
  constexpr std::int64_t kGuns = 200000;
  const Outcomes o = draw_many(fates, kFirst, kGuns, 4);
  for (std::size_t d = 0; d < 4; ++d) {
    const double kept = std::pow(0.49, static_cast<double>(d));
    check_share(o.lost_on[d], kGuns, kept * 0.3);
    check_share(o.recovered_on[d], kGuns, kept * 0.21);
  }
}

TEST_CASE("GunFates: a gun arriving on the last day faces only that day", "[model][gun_fates]") {
  const GunFates fates(kFirst, kFirst + 10, 0.2, std::vector<double>(10, 0.5));
  constexpr std::int64_t kGuns = 100000;
  const Outcomes o = draw_many(fates, kFirst + 9, kGuns, 5);
  check_share(o.lost_on[9], kGuns, 0.2);
  check_share(o.recovered_on[9], kGuns, 0.8 * 0.5);
  check_share(o.held, kGuns, 0.8 * 0.5);
}

TEST_CASE("GunFates: a lot's guns are drawn in order, one draw each", "[model][gun_fates]") {
  // Two lots of 40 and 60 guns from one stream see the fates of one lot of 100.
  const GunFates fates(kFirst, kFirst + 100, 0.02, std::vector<double>(100, 0.01));
  auto record = [&](std::vector<std::int32_t>& out) {
    return std::pair{[&out](std::int32_t d) { out.push_back(d); }, [&out](std::int32_t d) { out.push_back(-d); }};
  };
  std::vector<std::int32_t> split, whole;
  Rng a(9, StreamId::kSelfTest, 0, 0, 0), b = a;
  auto [lost_s, rec_s] = record(split);
  fates.draw(kFirst + 5, 40, a, lost_s, rec_s);
  fates.draw(kFirst + 5, 60, a, lost_s, rec_s);
  auto [lost_w, rec_w] = record(whole);
  fates.draw(kFirst + 5, 100, b, lost_w, rec_w);
  CHECK(split == whole);
  CHECK(!whole.empty());
}

TEST_CASE("GunFates: the guided search finds the day a plain search finds", "[model][gun_fates]") {
  // The recovery day is looked up through a guide table (first_below). Compare it, gun by
  // gun, with the law written out plainly — a search of the products Π(1 − r) with
  // std::partition_point — on tables with steps, stretches without recovery (flat runs
  // of equal products) and one spike.
  std::vector<double> r(400, 0.003);
  for (std::size_t d = 50; d < 120; ++d) r[d] = 0.0;
  for (std::size_t d = 200; d < 260; ++d) r[d] = 0.02;
  r[300] = 0.5;
  for (std::size_t d = 350; d < 400; ++d) r[d] = 0.0;
  const double a = 0.002;
  const GunFates fates(kFirst, kFirst + 400, a, r);
  std::vector<double> unrecovered(401, 1.0), kept(401, 1.0);
  for (std::size_t i = 0; i < 400; ++i) {
    unrecovered[i + 1] = unrecovered[i] * (1.0 - r[i]);
    kept[i + 1] = kept[i] * (1.0 - a);
  }
  auto unit = [](std::uint64_t bits) { return (static_cast<double>(bits) + 0.5) * (1.0 / 4294967296.0); };
  std::int64_t recoveries = 0;
  for (std::int32_t arrival : {0, 49, 50, 119, 199, 300, 349, 399}) {
    Rng rng(11, StreamId::kSelfTest, 0, 0, static_cast<std::uint64_t>(arrival)), plain = rng;
    std::vector<std::int32_t> got, want;
    fates.draw(
        kFirst + arrival, 20000, rng, [&](std::int32_t d) { got.push_back(d); }, [&](std::int32_t d) { got.push_back(-d); });
    const auto first = static_cast<std::size_t>(arrival);
    for (int g = 0; g < 20000; ++g) {
      const std::uint64_t bits = plain.next_u64();
      const double u_loss = unit(bits >> 32);
      const double threshold = unit(bits & 0xffffffffU) * unrecovered[first];
      std::size_t stop = 400;
      const bool lost = u_loss > kept[400 - first];
      if (lost) stop = first + std::min<std::size_t>(static_cast<std::size_t>(std::log(u_loss) / std::log1p(-a)), 400 - first - 1);
      if (unrecovered[stop] < threshold) {
        const auto it = std::partition_point(unrecovered.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                                             unrecovered.begin() + static_cast<std::ptrdiff_t>(stop) + 1,
                                             [&](double v) { return v >= threshold; });
        want.push_back(-(kFirst + static_cast<std::int32_t>(it - unrecovered.begin()) - 1));
        ++recoveries;
      } else if (lost) {
        want.push_back(kFirst + static_cast<std::int32_t>(stop));
      }
    }
    INFO("arrival day " << arrival);
    CHECK(got == want);
  }
  CHECK(recoveries > 5000);
}

TEST_CASE("GunFates refuses inconsistent tables", "[model][gun_fates]") {
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 0.0, std::vector<double>(9, 0.0)), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, 1.0, std::vector<double>(10, 0.0)), std::invalid_argument);
  CHECK_THROWS_AS(GunFates(kFirst, kFirst + 10, -0.1, std::vector<double>(10, 0.0)), std::invalid_argument);
}
