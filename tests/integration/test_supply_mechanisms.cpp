// The supply-side mechanisms that let policies bite (secondary markets, imports,
// class-aware violence, straw purchase sizes), each checked the way a researcher would:
// a policy against the baseline under common random numbers, 2010-2011 with the policy
// from 2011, two paired replications summed. Every check states the direction it expects
// and why.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "crn_fixture.hpp"
#include "gunflow/core/catalog.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;
using test::two_years;

namespace {
constexpr std::uint64_t kSeed = 4242;
constexpr int kReps = 2;

/// A federal ban (every state) from 2011 on new AR- and AK-type sales, grandfathered.
Settings federal_awb(double resale_decay_years) {
  Settings s = two_years("policies/assault_weapons_ban.yaml");
  auto& awb = s.policies.assault_weapons_ban;
  awb.states.assign(kUsStateCodes.begin(), kUsStateCodes.end());
  awb.grandfathering = true;
  awb.resale_decay_years = resale_decay_years;
  return s;
}

struct Paired : test::SummedRuns {
  explicit Paired(const Settings& s) : SummedRuns(s, kSeed, kReps) {}
  /// 2011 (the policy's year), summed over the replications.
  [[nodiscard]] double y2011(const std::string& metric, const std::string& key = "") const {
    return at(metric, key, 2011);
  }
  [[nodiscard]] double assault_rifles() const {
    return y2011("guns_trafficked_by_class", "ar_rifle") + y2011("guns_trafficked_by_class", "ak_rifle");
  }
};

const Paired& baseline() {
  static const Paired p(two_years("baseline.yaml"));
  return p;
}
}  // namespace

TEST_CASE("a grandfathered ban bites as the private stock drains: resale_decay_years matters", "[supply][policy]") {
  // Expected: fewer AR/AK rifles trafficked with a fast decay (0.5 years) than a slow one
  // (5 years), and both fewer than the baseline. Why: new sales stop, so second-hand
  // supply is the grandfathered stock, which drains at the ban's pace; a scarcer stock
  // means more searches that find no seller.
  const Paired slow(federal_awb(5.0)), fast(federal_awb(0.5));
  CHECK(slow.assault_rifles() < baseline().assault_rifles());
  CHECK(fast.assault_rifles() < 0.8 * slow.assault_rifles());
  CHECK(fast.y2011("trips_no_seller") > slow.y2011("trips_no_seller"));
  CHECK(fast.y2011("private_stock_by_class", "ar_rifle") < slow.y2011("private_stock_by_class", "ar_rifle"));
}

TEST_CASE("compliant variants soften an assault-weapons ban with the chance a trip finds one", "[supply][policy]") {
  // Expected: AR- and AK-type rifles trafficked under a federal ban rise with the chance
  // that a trip finds a compliant variant it takes (0, 0.5, 1), at 1 to within 10% of no
  // ban; fewer orders switch to other long guns as that chance rises. Why: a trip that
  // finds one buys as if there were no ban (retail, resellers, and a private stock
  // still fed by retail sales); the rest find retail closed, as under a ban without them,
  // and only those may take the substitute class. At 1 nothing but the grandfathered
  // stock's faster turnover is left of the ban.
  auto with_share = [](double share) {
    Settings s = federal_awb(5.0);
    s.policies.assault_weapons_ban.compliant_share = share;
    return s;
  };
  const Paired none(with_share(0.0)), half(with_share(0.5)), all(with_share(1.0));
  CHECK(none.assault_rifles() < half.assault_rifles());
  CHECK(half.assault_rifles() < all.assault_rifles());
  CHECK(all.assault_rifles() > 0.9 * baseline().assault_rifles());
  const auto other_long = [](const Paired& p) { return p.y2011("guns_trafficked_by_class", "other_long"); };
  CHECK(other_long(half) < other_long(none));
  CHECK(other_long(all) < 1.05 * other_long(baseline()));
}

