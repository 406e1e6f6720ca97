// Keys of the US-side model: demand, traffickers, channels, dealers, border.
// Defaults are the calibrated 2010–2012 baseline (docs/calibration.md says how).
#include <string>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow::schema_detail {
namespace {
std::vector<std::string> retail_channel_keys() {
  return {std::string(kChannelNames[0]), std::string(kChannelNames[1]), std::string(kChannelNames[2]),
          std::string(kChannelNames[3])};
}
void add_demand(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "demand.guns_per_year", [](auto& s) -> auto& { return s.demand.guns_per_year; }, 230000, 0, 5e6, "guns/year",
      "US guns ordered per year by Mexican groups when arsenals are at target."));
  t.push_back(real(
      "demand.relative_level", [](auto& s) -> auto& { return s.demand.relative_level; }, 1, 0, 10, "",
      "Multiplier on demand.guns_per_year: a year's demand relative to the calibrated level. "
      "Given year by year in history and projection scenarios (e.g. {1998: 0.345, 2011: 1})."));
  t.push_back(real_map(
      "demand.class_mix", [](auto& s) -> auto& { return s.demand.class_mix; },
      {{"handgun", 0.58},
       {"ar_rifle", 0.17},
       {"ak_rifle", 0.13},
       {"bmg50", 0.005},
       {"other_long", 0.085},
       {"kit", 0.03}},
      0, 1, class_keys(),
      "Share of orders by firearm class (normalised to sum 1), 2010's: in every year, unless "
      "data.mx_conflict_homicides_by_year moves it by the year's armed conflict (demand.conflict_class_ratio). "
      "`kit` orders are filled through the kit channel."));
  t.push_back(real_map(
      "demand.conflict_class_ratio", [](auto& s) -> auto& { return s.demand.conflict_class_ratio; },
      {{"handgun", 1}, {"ar_rifle", 4}, {"ak_rifle", 4}, {"bmg50", 4}, {"other_long", 1}, {"kit", 1}}, 0, 100,
      class_keys(),
      "Guns of each class ordered per homicide of the armed conflict between criminal groups, over those ordered per "
      "other homicide, relative to handguns (1). Read only with data.mx_conflict_homicides_by_year: a year's class mix "
      "is demand.class_mix moved by its conflict share against 2010's (docs/ODD.md 7.1). A judgement, not a measured "
      "figure: put it through sensitivity analysis."));
  t.push_back(real(
      "demand.arsenal_feedback", [](auto& s) -> auto& { return s.demand.arsenal_feedback; }, 1.0, 0, 10, "",
      "Orders scale with (target/stock)^feedback: demand falls as arsenals fill."));
  t.push_back(real(
      "demand.price_elasticity", [](auto& s) -> auto& { return s.demand.price_elasticity; }, 0, 0, 5, "",
      "Under traffickers.pricing market: a region's orders scale with (its price index / the index at "
      "traffickers.market_price_usd)^-elasticity, the index being the year's class mix of orders priced there, so "
      "orders fall with the part of a change in the trade's costs that buyers pay (traffickers.market_pass_through). "
      "0: orders do not respond to price (the only reading under the other rules). No public figure: a judgement "
      "for sensitivity analysis (docs/ODD.md section 7.1)."));
  t.push_back(real(
      "demand.target_growth", [](auto& s) -> auto& { return s.demand.target_growth; }, 0.03, -0.5, 1, "1/year",
      "Yearly growth of the arsenal criminal groups aim for; also the growth of `mexico.initial_stock`'s path "
      "before and after `mexico.stock_year`."));
  t.push_back(real(
      "demand.delivered_share", [](auto& s) -> auto& { return s.demand.delivered_share; }, 0.75, 0, 1, "",
      "Share of orders that networks deliver to Mexican arsenals, as the spin-up of the stock a run starts "
      "with takes it (in the run, deliveries are simulated; docs/ODD.md section 5)."));
  t.push_back(real(
      "demand.onward_share", [](auto& s) -> auto& { return s.demand.onward_share; }, 0.03, 0, 0.2, "",
      "Share of orders destined for Central America / Caribbean (free parameter, <=10% prior)."));
}

