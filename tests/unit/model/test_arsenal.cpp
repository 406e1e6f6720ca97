// arsenal.hpp: an arsenal must hand over, day by day, exactly the losses and recoveries
// that GunFates drew for its guns when they arrived — whatever calendar slot a fate
// falls in (a later slot, or the one open today) — with the recovered guns' origins, in
// arrival order, plus the day's binomial losses among the pooled guns, and keep its
// total equal to the guns not yet lost or recovered.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <vector>

#include "gunflow/model/arsenal.hpp"
#include "gunflow/rng/distributions.hpp"

using namespace gunflow;

namespace {
constexpr std::int32_t kFirst = 5000;

Lot lot(std::int32_t id, std::int64_t count) {
  Lot l;
  l.trafficker = id;  // used as the lot's name in these tests
  l.count = count;
  return l;
}
}  // namespace

TEST_CASE("An arsenal without fates keeps every gun and ignores empty lots", "[model][arsenal]") {
  Arsenal a;
  const GunFates none;
  Rng rng(1, StreamId::kSelfTest, 0, 0, 0);
  a.add(lot(0, 5), kFirst, none, rng);
  a.add(lot(1, 0), kFirst, none, rng);
  a.add(lot(2, -3), kFirst, none, rng);
  a.add(lot(3, 3), kFirst + 1, none, rng);
  CHECK(a.total() == 8);
  std::vector<Lot> recovered = {lot(9, 1)};
  Rng attrition(1, StreamId::kSelfTest, 1, 0, 0);
  a.settle(kFirst + 1, recovered, attrition);
  CHECK(recovered.empty());
  CHECK(a.total() == 8);
}

TEST_CASE("An arsenal hands over exactly the fates drawn for its guns, day by day", "[model][arsenal]") {
  // 700 days (six calendar slots), lots arriving every day; the reference draws the same
  // fates from a copy of each day's stream and files them by day, and the pool's losses
  // from a copy of each day's attrition stream.
  constexpr std::int32_t kDays = 700;
  std::vector<double> r(kDays, 0.004);
  for (std::int32_t d = 300; d < 450; ++d) r[static_cast<std::size_t>(d)] = 0.01;
  const GunFates fates(kFirst, kFirst + kDays, 0.01, r, 0.01);
  Arsenal arsenal(fates);
  std::map<std::int32_t, std::int64_t> lost_on;
  std::map<std::int32_t, std::vector<std::int32_t>> recovered_on;  // lot names, arrival order
  std::int64_t added = 0, lost = 0, recovered_total = 0, pool = 0, pool_lost_total = 0;
  std::vector<Lot> recovered;
  for (std::int32_t day = kFirst; day < kFirst + kDays; ++day) {
    Rng stream(4, StreamId::kSelfTest, 0, 0, static_cast<std::uint64_t>(day));
    Rng copy = stream;
    for (std::int32_t k = 0; k < 3; ++k) {
      const std::int32_t name = (day - kFirst) * 3 + k;
      const Lot l = lot(name, 1 + (name % 7 == 0 ? 40 : name % 4));
      arsenal.add(l, day, fates, stream);
      pool += fates.draw(
          day, l.count, l.cls, copy, [&](std::int32_t d) { ++lost_on[d]; },
          [&](std::int32_t d) { recovered_on[d].push_back(name); });
      added += l.count;
    }
    CHECK(arsenal.pooled() == pool);
    Rng attrition(4, StreamId::kSelfTest, 1, 0, static_cast<std::uint64_t>(day));
    Rng attrition_copy = attrition;
    const std::int64_t pool_lost = binomial(attrition_copy, pool, 0.01);
    pool -= pool_lost;
    const std::int64_t before = arsenal.total();
    arsenal.settle(day, recovered, attrition);
    std::vector<std::int32_t> names;
    for (const Lot& g : recovered) {
      CHECK(g.count == 1);
      names.push_back(g.trafficker);
    }
    INFO("day " << day - kFirst);
    CHECK(names == recovered_on[day]);
    CHECK(before - arsenal.total() == lost_on[day] + pool_lost + static_cast<std::int64_t>(names.size()));
    lost += lost_on[day] + pool_lost;
    pool_lost_total += pool_lost;
    recovered_total += static_cast<std::int64_t>(names.size());
    CHECK(arsenal.total() == added - lost - recovered_total);
  }
  CHECK(arsenal.losses_pending() == 0);  // every fate inside the run has been handed over
  CHECK(arsenal.recoveries_pending() == 0);
  CHECK(arsenal.pooled() == pool);
  CHECK(pool_lost_total > 500);  // the test exercised every kind of fate
  CHECK(lost - pool_lost_total > 100);
  CHECK(recovered_total > 500);
}