TEST_CASE("a ban whose compliant variants are rare acts as one without them", "[supply][policy]") {
  // Expected: a federal ban under which one trip in a thousand finds a compliant variant
  // cuts the flow, and the AR- and AK-type rifles, by nearly what the ban without them
  // does (within a tenth of that cut). Why: after a trip finds nothing, the network keeps
  // only the share of its orders compliant variants could meet and drops the rest, as it
  // drops them all when no state sells the class new; keeping every order whenever the
  // share was above zero made the rare variant halve the ban's effect.
  auto with_share = [](double share) {
    Settings s = federal_awb(5.0);
    s.policies.assault_weapons_ban.compliant_share = share;
    return s;
  };
  const Paired none(with_share(0.0)), rare(with_share(0.001));
  const double cut_rifles = baseline().assault_rifles() - none.assault_rifles();
  REQUIRE(cut_rifles > 0);
  CHECK(std::abs(rare.assault_rifles() - none.assault_rifles()) < 0.1 * cut_rifles);
  const double cut_flow = baseline().y2011("guns_trafficked") - none.y2011("guns_trafficked");
  REQUIRE(cut_flow > 0);
  CHECK(std::abs(rare.y2011("guns_trafficked") - none.y2011("guns_trafficked")) < 0.1 * cut_flow);
}

TEST_CASE("compliant variants under California's ban keep its networks' rifle buying at home", "[supply][policy]") {
  // Expected: with half the AR/AK trips finding rifles legal under state assault-weapons
  // bans, more guns are first sold in California (by more than 5%) and fewer in Nevada.
  // Why: the state ban (a 2010 law, no policy block) closes retail for the classes only
  // for the trips that find no compliant variant, so fewer California trips go to the
  // neighbouring states for them.
  // Eight paired replications, not two: a state's flow rests on the few large networks
  // buying there (networks differ in size), and Nevada's fall is about 12% of it (20
  // replications: -12% [-16%, -8%]), which two replications can miss.
  constexpr int kStateReps = 8;
  Settings s = two_years("baseline.yaml");
  const test::SummedRuns base(s, kSeed, kStateReps);
  s.market.awb_compliant_share = 0.5;
  const test::SummedRuns compliant(s, kSeed, kStateReps);
  const auto sold_in = [](const test::SummedRuns& p, const char* state) {
    return p.at("guns_trafficked_by_source_state", state, 2011);
  };
  CHECK(sold_in(compliant, "CA") > 1.05 * sold_in(base, "CA"));
  CHECK(sold_in(compliant, "NV") < sold_in(base, "NV"));
}

TEST_CASE("a federal ban does not push buying to neighbouring states with the same law", "[supply][policy]") {
  // Expected: Oklahoma's share of the guns bought does not rise (within 15%) under a
  // federal ban with a fast decay. Why: every state has the same law and the same
  // scarcity, so a Texas network has no reason to buy in Oklahoma instead (the state
  // choice compares availability at home with availability elsewhere).
  const Paired fast(federal_awb(0.1));
  const auto ok_share = [](const Paired& p) {
    return p.y2011("guns_trafficked_by_source_state", "OK") / p.y2011("guns_trafficked");
  };
  CHECK(ok_share(fast) < 1.15 * ok_share(baseline()));
  const auto tx_share = [](const Paired& p) {
    return p.y2011("guns_trafficked_by_source_state", "TX") / p.y2011("guns_trafficked");
  };
  CHECK(tx_share(fast) > 0.9 * tx_share(baseline()));
}

TEST_CASE("checks on private sales in one state send its networks to buy in the neighbouring states",
          "[supply][policy]") {
  // Expected: under checks on private sales in Texas alone, fewer guns are bought in Texas
  // (by more than 10%) and more in Oklahoma and Louisiana together (by more than 20%).
  // Why: a state attracts trips by what its channels offer, weighed by how much networks
  // use each; checks make Texas's unlicensed sellers scarce while its neighbours' stay, so
  // some Texas trips go next door (the cross-state pattern traces show for laxer
  // neighbours). Taking the best channel instead let straw purchases, open in every state,
  // hide the law: Texas then lost under 2% of its guns and Oklahoma and Louisiana together
  // gained about 2%.
  Settings s = two_years("policies/universal_background_checks.yaml");
  s.policies.universal_background_checks.states = {"TX"};
  const Paired checks(s);
  const auto neighbours = [](const Paired& p) {
    return p.y2011("guns_trafficked_by_source_state", "OK") + p.y2011("guns_trafficked_by_source_state", "LA");
  };
  CHECK(checks.y2011("guns_trafficked_by_source_state", "TX") <
        0.9 * baseline().y2011("guns_trafficked_by_source_state", "TX"));
  CHECK(neighbours(checks) > 1.2 * neighbours(baseline()));
}