void add_traffickers(std::vector<SchemaEntry>& t) {
  t.push_back(integer(
      "traffickers.count", [](auto& s) -> auto& { return s.traffickers.count; }, 2000, 1, 1e6, "networks",
      "Trafficking networks active at any time."));
  t.push_back(real_map(
      "traffickers.home_state_weights", [](auto& s) -> auto& { return s.traffickers.home_state_weights; },
      {{"TX", 0.40}, {"AZ", 0.17}, {"CA", 0.16}, {"NM", 0.03}, {"OTHER", 0.24}}, 0, 1e9, state_keys_and_other(),
      "Relative weight of US states as network bases; OTHER is spread over the unnamed "
      "states in proportion to population x exp(-km to the nearest port of entry / 600)."));
  t.push_back(real(
      "traffickers.out_of_state_share", [](auto& s) -> auto& { return s.traffickers.out_of_state_share; }, 0.1, 0, 1,
      "", "Share of purchase trips made outside the home state when nothing is banned."));
  t.push_back(real(
      "traffickers.mean_days_between_buys", [](auto& s) -> auto& { return s.traffickers.mean_days_between_buys; }, 7,
      0.5, 365, "days", "Mean interval between a network's acquisition trips."));
  t.push_back(integer(
      "traffickers.shipment_size", [](auto& s) -> auto& { return s.traffickers.shipment_size; }, 20, 1, 1000, "guns",
      "Guns accumulated at the staging city before a load goes south."));
  t.push_back(integer(
      "traffickers.buyers_per_network", [](auto& s) -> auto& { return s.traffickers.buyers_per_network; }, 4, 1, 64,
      "buyers", "Straw buyers a network keeps recruited."));
  t.push_back(integer(
      "traffickers.max_guns_per_purchase", [](auto& s) -> auto& { return s.traffickers.max_guns_per_purchase; }, 30, 1,
      50, "guns", "Most guns a straw buyer takes in one dealer visit (sizes are drawn: mean_guns_per_purchase)."));
  t.push_back(integer(
      "traffickers.max_guns_per_reported_purchase",
      [](auto& s) -> auto& { return s.traffickers.max_guns_per_reported_purchase; }, 9, 1, 50, "guns",
      "Most guns a straw buyer takes in one visit of a class that a multiple-sale reporting rule covers in that "
      "state (handguns everywhere; listed rifles under a rifle reporting policy): networks know the rules in force "
      "and keep a purchase that will be reported below the sizes ATF calls large-volume (10, 20, 30 or more; after "
      "the rifle rule these were seen less often, docs/public-figures.md 4.23). At max_guns_per_purchase or above, "
      "reporting does not change a visit's size; lower values bind a network's buying, since a trip is one visit "
      "(docs/ODD.md section 7.19)."));
  t.push_back(real(
      "traffickers.size_dispersion", [](auto& s) -> auto& { return s.traffickers.size_dispersion; }, 1.0, 0, 2, "",
      "How unequal networks are in size: a network's scale is lognormal with mean 1 and this sigma, drawn when it "
      "starts. The scale multiplies its share of its destination's orders, its trips (crews out per turn), its "
      "starting cash and the fixed cost it must earn. 1: the largest of about 2,400 networks moves about 18 times "
      "the mean, the size of the largest documented ring, Fast and Furious (about 1,600 guns a year against a "
      "mean near 90; docs/ODD.md section 7.23); 0: every network alike."));
  t.push_back(integer(
      "traffickers.guns_per_buyer", [](auto& s) -> auto& { return s.traffickers.guns_per_buyer; }, 12, 1, 1000, "guns",
      "Guns a straw buyer buys over weeks before the network replaces them."));
  t.push_back(real(
      "traffickers.dealer_loyalty", [](auto& s) -> auto& { return s.traffickers.dealer_loyalty; }, 0, 0, 1, "",
      "Chance that a straw buyer of a network that does not split purchases returns to the dealer of their last "
      "purchase (if in the same state and still licensed) instead of drawing one; a return within the reporting "
      "window adds to that dealer's multiple-sale count. No rate is published: case files range from a new store "
      "on almost every visit to a third of a buyer's guns from one store (docs/public-figures.md 4.21), which "
      "scenarios/calibration/dealer_loyalty.prior.yaml draws as 0-0.5 for sensitivity analysis."));
  t.push_back(real(
      "traffickers.risk_aversion", [](auto& s) -> auto& { return s.traffickers.risk_aversion; }, 4, 0, 100, "",
      "Weight of perceived risk in channel and state choice (utility exp(-a*risk))."));
  t.push_back(real(
      "traffickers.risk_memory_days", [](auto& s) -> auto& { return s.traffickers.risk_memory_days; }, 180, 1, 3650,
      "days", "e-folding time over which a network forgets a loss."));
  t.push_back(real(
      "traffickers.replacement_days", [](auto& s) -> auto& { return s.traffickers.replacement_days; }, 60, 0, 3650,
      "days",
      "Mean days between an empty network slot's looks at the market: after a network folds, is dismantled or "
      "leaves, and after a would-be network decides not to enter."));
  // Entry and exit by expected profit (model/network_entry.hpp; docs/ODD.md).
  t.push_back(real(
      "traffickers.entry_headroom", [](auto& s) -> auto& { return s.traffickers.entry_headroom; }, 2.0, 0, 10, "",
      "Room for networks entering beyond traffickers.count, as a share of it: the pool holds count x (1 + "
      "headroom) networks at most (0: no more than count)."));
  t.push_back(real(
      "traffickers.fixed_cost_per_year", [](auto& s) -> auto& { return s.traffickers.fixed_cost_per_year; }, 90000, 0,
      1e8, "USD/year",
      "What a network must earn a year (sales in Mexico over the cost of the guns sold) to stay in business: its "
      "crew's earnings in other work. A network earning less leaves after a year's probation; a would-be network "
      "enters where the networks already there, sharing with one more, earn more."));
  t.push_back(real(
      "traffickers.straw_fee", [](auto& s) -> auto& { return s.traffickers.straw_fee; }, 250, 0, 5000, "USD/gun",
      "Paid to a straw buyer per gun (public figures: $100–500)."));
  t.push_back(real(
      "traffickers.initial_budget", [](auto& s) -> auto& { return s.traffickers.initial_budget; }, 40000, 0, 1e9, "USD",
      "Cash a new network starts with; purchases spend it, sales in Mexico refill it."));
  t.push_back(real(
      "traffickers.transport_cost_per_km", [](auto& s) -> auto& { return s.traffickers.transport_cost_per_km; }, 0.15,
      0, 100, "USD/gun/km", "Moving cost per gun and km."));
  t.push_back(real(
      "traffickers.markup", [](auto& s) -> auto& { return s.traffickers.markup; }, 2.0, 1, 20, "",
      "Mexican price over delivered cost (whose cost: traffickers.pricing; under market, only what a substitute "
      "dearer than the gun ordered adds, which the buyer does not pay, is marked up by it)."));
  t.push_back(string(
      "traffickers.pricing", [](auto& s) -> auto& { return s.traffickers.pricing; }, "cost_plus",
      {"cost_plus", "cheapest_supplier", "market"},
      "What a delivered load sells for. cost_plus: its own delivered cost x markup, so a network's margin grows with "
      "its costs (the calibrated baseline; under entry and exit by profit the pool drifts towards long hauls, "
      "docs/ODD.md section 9). cheapest_supplier: each gun at its region's price, markup x (its class's cost through "
      "a straw buyer, or the kit price, + transport_cost_per_km x the shortest drive from any staging city into the "
      "region), whatever its seller paid: a longer haul or a dearer channel earns less. Its pool of networks takes "
      "about six years to settle from the home weights: give it simulation.warmup_days of 2190 or more. Under both, "
      "prices follow the US-side costs, so a higher straw fee or transport rate raises margins and the flow "
      "(docs/ODD.md section 9). market: each gun at its region's price set by its Mexican buyers, "
      "market_price_usd[class] + market_price_per_km x the same shortest drive, whatever the US-side costs; at the "
      "default costs and prices it is cheapest_supplier bit for bit, and a cost added anywhere comes out of margins."));
  t.push_back(real_map(
      "traffickers.market_price_usd", [](auto& s) -> auto& { return s.traffickers.market_price_usd; },
      {{"handgun", 1400},
       {"ar_rifle", 2200},
       {"ak_rifle", 1600},
       {"bmg50", 18500},
       {"other_long", 1400},
       {"kit", 1200}},
      0, 1e6, class_keys(),
      "Under traffickers.pricing market: what a gun of each class sells for in Mexico before the haul from the "
      "border (USD). The defaults are cheapest_supplier's prices at the default costs, markup 2 x (retail + the "
      "250 USD straw fee; a kit's mail-order price): an AR-type rifle 2,200 USD, against a reported 800 USD bought "
      "and 1,900 USD sold before the border (public figures 4.13). A map is replaced whole: under market it must "
      "name every class."));
  t.push_back(real(
      "traffickers.market_price_per_km", [](auto& s) -> auto& { return s.traffickers.market_price_per_km; }, 0.30, 0,
      1e3, "USD/gun/km",
      "Under traffickers.pricing market: what a km of a region's shortest supply route from the border adds to a "
      "gun's price there (the default: markup 2 x the default transport_cost_per_km)."));
  t.push_back(real(
      "traffickers.market_pass_through", [](auto& s) -> auto& { return s.traffickers.market_pass_through; }, 0, 0, 20,
      "",
      "Under traffickers.pricing market: how much of a change in the cost of supplying a region (a gun's price "
      "through a straw buyer, or a kit's by mail, + transport_cost_per_km x the region's shortest supply route) "
      "against the cost its market price implies (market_price / markup) buyers pay: 0, none (the prices are "
      "fixed); 1, the change itself; markup, the change marked up, which gives cheapest_supplier's prices."));
  // Where a network stages (model/networks.hpp: choose_staging; docs/ODD.md).
  t.push_back(real(
      "traffickers.staging_choice_km", [](auto& s) -> auto& { return s.traffickers.staging_choice_km; }, 150, 1, 1e5,
      "km",
      "Logit scale of a new network's staging city: one costing this much more (drive from home, then across) "
      "is e times less likely."));
}

