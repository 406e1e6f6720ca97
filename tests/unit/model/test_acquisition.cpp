// acquisition.hpp: a network's acquisition trip: the class it seeks, what it can pay
// for, and the purchase through each channel. Checked by calling acquisition_trip on a
// started replication, and through short Model::run replications with one setting at
// an extreme, each paired with a control run that shows the effect is real.
#include <catch2/catch.hpp>

#include <numeric>

#include "gunflow/model/acquisition.hpp"
#include "gunflow/model/border.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

namespace {
/// Network t wants only `cls` (`n` of them) and has `budget` USD.
void want_only(TraffickerState& net, FirearmClass cls, double n, double budget) {
  net.backlog.fill(0.0);
  net.backlog[index_of(cls)] = n;
  net.budget = budget;
}
}  // namespace

TEST_CASE("A kit trip buys at most 10 kits and what the budget pays for", "[model][acquisition]") {
  test::DayFixture day(test::short_settings());
  ReplicationState& st = day.run.st;
  const double kit_price = kUsRetailPrice[index_of(FirearmClass::kKit)];
  REQUIRE_FALSE(day.ctx.settings.policies.kit_controls.active(day.ctx.date));  // no kit substitution
  for (std::size_t t = 0; t < 20; ++t) {
    TraffickerState& net = st.networks[t];
    const bool rich = t % 2 == 0;
    want_only(net, FirearmClass::kKit, 50, rich ? 1e6 : 3.5 * kit_price);
    net.inventory.clear();
    net.inventory_count = 0;
    TripDraws draws(kSeed, 0, t, day.ctx.step());
    acquisition_trip(day.ctx, st, day.tally, t, draws);
    const std::int64_t expected = rich ? 10 : 3;  // the cap of 10, or 3 affordable
    CHECK(net.inventory_count == expected);
    REQUIRE(net.inventory.size() == 1);
    CHECK(net.inventory[0].count == expected);
    CHECK(net.inventory[0].channel == Channel::kKit);
    CHECK(net.inventory[0].origin == Origin::kUsKit);
    CHECK(net.backlog[index_of(FirearmClass::kKit)] == 50 - expected);
    CHECK(net.budget == Approx((rich ? 1e6 : 3.5 * kit_price) - expected * kit_price));
  }
  CHECK(day.count(day.ctx.rows.guns_trafficked) == 10 * (10 + 3));
  CHECK(day.count(day.ctx.rows.trips_unfunded) == 0);
}

TEST_CASE("A trip without money counts as unfunded and buys nothing", "[model][acquisition]") {
  test::DayFixture day(test::short_settings());
  ReplicationState& st = day.run.st;
  for (std::size_t t = 0; t < 10; ++t) {
    const FirearmClass cls = t % 2 ? FirearmClass::kKit : FirearmClass::kHandgun;
    want_only(st.networks[t], cls, 5, 100.0);  // below the cheapest gun
    const std::int64_t before = st.networks[t].inventory_count;
    TripDraws draws(kSeed, 0, t, day.ctx.step());
    acquisition_trip(day.ctx, st, day.tally, t, draws);
    CHECK(st.networks[t].inventory_count == before);
  }
  CHECK(day.count(day.ctx.rows.trips_unfunded) == 10);
  CHECK(day.count(day.ctx.rows.guns_trafficked) == 0);
  // With no orders there is no trip at all.
  want_only(st.networks[10], FirearmClass::kHandgun, 0.5, 1e6);
  TripDraws draws(kSeed, 0, 10, day.ctx.step());
  acquisition_trip(day.ctx, st, day.tally, 10, draws);
  CHECK(day.count(day.ctx.rows.purchases) == 0);
}

TEST_CASE("An unlicensed dealer's resold new guns name the dealer; the private stock's name no one",
          "[model][acquisition]") {
  // Expected: with every trip through the unlicensed channel, a lot an unlicensed dealer
  // bought new to resell names a person of its own who sold the network its guns (a lead
  // from its trace can reach them, enforcement.cpp); with none bought new (every gun from
  // the private stock) no lot names anyone.
  for (const double from_retail : {1.0, 0.0}) {
    Settings s = test::short_settings();
    s.channels.preference = {{"straw", 0}, {"unlicensed", 1}, {"corrupt_dealer", 0}, {"theft", 0}};
    s.market.unlicensed_from_retail = from_retail;
    test::DayFixture day(s);
    ReplicationState& st = day.run.st;
    std::size_t lots = 0;
    for (std::size_t t = 0; t < 20; ++t) {
      want_only(st.networks[t], FirearmClass::kHandgun, 3, 1e6);
      st.networks[t].inventory.clear();
      TripDraws draws(kSeed, 0, t, day.ctx.step());
      acquisition_trip(day.ctx, st, day.tally, t, draws);
      for (const Lot& lot : st.networks[t].inventory) {
        ++lots;
        REQUIRE(lot.channel == Channel::kUnlicensed);
        if (from_retail == 1.0) {
          REQUIRE(lot.buyer_person != 0);
          CHECK(st.people[lot.buyer_person].guns == lot.count);
          CHECK_FALSE(st.people[lot.buyer_person].arrested);
        } else {
          CHECK(lot.buyer_person == 0);
        }
      }
    }
    CHECK(lots > 10);
  }
}