TEST_CASE("the import ban acts on imported supply only", "[supply][policy]") {
  // Expected: imported AK-type rifles trafficked fall by more than 30%, domestic ones do
  // not fall (within 10%), and AR-type rifles rise. Why: the ban blocks a share of
  // imported AK models on dealers' shelves (dealers sell an AR-type instead) and stops
  // imported inflow to the private stock; domestic AK-type supply is untouched. (Its
  // effect used to be zero by construction: every AK order was relabelled.)
  const Paired ban(two_years("policies/import_ban_enforcement.yaml"));
  const auto imported = [](const Paired& p) { return p.y2011("guns_trafficked_imported_by_class", "ak_rifle"); };
  const auto domestic = [&](const Paired& p) { return p.y2011("guns_trafficked_by_class", "ak_rifle") - imported(p); };
  REQUIRE(imported(baseline()) > 0);
  CHECK(imported(ban) < 0.7 * imported(baseline()));
  CHECK(domestic(ban) > 0.9 * domestic(baseline()));
  CHECK(ban.y2011("guns_trafficked_by_class", "ar_rifle") > baseline().y2011("guns_trafficked_by_class", "ar_rifle"));
}

TEST_CASE("a class-targeted ban changes violence beyond its effect on the count", "[supply][violence]") {
  // Expected: under the ban, firearm homicides fall more (relative to the same scenario's
  // baseline) with the default class weights than with every weight 1. Why: the ban
  // replaces AR/AK rifles (weight 1.5) with other long guns (0.6), so the class-weighted
  // armed stock falls more than the count; with equal weights only the count acts.
  // Elasticity 2, not the calibrated 0.5: the run starts from the flows' stock (about 2.2
  // million, not 1.5), of which two years of a ban change a smaller share: at 0.5 the gap
  // between the two falls (a quarter of the 0.5% it is at 2) was lost in the Poisson noise
  // of these replications (0.9963 against 0.9960 when the stock was anchored so).
  const auto relative_fall = [](const std::map<std::string, double>& weights) {
    Settings base = two_years("baseline.yaml"), ban = federal_awb(0.5);
    base.violence.stock_elasticity = ban.violence.stock_elasticity = 2.0;
    if (!weights.empty()) base.violence.class_weight = ban.violence.class_weight = weights;
    const Paired b(base), p(ban);
    return p.y2011("homicides_firearm") / b.y2011("homicides_firearm");
  };
  const std::map<std::string, double> equal = {{"handgun", 1}, {"ar_rifle", 1},   {"ak_rifle", 1},
                                               {"bmg50", 1},   {"other_long", 1}, {"kit", 1}};
  const double weighted = relative_fall({}), counted = relative_fall(equal);
  CHECK(weighted < 1.0);
  CHECK(weighted < counted - 0.002);  // a clear gap: draws are common, so this is signal
  const Paired ban(federal_awb(0.5));
  CHECK(ban.y2011("armed_stock_weighted") / baseline().y2011("armed_stock_weighted") <
        ban.y2011("arsenal_stock") / baseline().y2011("arsenal_stock"));
}

