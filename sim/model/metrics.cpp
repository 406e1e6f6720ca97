#include "gunflow/model/metrics.hpp"

#include "gunflow/model/route_tally.hpp"

#include "metric_reductions.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace gunflow {
namespace {
using namespace metric_text;  // kSum, kRatio, kYearEnd: how each metric is reduced
template <class Names>
std::vector<std::size_t> add_keyed(MetricLayout& layout, const std::string& metric, const Names& names) {
  std::vector<std::size_t> rows;
  for (const auto& n : names) rows.push_back(layout.add(metric, std::string(n)));
  return rows;
}
std::vector<std::string> state_codes(const World& w) {
  std::vector<std::string> out;
  for (const auto& s : w.states) out.push_back(s.code);
  return out;
}
std::vector<std::string> region_codes(const World& w) {
  std::vector<std::string> out;
  for (const auto& r : w.regions) out.push_back(r.code);
  return out;
}
std::vector<std::string> crossing_ids(const World& w) {
  std::vector<std::string> out;
  for (const auto& c : w.crossings) out.push_back(c.id);
  return out;
}

// The metric catalogue. Each row says exactly what the model counts (the tally.add
// calls in acquisition, straw_buyers, border, enforcement, networks, mexico and
// simulation.cpp) and how finalize_metrics forms the derived ones.
constexpr const char* kTotal = "total";
constexpr const char* kClassKey = "firearm class: handgun, ar_rifle, ak_rifle, bmg50, other_long, kit";
constexpr const char* kChannelKey = "acquisition channel: straw, unlicensed, corrupt_dealer, theft, kit";
constexpr const char* kUsStateKey = "US state postal code (data.us_states)";
constexpr const char* kCrossingKey = "crossing id (data.crossings)";
constexpr const char* kRegionKey = "Mexican state code (data.mx_states), CAC = onward to Central America/Caribbean";
constexpr const char* kSourceCrossingKey = "US state code>crossing id, e.g. TX>laredo";
constexpr const char* kCrossingRegionKey = "crossing id>Mexican state code (or CAC), e.g. laredo>TAM";
constexpr const char* kMexRegionKey = "Mexican state code (data.mx_states; CAC, the onward node, is always 0)";
const std::vector<MetricInfo> kCoreCatalogue = {
    // Flow in the United States
    {"guns_trafficked", "flow", "guns", kTotal,
     "Guns acquired in the US by trafficking networks in the year, through every channel (straw purchases, "
     "unlicensed sellers, corrupt dealers, thefts, kits), whether or not they later cross or are seized.",
     kSum},
    {"purchases", "flow", "events", kTotal,
     "Acquisition events that yielded at least one gun (one trip's purchase, of one or more guns).", kSum},
    {"guns_arrived_mexico", "flow", "guns", kTotal,
     "Guns in loads that crossed the border unseized to a Mexican state (not the onward node).", kSum},
    {"guns_arrived_onward", "flow", "guns", kTotal,
     "Guns in loads that crossed unseized bound for the onward node (Central America and the Caribbean, CAC).", kSum},
    {"guns_trafficked_by_class", "flow", "guns", kClassKey, "guns_trafficked by the class of gun acquired.", kSum},
    {"guns_trafficked_by_source_state", "flow", "guns", kUsStateKey,
     "guns_trafficked by the US state where the gun was acquired.", kSum},
    {"guns_trafficked_by_channel", "flow", "guns", kChannelKey,
     "guns_trafficked by the channel that sold (a corrupt-dealer trip with no dealer in reach counts as straw).", kSum},
    {"guns_by_crossing", "flow", "guns", kCrossingKey,
     "Guns in loads shipped through each crossing, seized or not (the load's whole inventory at departure).", kSum},
    {"guns_arrived_by_region", "flow", "guns", kRegionKey,
     "Guns in unseized loads by the destination of the network that shipped them.", kSum},
    {"guns_arrived_by_source_crossing", "flow", "guns", kSourceCrossingKey,
     "Guns in unseized loads by the US state of first sale and the crossing they took (origin-destination, first "
     "leg); summed over states it is each crossing's unseized guns. Only with simulation.origin_destination.",
     kSum},
    {"guns_arrived_by_crossing_region", "flow", "guns", kCrossingRegionKey,
     "Guns in unseized loads by the crossing and the destination of the network that shipped them "
     "(origin-destination, second leg); summed over crossings it is guns_arrived_by_region. Only with "
     "simulation.origin_destination.",
     kSum},
    {"guns_from_gun_shows", "flow", "guns", kTotal,
     "Guns bought from unlicensed sellers at gun shows (a subset of the unlicensed channel).", kSum},
    {"export_guns_diverted", "flow", "guns", kTotal,
     "Guns lawfully exported from the US to Mexico and diverted to criminal arsenals (not trafficked by networks; "
     "they trace to the exporter, not a retail purchaser).",
     kSum},
    {"foreign_guns_inflow", "flow", "guns", kTotal,
     "Guns of non-US origin entering Mexican arsenals (never US-sourced in traces).", kSum},
    // Enforcement in the United States
    {"us_border_seizures", "flow", "guns", kTotal,
     "Guns seized at the border going south: the guns found in inspected vehicles at ports (us_port_seizures) and in "
     "loads stopped between ports.",
     kSum},
    {"us_investigation_seizures", "flow", "guns", kTotal,
     "Guns seized from a network's inventory when a successful case disrupts the network.", kSum},
    {"us_interdiction_share", "share", "share (0-1)", kTotal, "us_border_seizures / guns_trafficked of the same year.",
     kRatio},
    {"arrests", "flow", "people", kTotal,
     "Arrests: one per successful case (the model counts every case as one arrest; a straw-buyer case also takes that "
     "buyer out of use).",
     kSum},
    {"networks_disrupted", "flow", "networks", kTotal,
     "Networks stopped by a successful case (their slots wait for an entrant: networks_entered).", kSum},
    {"cases", "flow", "cases", kTotal, "Investigations closed successfully (equal to arrests).", kSum},
    {"guns_in_cases", "flow", "guns", kTotal,
     "Guns attributed to the closed cases: every gun the arrested straw buyer bought, or, for a network lead, the "
     "guns the network recently bought through the lead's channel.",
     kSum},
    {"guns_per_case", "mean", "guns per case", kTotal, "guns_in_cases / cases of the same year.", kRatio},
    {"cases_by_channel", "flow", "cases", kChannelKey, "cases by the channel of the lead that opened them.", kSum},
    {"case_share_by_channel", "share", "share (0-1)", kChannelKey, "cases_by_channel / cases of the same year.",
     kRatio},
    {"dealer_inspections", "flow", "inspections", kTotal, "ATF compliance inspections of licensed dealers carried out.",
     kSum},
    {"dealer_revocations", "flow", "dealers", kTotal,
     "Licences revoked after an inspection found a corrupt dealer (the dealer sells no more).", kSum},
    {"dealer_inspections_targeted", "flow", "inspections", kTotal,
     "dealer_inspections aimed at the open dealer ranked first by its crime-gun traces since its last inspection, "
     "young guns' first (enforcement.targeted_share of them, while a traced dealer is left; the others visit a "
     "dealer at random).",
     kSum},
    {"targeted_inspections_noncompliant", "flow", "inspections", kTotal,
     "dealer_inspections_targeted that found a corrupt or negligent dealer: how well traces point ATF at the dealers "
     "who break the law (it ranks them by traces, not knowing their type).",
     kSum},
    {"multiple_sale_reports", "flow", "reports", kTotal,
     "Multiple-sale reports filed on straw purchases (handguns, Form 3310.4; listed rifles, Form 3310.12, where "
     "multiple_rifle_reporting is in force); each is a routine ATF lead.",
     kSum},
    {"multiple_sale_ring_overflows", "flow", "purchases", kTotal,
     "Straw purchases that pushed out of the buyer's memory of six recent purchases an earlier purchase from the same "
     "dealer that a multiple-sale report there would still count (inside its class's reporting window): each one can "
     "make a later report short. Near 0 at the baseline; it grows with long rifle-reporting windows and "
     "traffickers.dealer_loyalty, and says when the six are too few.",
     kSum},
    {"dealer_refusals", "flow", "events", kTotal,
     "Straw purchases of two or more guns refused by a compliant dealer, who tips off ATF (a priority lead).", kSum},
    {"leads", "flow", "leads", kTotal,
     "Leads created: dealer refusals, multiple-sale reports, bulk ammunition flags, eTrace traces that name a "
     "purchaser of a network's gun young enough to act on, and tips from border seizures (leads_by_source splits "
     "them).",
     kSum},
    {"leads_investigated", "flow", "leads", kTotal,
     "Leads opened as investigations (investigator capacity allowing; stale or moot leads are dropped unopened).",
     kSum},
    {"straw_buyers_recruited", "flow", "people", kTotal, "Straw buyers newly recruited by networks.", kSum},
    {"straw_recruits_declined", "flow", "people", kTotal,
     "Would-be straw buyers who declined to be recruited, deterred by the sentence (policy "
     "straw_purchase_penalties); the network's trip buys nothing and it tries again on its next trip.",
     kSum},
    {"trips_unfunded", "flow", "events", kTotal, "Acquisition trips abandoned because the network could not pay.",
     kSum},
    {"trips_blocked", "flow", "events", kTotal,
     "Acquisition trips abandoned because the wanted class could not be had in any reachable state (e.g. under a "
     "ban).",
     kSum},
    {"networks_bankrupt", "flow", "networks", kTotal,
     "Networks that folded with no cash and no guns to sell (their slots wait for an entrant).", kSum},
    {"ammunition_flags", "flow", "events", kTotal,
     "Purchases flagged under bulk_ammunition_reporting (each also creates a routine lead).", kSum},
    // Mexico: arsenals, recoveries and traces
    {"mx_recoveries", "flow", "guns", kTotal, "Guns recovered by Mexican authorities from arsenals in Mexican states.",
     kSum},
    {"arsenal_stock", "stock", "guns", kTotal,
     "Guns held in the arsenals of Mexican states at the end of the year (the onward node excluded).", kYearEnd},
    {"traces", "flow", "traces", kTotal, "Recovered guns submitted to eTrace.", kSum},
    {"traces_us_sourced", "flow", "traces", kTotal,
     "Traces of guns of US origin (retail, export or serialized kit; foreign guns and unserialized kits are not).",
     kSum},
    {"traces_us_sourced_share", "share", "share (0-1)", kTotal, "traces_us_sourced / traces of the same year.", kRatio},
    {"traces_purchaser_identified", "flow", "traces", kTotal,
     "Traces that reached the first retail purchaser (source state known and purchaser named).", kSum},
    {"traces_purchaser_share", "share", "share (0-1)", kTotal, "traces_purchaser_identified / traces of the same year.",
     kRatio},
    {"traces_source_state_known", "flow", "traces", kTotal,
     "Traces of US-retail guns whose source dealer (and so source state) was found.", kSum},
    {"traces_by_source_state", "flow", "traces", kUsStateKey,
     "traces_source_state_known by the US state of first sale.", kSum},
    {"trace_share_by_source_state", "share", "share (0-1)", kUsStateKey,
     "traces_by_source_state / traces_source_state_known of the same year.", kRatio},
    {"traces_by_class", "flow", "traces", kClassKey, "traces_us_sourced by the class of the traced gun.", kSum},
    {"traced_handgun_share", "share", "share (0-1)", kTotal,
     "traces_by_class[handgun] / traces_us_sourced of the same year.", kRatio},
    {"traced_long_gun_share", "share", "share (0-1)", kTotal,
     "traces_by_class of AR, AK, .50 and other long guns / traces_us_sourced: ATF's rifle share, shotguns in.", kRatio},
    {"time_to_crime_sum_years", "flow", "years", kTotal,
     "Sum over traces with a known source state of the time from retail sale to recovery (years of 365.25 days); "
     "the numerator of time_to_crime_mean_years.",
     kSum},
    {"time_to_crime_mean_years", "mean", "years", kTotal,
     "time_to_crime_sum_years / traces_source_state_known: mean time to crime of the year's traced guns.", kRatio},
    {"time_to_crime_over_3y_share", "share", "share (0-1)", kTotal,
     "Share of traces with a known source state whose time to crime is 3 years or more.", kRatio},
    // Economics
    {"delivered_cost_sum_usd", "money", "USD", kTotal,
     "What the year's shipped loads cost their networks: purchase prices plus transport (per gun-km), summed over "
     "loads at departure, seized or not.",
     kSum},
    {"trafficker_cost_per_gun_usd", "money", "USD per gun", kTotal,
     "delivered_cost_sum_usd / guns_trafficked of the same year.", kRatio},
    {"mexico_sales_usd", "money", "USD", kTotal,
     "What the year's delivered guns sold for in Mexico (traffickers.pricing): their loads' delivered cost x markup, "
     "or each gun at its class's price in its region; less what substitutes cost beyond the guns ordered, marked up.",
     kSum},
    {"mexico_price_usd", "money", "USD per gun", kTotal,
     "mexico_sales_usd / (guns_arrived_mexico + guns_arrived_onward): the mean price a delivered gun sold for.",
     kRatio},
    // Violence
    {"homicides", "flow", "people", kTotal,
     "Homicides in Mexican states (firearm and other, each drawn daily per state).", kSum},
    {"homicides_firearm", "flow", "people", kTotal,
     "Firearm homicides: each state's base rate scaled by (class-weighted armed stock / its reference)^elasticity, "
     "the reference the flows' expected stock in the baseline's year (violence.reference_stock can fix it); with "
     "a yearly homicide table the base rate's firearm share follows that stock against 2010's (docs/ODD.md 7.15).",
     kSum},
    {"homicides_nonfirearm", "flow", "people", kTotal, "Homicides by other means.", kSum},
    {"homicides_firearm_share", "share", "share (0-1)", kTotal, "homicides_firearm / homicides of the same year.",
     kRatio},
    {"homicides_by_region", "flow", "people", kMexRegionKey, "homicides by Mexican state.", kSum},
    {"homicides_firearm_by_region", "flow", "people", kMexRegionKey, "homicides_firearm by Mexican state.", kSum},
};

/// The whole catalogue: the core entries, then each part's own block.
const std::vector<MetricInfo>& all_metrics() {
  static const std::vector<MetricInfo> all = [] {
    std::vector<MetricInfo> v = kCoreCatalogue;
    for (const std::vector<MetricInfo>* part :
         {&triage_border_catalogue(), &supply_metric_catalogue(), &route_metric_catalogue()})
      v.insert(v.end(), part->begin(), part->end());
    return v;
  }();
  return all;
}

/// The origin–destination tallies exist only where simulation.origin_destination(_routes) asks.
bool optional_metric(const std::string& name) {
  return name == "guns_arrived_by_source_crossing" || name == "guns_arrived_by_crossing_region" ||
         name == "guns_arrived_by_route";
}

/// Every series belongs to a catalogue entry and every entry has a series.
void check_against_catalogue(const MetricLayout& L) {
  std::set<std::string> in_layout;
  for (const SeriesKey& k : L.series()) {
    in_layout.insert(k.metric);
    const bool known = std::any_of(all_metrics().begin(), all_metrics().end(),
                                   [&](const MetricInfo& m) { return k.metric == m.name; });
    if (!known)
      throw std::logic_error("metric '" + k.metric + "' has no entry in the metric catalogue (model/metrics.cpp)");
  }
  for (const MetricInfo& m : all_metrics())
    if (!in_layout.count(m.name) && !optional_metric(m.name))
      throw std::logic_error(std::string("metric catalogue entry '") + m.name + "' is not in the layout");
}

// The rows of each part of the pipeline, in output order.
void add_flow_rows(const World& w, const Settings& settings, MetricLayout& L, MetricRows& m) {
  m.guns_trafficked = L.add("guns_trafficked");
  m.purchases = L.add("purchases");  // acquisition events (one or more guns each)
  m.guns_arrived = L.add("guns_arrived_mexico");
  m.guns_onward = L.add("guns_arrived_onward");
  m.trafficked_by_class = add_keyed(L, "guns_trafficked_by_class", kClassNames);
  m.trafficked_by_state = add_keyed(L, "guns_trafficked_by_source_state", state_codes(w));
  m.trafficked_by_channel = add_keyed(L, "guns_trafficked_by_channel", kChannelNames);
  m.trafficked_by_crossing = add_keyed(L, "guns_by_crossing", crossing_ids(w));
  m.arrived_by_region = add_keyed(L, "guns_arrived_by_region", region_codes(w));
  add_route_rows(w, settings, L, m);  // the origin–destination tallies asked for (route_tally.cpp)
  m.gun_show_guns = L.add("guns_from_gun_shows");
  m.export_diverted = L.add("export_guns_diverted");
  m.foreign_inflow = L.add("foreign_guns_inflow");
}

void add_enforcement_rows(MetricLayout& L, MetricRows& m) {
  m.us_border_seizures = L.add("us_border_seizures");
  m.us_investigation_seizures = L.add("us_investigation_seizures");
  m.us_interdiction_share = L.add("us_interdiction_share");
  m.arrests = L.add("arrests");
  m.networks_disrupted = L.add("networks_disrupted");
  m.cases = L.add("cases");
  m.guns_in_cases = L.add("guns_in_cases");
  m.guns_per_case = L.add("guns_per_case");
  m.cases_by_channel = add_keyed(L, "cases_by_channel", kChannelNames);
  m.case_share_by_channel = add_keyed(L, "case_share_by_channel", kChannelNames);
  m.dealer_inspections = L.add("dealer_inspections");
  m.dealer_revocations = L.add("dealer_revocations");
  m.dealer_inspections_targeted = L.add("dealer_inspections_targeted");
  m.targeted_inspections_noncompliant = L.add("targeted_inspections_noncompliant");
  m.multiple_sale_reports = L.add("multiple_sale_reports");
  m.multiple_sale_ring_overflows = L.add("multiple_sale_ring_overflows");
  m.dealer_refusals = L.add("dealer_refusals");
  m.leads = L.add("leads");
  m.leads_investigated = L.add("leads_investigated");
  m.straw_buyers_recruited = L.add("straw_buyers_recruited");
  m.straw_recruits_declined = L.add("straw_recruits_declined");
  m.trips_unfunded = L.add("trips_unfunded");
  m.trips_blocked = L.add("trips_blocked");
  m.networks_bankrupt = L.add("networks_bankrupt");
  m.ammunition_flags = L.add("ammunition_flags");
}

void add_mexico_rows(const World& w, MetricLayout& L, MetricRows& m) {
  m.mx_recoveries = L.add("mx_recoveries");
  m.arsenal_stock = L.add("arsenal_stock");
  m.traces = L.add("traces");
  m.traces_us_sourced = L.add("traces_us_sourced");
  m.us_sourced_share = L.add("traces_us_sourced_share");
  m.traces_purchaser = L.add("traces_purchaser_identified");
  m.purchaser_share = L.add("traces_purchaser_share");
  m.traces_state_known = L.add("traces_source_state_known");
  m.traces_by_state = add_keyed(L, "traces_by_source_state", state_codes(w));
  m.trace_share_by_state = add_keyed(L, "trace_share_by_source_state", state_codes(w));
  m.traces_by_class = add_keyed(L, "traces_by_class", kClassNames);
  m.traced_handgun_share = L.add("traced_handgun_share");
  m.traced_long_gun_share = L.add("traced_long_gun_share");
  m.ttc_sum_years = L.add("time_to_crime_sum_years");
  m.ttc_mean_years = L.add("time_to_crime_mean_years");
  m.ttc_over_3y_share = L.add("time_to_crime_over_3y_share");

  m.delivered_cost_sum = L.add("delivered_cost_sum_usd");
  m.cost_per_gun = L.add("trafficker_cost_per_gun_usd");
  m.mexico_sales = L.add("mexico_sales_usd");
  m.mexico_price = L.add("mexico_price_usd");

  m.homicides = L.add("homicides");
  m.homicides_firearm = L.add("homicides_firearm");
  m.homicides_nonfirearm = L.add("homicides_nonfirearm");
  m.firearm_homicide_share = L.add("homicides_firearm_share");
  m.homicides_by_region = add_keyed(L, "homicides_by_region", region_codes(w));
  m.firearm_homicides_by_region = add_keyed(L, "homicides_firearm_by_region", region_codes(w));
}
}  // namespace

