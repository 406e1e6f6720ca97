// prices.hpp: what a gun costs a network and what it sells for in Mexico.
#include <catch2/catch.hpp>
#include <limits>

#include "gunflow/model/prices.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;

TEST_CASE("The shortest supply route into a region is the shortest over staging cities and crossings",
          "[model][prices]") {
  // Two staging cities, two crossings, three regions; the third region no road reaches.
  const std::vector<std::vector<DriveLeg>> legs = {{{0, 100.0}, {1, 400.0}}, {{1, 50.0}}};
  constexpr double kNone = std::numeric_limits<double>::infinity();
  const std::vector<std::vector<double>> inland = {{300.0, 900.0, kNone}, {600.0, 200.0, kNone}};
  const std::vector<double> km = shortest_supply_km(legs, inland, 3);
  CHECK(km[0] == 400.0);  // staging 0 over crossing 0 (100 + 300), not staging 1 (50 + 600)
  CHECK(km[1] == 250.0);  // staging 1 over crossing 1 (50 + 200)
  CHECK(km[2] == kNone);
}

TEST_CASE("A region's price: markup x (the elastic channel's unit cost + transport over its shortest supply route)",
          "[model][prices]") {
  Settings s = test::short_settings();
  s.traffickers.markup = 2.5;
  s.traffickers.straw_fee = 300;
  s.traffickers.transport_cost_per_km = 0.2;
  test::DayFixture day(s);
  const std::vector<double>& km = day.ctx.world.tables.supply_km;
  REQUIRE(!km.empty());
  std::size_t r = 0;
  while (!(km[r] < std::numeric_limits<double>::infinity())) ++r;
  const double straw = kUsRetailPrice[index_of(FirearmClass::kAr)] + s.traffickers.straw_fee;
  CHECK(unit_cost(day.ctx, FirearmClass::kAr, Channel::kStraw) == Approx(straw));
  CHECK(mexico_price(day.ctx, FirearmClass::kAr, r) == Approx(2.5 * (straw + 0.2 * km[r])));
  // Kits come by mail: no straw fee in their price.
  const double kit = kUsRetailPrice[index_of(FirearmClass::kKit)];
  CHECK(mexico_price(day.ctx, FirearmClass::kKit, r) == Approx(2.5 * (kit + 0.2 * km[r])));
  // A farther region pays more for the same gun.
  for (std::size_t q = 0; q < km.size(); ++q)
    if (km[q] > km[r] && km[q] < std::numeric_limits<double>::infinity())
      CHECK(mexico_price(day.ctx, FirearmClass::kAr, q) > mexico_price(day.ctx, FirearmClass::kAr, r));
}

TEST_CASE("Market prices: the region's buyers' price, whatever the US-side costs; cheapest-supplier's at the defaults",
          "[model][prices]") {
  Settings s = test::short_settings();
  s.traffickers.pricing = "market";
  s.traffickers.market_price_usd["ar_rifle"] = 2500;
  s.traffickers.market_price_per_km = 0.4;
  test::DayFixture day(s);
  const std::vector<double>& km = day.ctx.world.tables.supply_km;
  std::size_t r = 0;
  while (!(km[r] < std::numeric_limits<double>::infinity())) ++r;
  const double price = mexico_price(day.ctx, FirearmClass::kAr, r);
  CHECK(price == Approx(2500 + 0.4 * km[r]));
  // No US-side cost moves it: the straw fee, the transport rate and the markup.
  Settings dearer = s;
  dearer.traffickers.straw_fee *= 3;
  dearer.traffickers.transport_cost_per_km *= 3;
  dearer.traffickers.markup *= 1.5;
  test::DayFixture dearer_day(dearer);
  CHECK(mexico_price(dearer_day.ctx, FirearmClass::kAr, r) == price);
  // At the default costs and prices every class sells at cheapest-supplier's price, bit
  // for bit (the defaults are markup x the elastic channel's costs).
  Settings defaults = test::short_settings();
  defaults.traffickers.pricing = "market";
  Settings cheapest = test::short_settings();
  cheapest.traffickers.pricing = "cheapest_supplier";
  test::DayFixture market_day(defaults), cheapest_day(cheapest);
  for (std::size_t c = 0; c < kNumClasses; ++c)
    for (std::size_t q = 0; q < km.size(); ++q)
      CHECK(mexico_price(market_day.ctx, static_cast<FirearmClass>(c), q) ==
            mexico_price(cheapest_day.ctx, static_cast<FirearmClass>(c), q));
}

TEST_CASE("Each traffickers.pricing value names its rule, and the tables carry it", "[model][prices]") {
  CHECK(pricing_rule("cost_plus") == Pricing::kCostPlus);
  CHECK(pricing_rule("cheapest_supplier") == Pricing::kCheapestSupplier);
  CHECK(pricing_rule("market") == Pricing::kMarket);
  Settings s = test::short_settings();
  s.traffickers.pricing = "market";
  s.traffickers.market_price_usd["kit"] = 999;
  test::DayFixture day(s);
  CHECK(day.ctx.world.tables.pricing == Pricing::kMarket);
  CHECK(day.ctx.world.tables.market_price[index_of(FirearmClass::kKit)] == 999);
}

TEST_CASE("Market prices pass on a chosen part of a change in supply costs: none, the change, or cheapest-supplier's",
          "[model][prices]") {
  Settings s = test::short_settings();
  s.traffickers.pricing = "market";
  s.traffickers.straw_fee = 600;  // 350 USD over the default the market prices imply
  s.traffickers.transport_cost_per_km = 0.25;
  test::DayFixture day(s);
  const std::vector<double>& km = day.ctx.world.tables.supply_km;
  std::size_t r = 0;
  while (!(km[r] < std::numeric_limits<double>::infinity())) ++r;
  const double fixed = market_price(day.ctx, FirearmClass::kHandgun, r, 0.0);
  CHECK(fixed == Approx(1400 + 0.3 * km[r]));
  // The cost the fixed price implies (price / markup) against today's straw cost and haul.
  const double cost = kUsRetailPrice[index_of(FirearmClass::kHandgun)] + 600 + 0.25 * km[r];
  const double change = cost - fixed / s.traffickers.markup;
  CHECK(change > 0);
  CHECK(market_price(day.ctx, FirearmClass::kHandgun, r, 1.0) == Approx(fixed + change));
  // Passed on with the markup, the change gives cheapest-supplier's price.
  Settings cheapest = s;
  cheapest.traffickers.pricing = "cheapest_supplier";
  test::DayFixture cheapest_day(cheapest);
  CHECK(market_price(day.ctx, FirearmClass::kHandgun, r, s.traffickers.markup) ==
        Approx(mexico_price(cheapest_day.ctx, FirearmClass::kHandgun, r)));
  // The rule's price is the one with the scenario's pass-through; never below nothing.
  Settings passed = s;
  passed.traffickers.market_pass_through = 1.0;
  test::DayFixture passed_day(passed);
  CHECK(mexico_price(passed_day.ctx, FirearmClass::kHandgun, r) ==
        market_price(day.ctx, FirearmClass::kHandgun, r, 1.0));
  Settings cheap = s;
  cheap.traffickers.straw_fee = 0;
  cheap.traffickers.transport_cost_per_km = 0;
  test::DayFixture cheap_day(cheap);
  CHECK(market_price(cheap_day.ctx, FirearmClass::kHandgun, r, 20.0) == 0.0);
}