TEST_CASE("a US sales surge makes the second-hand channels easier to find, not the flow larger", "[supply]") {
  // A made-up sales table: Texas sells twice its 2010 checks a year from 2000 on, until 2010,
  // so its private stock starts at the steady state of the doubled sales and in 2010-11 is
  // still about 1.9 times the one 2010's sales would hold (1 + e^(-t/11)). Expected, against the same run with
  // market.thickness_elasticity 0 (the stock's size ignored): more guns stolen, fewer bought
  // by straw purchasers, while the flow moves by under 3%. Why: a thicker market has more owners and sellers for a
  // search to meet, but the price of a gun in Mexico is set by straw purchases at retail, which no private stock
  // limits, so a surge changes where and how guns are bought more than how many.
  Settings surge = two_years("baseline.yaml");
  auto tables = std::make_shared<ReferenceTables>(*surge.data.tables);
  const std::size_t n = tables->states.size();
  std::vector<double> y2000(n, 100.0), y2010(n, 100.0);
  y2000[static_cast<std::size_t>(tables->state_index("TX"))] = 200.0;
  tables->sales_checks_by_state_year = {{2000, y2000}, {2010, y2010}};
  surge.data.tables = tables;
  Settings ignored = surge;
  ignored.market.thickness_elasticity = 0.0;
  REQUIRE(surge.market.thickness_elasticity > 0.0);
  const Paired thick(surge), flat(ignored);
  CHECK(thick.y2011("guns_trafficked_by_channel", "theft") > 1.05 * flat.y2011("guns_trafficked_by_channel", "theft"));
  CHECK(thick.y2011("guns_trafficked_by_channel", "straw") < flat.y2011("guns_trafficked_by_channel", "straw"));
  CHECK(thick.y2011("guns_trafficked") == Approx(flat.y2011("guns_trafficked")).epsilon(0.03));
}

TEST_CASE("multiple-rifle reporting shifts straw purchases toward single guns", "[supply][policy]") {
  // Expected: a larger share of straw purchases of one gun, and fewer of six or more, once
  // rifle reporting is in force. Why: networks that have learned to split purchases keep
  // each buyer under the reporting threshold (one rifle per window at threshold 2); where
  // nothing discourages them, some straw buyers buy ten or more at once.
  Settings s = two_years("policies/multiple_rifle_reporting.yaml");
  s.policies.multiple_rifle_reporting.start = Date::from_ymd(2011, 1, 1);
  const Paired p(s);
  REQUIRE(baseline().y2011("straw_purchases_by_size", "10+") > 0);  // bulk buys happen at baseline
  const auto single_share = [](const Paired& r) {
    double all = 0;
    for (const char* k : {"1", "2", "3", "4-5", "6-9", "10+"}) all += r.y2011("straw_purchases_by_size", k);
    return r.y2011("straw_purchases_by_size", "1") / all;
  };
  CHECK(single_share(p) > single_share(baseline()));
  CHECK(p.y2011("straw_purchases_by_size", "6-9") + p.y2011("straw_purchases_by_size", "10+") <
        baseline().y2011("straw_purchases_by_size", "6-9") + baseline().y2011("straw_purchases_by_size", "10+"));
  CHECK(p.y2011("rifles_per_report") >= 2.0);  // a report counts at least the threshold's rifles
}

TEST_CASE("networks enter where demand makes them profitable and leave where it does not", "[supply][entry]") {
  // Expected: with demand doubled, networks enter (more active at the end of 2011) and the
  // flow rises by more than with the pool held at traffickers.count; with demand halved,
  // networks leave. Why: orders are split among a destination's networks, so more orders
  // raise each network's profit above the fixed cost and draw entrants, who add trips and
  // buyers; a fixed pool can only fill its networks' trips.
  const auto with_demand = [](double factor, double headroom) {
    Settings s = two_years("baseline.yaml");
    s.demand.guns_per_year *= factor;
    s.traffickers.entry_headroom = headroom;
    return s;
  };
  const double headroom = baseline().model.settings().traffickers.entry_headroom;
  REQUIRE(headroom > 0);
  const Paired doubled(with_demand(2, headroom)), fixed_base(with_demand(1, 0)), fixed_doubled(with_demand(2, 0));
  CHECK(doubled.y2011("networks_active") > 1.2 * baseline().y2011("networks_active"));
  CHECK(doubled.y2011("networks_entered") > baseline().y2011("networks_entered"));
  const double adaptive_rise = doubled.y2011("guns_trafficked") / baseline().y2011("guns_trafficked");
  const double fixed_rise = fixed_doubled.y2011("guns_trafficked") / fixed_base.y2011("guns_trafficked");
  CHECK(adaptive_rise > fixed_rise + 0.1);
  const Paired halved(with_demand(0.5, headroom));
  CHECK(halved.y2011("networks_active") < 0.9 * baseline().y2011("networks_active"));
  // Exits over both years: the halved pool thins mostly in the first (2,693 against 1,701
  // exits in 2010), and in the second fewer are left to leave (578 against 644 in 2011).
  const auto exited = [](const Paired& p) { return p.at("networks_exited", "", 2010) + p.y2011("networks_exited"); };
  CHECK(exited(halved) > 1.2 * exited(baseline()));
}