MetricLayout make_layout(const World& w, const Settings& s, MetricRows& m) {
  MetricLayout L;
  const int first = s.simulation.start.year();
  const Date last_day = s.simulation.end + (-1);
  L.set_years(first, last_day.year() - first + 1);

  add_flow_rows(w, s, L, m);
  add_enforcement_rows(L, m);
  add_mexico_rows(w, L, m);
  add_supply_rows(w, L, m.supply);
  add_triage_border_rows(w, L, m);
  check_against_catalogue(L);
  return L;
}

const std::vector<MetricInfo>& metric_catalogue() { return all_metrics(); }

void finalize_metrics(const MetricRows& m, Eigen::ArrayXXd& v) {
  const auto ratio = [&](std::size_t out, std::size_t num, std::size_t den, double scale = 1.0) {
    for (Eigen::Index y = 0; y < v.cols(); ++y) {
      const double d = v(static_cast<Eigen::Index>(den), y);
      v(static_cast<Eigen::Index>(out), y) = d > 0 ? scale * v(static_cast<Eigen::Index>(num), y) / d : 0.0;
    }
  };
  for (Eigen::Index y = 0; y < v.cols(); ++y) {
    const auto r = [&](std::size_t row) -> double& { return v(static_cast<Eigen::Index>(row), y); };
    // A share, so at most 1: guns are counted as trafficked when bought and as seized
    // when their load crosses, and a load bought in one year can cross in the next (or
    // a network with a small stock waits for a full load), so a year's seizures can
    // exceed that year's purchases.
    r(m.us_interdiction_share) =
        r(m.guns_trafficked) > 0 ? std::min(1.0, r(m.us_border_seizures) / r(m.guns_trafficked)) : 0.0;
    const double sold = r(m.guns_arrived) + r(m.guns_onward);  // onward guns are sold too
    r(m.mexico_price) = sold > 0 ? r(m.mexico_sales) / sold : 0.0;
    double long_guns = 0;  // kits and foreign guns are not US-sourced traces
    for (const FirearmClass c : {FirearmClass::kAr, FirearmClass::kAk, FirearmClass::kBmg50, FirearmClass::kOtherLong})
      long_guns += r(m.traces_by_class[index_of(c)]);
    r(m.traced_long_gun_share) = r(m.traces_us_sourced) > 0 ? long_guns / r(m.traces_us_sourced) : 0.0;
  }
  ratio(m.guns_per_case, m.guns_in_cases, m.cases);
  for (std::size_t c = 0; c < m.cases_by_channel.size(); ++c)
    ratio(m.case_share_by_channel[c], m.cases_by_channel[c], m.cases);
  ratio(m.us_sourced_share, m.traces_us_sourced, m.traces);
  ratio(m.purchaser_share, m.traces_purchaser, m.traces);
  for (std::size_t i = 0; i < m.traces_by_state.size(); ++i)
    ratio(m.trace_share_by_state[i], m.traces_by_state[i], m.traces_state_known);
  ratio(m.traced_handgun_share, m.traces_by_class[0], m.traces_us_sourced);
  ratio(m.ttc_mean_years, m.ttc_sum_years, m.traces_state_known);
  ratio(m.ttc_over_3y_share, m.ttc_over_3y_share, m.traces_state_known);  // count → share
  ratio(m.cost_per_gun, m.delivered_cost_sum, m.guns_trafficked);
  ratio(m.firearm_homicide_share, m.homicides_firearm, m.homicides);
  finalize_supply_metrics(m.supply, v);
  finalize_triage_border(m, v);
}

}  // namespace gunflow