void add_channels(std::vector<SchemaEntry>& t) {
  t.push_back(real_map(
      "channels.preference", [](auto& s) -> auto& { return s.channels.preference; },
      {{"straw", 0.45}, {"unlicensed", 0.40}, {"corrupt_dealer", 0.10}, {"theft", 0.05}}, 0, 1e9, retail_channel_keys(),
      "Base weight of each acquisition channel for serialized guns, before risk and cost."));
  t.push_back(real_map(
      "channels.extra_cost", [](auto& s) -> auto& { return s.channels.extra_cost; },
      {{"straw", 0}, {"unlicensed", 150}, {"corrupt_dealer", 300}, {"theft", 0}}, 0, 1e5, retail_channel_keys(),
      "Per-gun premium over the retail price, USD."));
  t.push_back(real(
      "channels.gun_show_share", [](auto& s) -> auto& { return s.channels.gun_show_share; }, 0.08, 0, 1, "",
      "Share of unlicensed-channel sales made at gun shows."));
  t.push_back(integer(
      "channels.corrupt_dealer_volume", [](auto& s) -> auto& { return s.channels.corrupt_dealer_volume; }, 80, 0, 1e5,
      "guns/year", "Guns one corrupt dealer can sell off the books per year."));
  t.push_back(real(
      "channels.legal_exports_per_year", [](auto& s) -> auto& { return s.channels.legal_exports_per_year; }, 20000, 0,
      1e6, "guns/year", "Guns legally exported to Mexican military and police."));
  t.push_back(real(
      "channels.export_diversion", [](auto& s) -> auto& { return s.channels.export_diversion; }, 0.05, 0, 1, "",
      "Share of exported guns diverted to criminal groups through corruption."));
}