TEST_CASE("No corrupt dealers: no guns through the corrupt-dealer channel", "[model][acquisition]") {
  Settings s = test::short_settings();
  const Model control(s);
  s.dealers.corrupt_share = 0.0;
  const Model model(s);
  const std::string metric = "guns_trafficked_by_channel";
  const ReplicationResult base = control.run(kSeed, 0);
  REQUIRE(total(control, base, metric, "corrupt_dealer") > 0);  // the channel is used in the baseline
  for (std::uint64_t rep : {0, 1}) {
    const ReplicationResult r = model.run(kSeed, rep);
    CHECK(total(model, r, metric, "corrupt_dealer") == 0);
    CHECK(total(model, r, "guns_trafficked") > 0);  // the demand goes elsewhere
  }
}

TEST_CASE("Networks without money buy nothing", "[model][acquisition]") {
  Settings broke = test::short_settings();
  broke.traffickers.initial_budget = 0;
  const Model model(broke);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "guns_trafficked") == 0);
  CHECK(total(model, r, "trips_unfunded") > 0);
  // Control: the baseline budget does buy guns.
  const Model base(test::short_settings());
  CHECK(total(base, base.run(kSeed, 0), "guns_trafficked") > 0);
}

TEST_CASE("A dearer substitute's extra cost is the network's: its buyer pays for the gun it ordered",
          "[model][acquisition]") {
  // An import ban keeps every imported AK-type model off the shelf: the dealer sells an
  // AR-type rifle (850 USD) for the AK order (550 USD). The network pays the difference and
  // its buyer does not (substitute_premium); an AK sold as ordered carries none.
  Settings s = test::short_settings();
  s.policies.import_ban_enforcement.enabled = true;
  s.policies.import_ban_enforcement.start = s.simulation.start;
  s.policies.import_ban_enforcement.share_blocked = 1.0;
  test::DayFixture day(s);
  ReplicationState& st = day.run.st;
  const double gap = kUsRetailPrice[index_of(FirearmClass::kAr)] - kUsRetailPrice[index_of(FirearmClass::kAk)];
  int substituted = 0, as_ordered = 0;
  for (std::size_t t = 0; t < 200; ++t) {
    TraffickerState& net = st.networks[t];
    if (!net.active) continue;
    want_only(net, FirearmClass::kAk, 3, 1e6);
    net.inventory.clear();
    net.inventory_count = 0;
    net.substitute_premium = 0;
    TripDraws draws(kSeed, 0, t, day.ctx.step());
    acquisition_trip(day.ctx, st, day.tally, t, draws);
    if (net.inventory.empty()) continue;
    const Lot& lot = net.inventory[0];
    if (lot.cls == FirearmClass::kAr) {
      ++substituted;
      CHECK(net.substitute_premium == Approx(gap * static_cast<double>(lot.count)));
    } else {
      ++as_ordered;
      CHECK(net.substitute_premium == 0.0);
    }
  }
  CHECK(substituted > 0);
  CHECK(as_ordered > 0);  // domestic AK-type models are still sold
}

namespace {
struct AfterSale {
  double budget = 0;
  double premium_left = 0;
};
/// A network buys handguns and ships them (no inspection, so the same draws give the
/// same guns, crossing and transport), with `extra` USD more cost booked to the load
/// than it had (as if its guns had cost that much more to buy or move) and a
/// substitutes' premium of `premium` USD.
AfterSale sell_load(const std::string& pricing, double extra, double premium) {
  Settings s = test::short_settings();
  s.traffickers.pricing = pricing;
  s.border.inspection_rate = 0.0;
  s.border.unofficial_detection = 0.0;
  test::DayFixture day(s);
  std::size_t t = 0;
  while (!day.run.st.networks[t].active) ++t;
  TraffickerState& net = day.run.st.networks[t];
  want_only(net, FirearmClass::kHandgun, 5, 1e6);
  TripDraws draws(kSeed, 0, t, day.ctx.step());
  acquisition_trip(day.ctx, day.run.st, day.tally, t, draws);
  REQUIRE(net.inventory_count > 0);
  net.cost_sum += extra;
  net.substitute_premium = premium;
  ship_load(day.ctx, day.run.st, day.tally, t);
  return {net.budget, net.substitute_premium};
}
}  // namespace

TEST_CASE("A load sells for what its guns ordered are worth: the substitutes' premium is not paid",
          "[model][acquisition]") {
  // The same load, once with a premium of 100 USD: it returns 100 × markup less, whichever
  // way it is priced, and the premium is settled with the load.
  const std::string pricing = GENERATE(as<std::string>{}, "cost_plus", "cheapest_supplier", "market");
  const double markup = test::short_settings().traffickers.markup;
  const AfterSale with = sell_load(pricing, 0, 100);
  CHECK(with.budget == Approx(sell_load(pricing, 0, 0).budget - 100 * markup));
  CHECK(with.premium_left == 0.0);
}

TEST_CASE("Cheapest-supplier prices: a dearer load earns less; cost-plus: it earns its cost x markup",
          "[model][acquisition][prices]") {
  // The same load, once with 1,000 USD more booked to it. Cost-plus sells it for 1,000 ×
  // markup more; at the region's price it sells for the same, so the extra cost is the
  // network's.
  const double markup = test::short_settings().traffickers.markup;
  CHECK(sell_load("cost_plus", 1000, 0).budget - sell_load("cost_plus", 0, 0).budget == Approx(1000 * markup));
  CHECK(sell_load("cheapest_supplier", 1000, 0).budget == sell_load("cheapest_supplier", 0, 0).budget);
  CHECK(sell_load("market", 1000, 0).budget == sell_load("market", 0, 0).budget);
  CHECK(sell_load("cheapest_supplier", 0, 0).budget != sell_load("cost_plus", 0, 0).budget);
}