TEST_CASE("a ban on rifles leaves the handgun flow nearly whole: unfillable orders are dropped", "[supply][policy]") {
  // Expected: under a federal ban with a fast decay and no substitution, handguns fall by
  // less than 2% (the trips spent on failed searches for grandfathered rifles) while the
  // rifles' orders are dropped (orders_dropped; none at the baseline, where every class is
  // sold new somewhere). Why: a trip that finds a class no state sells new closed or
  // without a seller drops the order; kept, the order would grow without end and take
  // ever more trips from handguns (-19% in this year before this rule).
  Settings s = federal_awb(0.1);
  s.policies.assault_weapons_ban.substitution = 0.0;
  const Paired banned(s);
  CHECK(banned.y2011("guns_trafficked_by_class", "handgun") >
        0.98 * baseline().y2011("guns_trafficked_by_class", "handgun"));
  CHECK(baseline().y2011("orders_dropped", "handgun") == 0);
  CHECK(baseline().y2011("orders_dropped", "ar_rifle") == 0);
  CHECK(banned.y2011("orders_dropped", "ar_rifle") > 1000);
  CHECK(banned.assault_rifles() < 0.5 * baseline().assault_rifles());
}

TEST_CASE("a network that cannot pay for a trip ships what it holds, and folds only with nothing to sell", "[supply]") {
  // Expected: with 8,000 USD of starting cash, trips go unfunded and networks ship part
  // loads, so guns still flow (above 80% of the baseline's) and some networks fold. With
  // every load seized as well, none comes back as cash, and by 2011 fewer than a tenth as
  // many networks are in business. Why: a trip's price includes the channel's extra cost
  // and the straw fee, so cash above the cheapest retail price can still buy nothing;
  // such a network once held its part load for ever. A network out of cash ships what it
  // holds and is paid for what gets through; it folds when it has neither cash nor guns
  // (it once folded right after such a sale, with the sale's cash in hand).
  Settings s = two_years("baseline.yaml");
  s.traffickers.initial_budget = 8000;
  const Paired poor(s);
  CHECK(poor.y2011("trips_unfunded") > 0);
  CHECK(poor.y2011("networks_bankrupt") > 0);
  CHECK(poor.y2011("guns_arrived_mexico") > 0.8 * baseline().y2011("guns_arrived_mexico"));
  s.border.inspection_rate = 1;
  s.border.concealment = 0;
  s.border.unofficial_detection = 1;
  const Paired lost(s);
  CHECK(lost.y2011("guns_arrived_mexico") == 0);
  CHECK(lost.y2011("networks_active") < 0.1 * baseline().y2011("networks_active"));
}