void add_dealers(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "dealers.corrupt_share", [](auto& s) -> auto& { return s.dealers.corrupt_share; }, 0.005, 0, 1, "",
      "Share of dealers willing to sell off the books."));
  t.push_back(real(
      "dealers.negligent_share", [](auto& s) -> auto& { return s.dealers.negligent_share; }, 0.05, 0, 1, "",
      "Share of dealers who ignore red flags (never refuse)."));
  t.push_back(real(
      "dealers.refusal_probability", [](auto& s) -> auto& { return s.dealers.refusal_probability; }, 0.1, 0, 1, "",
      "Probability a compliant dealer refuses and reports a multi-gun straw sale."));
  t.push_back(real(
      "dealers.corrupt_attraction", [](auto& s) -> auto& { return s.dealers.corrupt_attraction; }, 20, 1, 1e4, "",
      "How many times more often networks pick a negligent dealer than a compliant one."));
  t.push_back(real(
      "dealers.renewal_days", [](auto& s) -> auto& { return s.dealers.renewal_days; }, 365, 1, 1e5, "days",
      "Mean days after a corrupt dealer's licence is revoked, or a negligent dealer is reformed, before another "
      "compliant dealer of the same state takes its place (new owners and staff, a dealer a network cultivates): "
      "enforcement removes dealers, not the pool they come from (uncertain; a very large value switches renewal "
      "off)."));
}