TEST_CASE("Settling a day twice removes nothing twice", "[model][arsenal]") {
  const GunFates fates(kFirst, kFirst + 20, 0.2, std::vector<double>(20, 0.3), 0.3);
  Arsenal a(fates);
  Rng rng(5, StreamId::kSelfTest, 0, 0, 0);
  a.add(lot(0, 1000), kFirst, fates, rng);
  std::vector<Lot> recovered;
  Rng attrition(5, StreamId::kSelfTest, 1, 0, 0);
  a.settle(kFirst, recovered, attrition);
  const std::int64_t after = a.total();
  CHECK(after < 1000);
  CHECK(!recovered.empty());
  a.settle(kFirst, recovered, attrition);
  CHECK(a.total() == after);
  CHECK(recovered.empty());
}

TEST_CASE("An arsenal refuses a day outside its run", "[model][arsenal]") {
  const GunFates fates(kFirst, kFirst + 20, 0.1, std::vector<double>(20, 0.1), 0.1);
  Arsenal a(fates);
  Rng rng(6, StreamId::kSelfTest, 0, 0, 0);
  CHECK_THROWS_AS(a.add(lot(0, 1), kFirst + 20, fates, rng), std::out_of_range);
  CHECK_THROWS_AS(a.add(lot(0, 1), kFirst - 1, fates, rng), std::out_of_range);
  std::vector<Lot> recovered;
  Rng attrition(6, StreamId::kSelfTest, 1, 0, 0);
  CHECK_THROWS_AS(a.settle(kFirst + 20, recovered, attrition), std::out_of_range);
  CHECK(a.total() == 0);
}

TEST_CASE("An arsenal's weighted total follows its guns by class", "[model][arsenal]") {
  // One class weighs 2, another 0.5: guns whose fate is drawn on arrival leave with their
  // own weight; without recoveries (r = 0) and with every gun pooled, the weighted total
  // stays within rounding of the mix of the count (the pool loses its mean weight).
  constexpr std::int32_t kDays = 400;
  const std::vector<double> r(kDays, 0.002);
  const GunFates fates(kFirst, kFirst + kDays, 0.003, r, 0.002);
  std::array<double, kNumClasses> w{};
  w.fill(1.0);
  w[index_of(FirearmClass::kAr)] = 2.0;
  w[index_of(FirearmClass::kOtherLong)] = 0.5;
  Arsenal arsenal(fates, w);
  Rng fate_rng(7, StreamId::kSelfTest, 0, 0, 0);
  Lot rifles = lot(0, 300);
  rifles.cls = FirearmClass::kAr;
  Lot long_guns = lot(1, 300);
  long_guns.cls = FirearmClass::kOtherLong;
  arsenal.add(rifles, kFirst, fates, fate_rng);
  arsenal.add(long_guns, kFirst, fates, fate_rng);
  CHECK(arsenal.weighted_total() == Approx(300 * 2.0 + 300 * 0.5));
  std::vector<Lot> recovered;
  std::int64_t rifles_recovered = 0, long_recovered = 0;
  for (std::int32_t day = kFirst; day < kFirst + kDays; ++day) {
    Rng attrition(7, StreamId::kSelfTest, 1, 0, static_cast<std::uint64_t>(day));
    arsenal.settle(day, recovered, attrition);
    for (const Lot& g : recovered) (g.cls == FirearmClass::kAr ? rifles_recovered : long_recovered) += 1;
  }
  // What is left weighs between the lightest and the heaviest mix of the guns left.
  const auto left = static_cast<double>(arsenal.total());
  REQUIRE(left < 600);
  CHECK(arsenal.weighted_total() > 0.5 * left);
  CHECK(arsenal.weighted_total() < 2.0 * left);
  // Equal mixes lose weight evenly: the mean weight of what is left stays near 1.25.
  CHECK(arsenal.weighted_total() / left == Approx(1.25).margin(0.15));
  CHECK(rifles_recovered + long_recovered > 0);
}