TEST_CASE("under market prices a dearer trip shrinks the flow; at the default costs they are cheapest-supplier prices",
          "[supply][prices]") {
  // Expected: with Mexican prices set by their buyers (traffickers.pricing: market), a
  // straw fee of 500 USD instead of 250 leaves fewer networks in business and fewer guns
  // trafficked in 2011, and a doubled transport rate does the same. Why: the fee and the
  // haul come out of every margin the prices no longer follow, so fewer destinations pay
  // a network's fixed cost and fewer would-be networks enter. (Under cost_plus and
  // cheapest_supplier the same costs raise the prices and margins, and the flow with them:
  // docs/ODD.md section 9.) At the default costs and prices the rule gives
  // cheapest_supplier's prices, so the two runs agree bit for bit.
  const auto priced = [](const std::string& rule) {
    Settings s = two_years("baseline.yaml");
    s.traffickers.pricing = rule;
    return s;
  };
  const Paired market(priced("market"));
  CHECK((market.sum == Paired(priced("cheapest_supplier")).sum).all());
  Settings fee = priced("market");
  fee.traffickers.straw_fee = 500;
  const Paired dear_fee(fee);
  CHECK(dear_fee.y2011("networks_active") < 0.9 * market.y2011("networks_active"));
  CHECK(dear_fee.y2011("guns_trafficked") < 0.97 * market.y2011("guns_trafficked"));
  Settings haul = priced("market");
  haul.traffickers.transport_cost_per_km *= 2;
  const Paired dear_haul(haul);
  CHECK(dear_haul.y2011("networks_active") < 0.9 * market.y2011("networks_active"));
  CHECK(dear_haul.y2011("guns_trafficked") < 0.97 * market.y2011("guns_trafficked"));
}

TEST_CASE("under market prices that pass a dearer straw fee on, orders that answer the price shrink the flow",
          "[supply][prices]") {
  // Expected: with buyers paying a straw fee's rise (traffickers.market_pass_through 1),
  // a fee of 500 USD instead of 250 brings fewer guns in 2011 when orders fall with
  // price (demand.price_elasticity 1) than when they do not (0), and fewer than at the
  // old fee. Why: the buyers' price index rises by about a tenth, and their orders by
  // that to the power -1; without the response the higher prices only reward the
  // channels that pay no straw fee (docs/ODD.md section 9).
  const auto priced = [](double fee, double elasticity) {
    Settings s = two_years("baseline.yaml");
    s.traffickers.pricing = "market";
    s.traffickers.market_pass_through = 1.0;
    s.traffickers.straw_fee = fee;
    s.demand.price_elasticity = elasticity;
    return s;
  };
  const Paired old_fee(priced(250, 1.0)), deaf(priced(500, 0.0)), answering(priced(500, 1.0));
  CHECK(answering.y2011("guns_trafficked") < 0.97 * deaf.y2011("guns_trafficked"));
  CHECK(answering.y2011("guns_trafficked") < old_fee.y2011("guns_trafficked"));
}

TEST_CASE("the market-priced baseline answers every cost of the trade with less flow", "[supply][prices]") {
  // Expected: in scenarios/baseline_market.yaml (its whole warm-up, 2011), a straw fee of
  // 500 USD instead of 250, a doubled transport rate and a doubled unlicensed sellers'
  // premium each bring fewer guns than the shipped costs, and a fee of 100 USD more. Why:
  // buyers' prices follow the cost of supplying them one for one
  // (traffickers.market_pass_through 1) and their orders fall with those prices
  // (demand.price_elasticity 0.5), while a premium that sets no price comes out of the
  // margins of the networks paying it. (In scenarios/baseline.yaml, priced at each load's
  // cost times a markup, the dearer fee and haul raise the flow: docs/ODD.md section 9.)
  // The pool must have settled: after 120 days of warm-up instead of six years the fee's
  // sign is reversed, as networks drawn in by the higher prices still lack the orders.
  // Tolerances: the paired 2011 change over 4 replications has a standard error of about
  // 0.4% (10 paired replications: -3.0%, -6.9%, -1.9% and +1.1%).
  const auto costing = [](double fee, double per_km, double unlicensed) {
    Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline_market.yaml").settings;
    REQUIRE(s.traffickers.pricing == "market");
    s.simulation.start = Date::from_ymd(2011, 1, 1);
    s.simulation.end = Date::from_ymd(2012, 1, 1);
    s.traffickers.straw_fee = fee;
    s.traffickers.transport_cost_per_km = per_km;
    s.channels.extra_cost["unlicensed"] = unlicensed;
    return s;
  };
  const auto flow = [](const Settings& s) { return test::SummedRuns(s, kSeed, 4).at("guns_trafficked", "", 2011); };
  const Settings shipped = costing(250, 0.15, 150);
  const Settings loaded = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline_market.yaml").settings;
  REQUIRE(shipped.traffickers.straw_fee == loaded.traffickers.straw_fee);
  REQUIRE(shipped.traffickers.transport_cost_per_km == loaded.traffickers.transport_cost_per_km);
  REQUIRE(shipped.channels.extra_cost == loaded.channels.extra_cost);
  const double base = flow(shipped);
  CHECK(flow(costing(500, 0.15, 150)) < 0.99 * base);
  CHECK(flow(costing(250, 0.30, 150)) < 0.97 * base);
  CHECK(flow(costing(250, 0.15, 300)) < 0.995 * base);
  CHECK(flow(costing(100, 0.15, 150)) > base);
}