void add_border(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "border.inspection_rate", [](auto& s) -> auto& { return s.border.inspection_rate; }, 0.02, 0, 1, "",
      "Share of southbound vehicles inspected at ports: the outbound inspection capacity is this share of all port "
      "traffic, allocated by traffic (uncertain)."));
  t.push_back(real(
      "border.unofficial_detection", [](auto& s) -> auto& { return s.border.unofficial_detection; }, 0.03, 0, 1, "",
      "Probability that each vehicle of a load is stopped between ports, where its guns are then all seized "
      "(uncertain)."));
  t.push_back(real(
      "border.unofficial_extra_km", [](auto& s) -> auto& { return s.border.unofficial_extra_km; }, 150, 0, 5000, "km",
      "Extra cost of an unofficial crossing, in km equivalent."));
  t.push_back(real(
      "border.risk_weight_km", [](auto& s) -> auto& { return s.border.risk_weight_km; }, 3000, 0, 1e6, "km",
      "Route cost of a detection probability of 1, in km equivalent."));
  t.push_back(real(
      "border.route_choice_km", [](auto& s) -> auto& { return s.border.route_choice_km; }, 150, 1, 1e5, "km",
      "Logit scale of crossing choice: a crossing costing this much more is e times less likely."));
  t.push_back(integer(
      "border.reroute_days", [](auto& s) -> auto& { return s.border.reroute_days; }, 30, 1, 3650, "days",
      "Interval at which routes are recomputed from current risks."));
  // The search of an inspected vehicle (model/border.hpp; docs/ODD.md, border).
  t.push_back(integer(
      "border.guns_per_vehicle", [](auto& s) -> auto& { return s.border.guns_per_vehicle; }, 3, 1, 1000, "guns",
      "Guns hidden in one vehicle: a load crosses as several vehicles, each inspected on its own."));
  t.push_back(real(
      "border.concealment", [](auto& s) -> auto& { return s.border.concealment; }, 0.99, 0, 1, "",
      "Probability a port inspection misses one hidden gun (a vehicle's guns are found if any one is)."));
}
}  // namespace

std::vector<std::string> class_keys() { return {kClassNames.begin(), kClassNames.end()}; }

std::vector<std::string> state_keys_and_other() {
  std::vector<std::string> keys(kUsStateCodes.begin(), kUsStateCodes.end());
  keys.emplace_back("OTHER");
  return keys;
}

void add_model_keys(std::vector<SchemaEntry>& t) {
  add_demand(t);
  add_traffickers(t);
  add_channels(t);
  add_dealers(t);
  add_border(t);
}

}  // namespace gunflow::schema_detail