TEST_CASE("a delay before the trace request lengthens time-to-crime by about the delay", "[supply][tracing]") {
  // Expected: with trace requests a mean of 365 days after recovery, the mean time-to-crime
  // of 2011's traces is about a year longer than with requests on the recovery day
  // (between 0.7 and 1.3 years), and more traces are three years old or more. Why:
  // time-to-crime runs from the first retail sale to the request, as ATF's for Mexico
  // traces does, and the delay is exponential with that mean.
  Settings delayed = two_years("baseline.yaml");
  delayed.mexico.trace_delay_days = 365;
  const Paired late(delayed);
  const auto mean_ttc = [](const Paired& p) { return p.y2011("time_to_crime_mean_years") / kReps; };
  const double longer = mean_ttc(late) - mean_ttc(baseline());
  CHECK(longer > 0.7);
  CHECK(longer < 1.3);
  CHECK(late.y2011("time_to_crime_over_3y_share") > baseline().y2011("time_to_crime_over_3y_share") + 0.02 * kReps);
}

TEST_CASE("targeted inspections follow traces: they revoke more, and find lawbreakers more than chance",
          "[supply][enforcement]") {
  // Expected: aiming three in ten inspections at the most-traced dealers (the baseline)
  // revokes more licences than inspecting at random, and a targeted inspection finds a
  // corrupt or negligent dealer far more often than their share of dealers; aiming all of
  // them finds such dealers less often per inspection. Why: corrupt and negligent dealers
  // sell more of the guns traced soon after their sale, so ranking by those traces, without
  // knowing any dealer's type, puts them first; once the dealers with young traces are
  // inspected, the rest are ranked by old traces, which name high-volume dealers that are
  // mostly compliant. (When targeting knew the types and queued each non-compliant dealer
  // once, at its first trace, a share above about 0.1 changed nothing.) Over eight pairs
  // of replications (replications 0-15 of this seed) 2011's revocations rose 2.3-fold or more from share 0 to 0.3,
  // and the targeted hit rate at 0.3 was 2.7 times the drawn non-compliant share (0.055) or
  // more, and 2.1 times the rate at share 1 or more.
  auto with_share = [](double share) {
    Settings s = two_years("baseline.yaml");
    s.enforcement.targeted_share = share;
    return s;
  };
  const Paired none(with_share(0.0)), all(with_share(1.0));
  const Paired& some = baseline();
  REQUIRE(some.model.settings().enforcement.targeted_share == Approx(0.3));
  CHECK(none.y2011("dealer_inspections_targeted") == 0);
  CHECK(some.y2011("dealer_revocations") > 1.5 * none.y2011("dealer_revocations"));
  const Settings& s = some.model.settings();
  const double noncompliant_share = s.dealers.corrupt_share + s.dealers.negligent_share;
  auto hit_rate = [](const Paired& p) {
    return p.y2011("targeted_inspections_noncompliant") / p.y2011("dealer_inspections_targeted");
  };
  CHECK(hit_rate(some) > 2 * noncompliant_share);
  CHECK(hit_rate(some) > 1.5 * hit_rate(all));
}
