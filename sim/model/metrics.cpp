#include "gunflow/model/metrics.hpp"

#include <algorithm>

#include <string>

namespace gunflow {
namespace {
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

// The rows of each part of the pipeline, in output order.
void add_flow_rows(const World& w, MetricLayout& L, MetricRows& m) {
  m.guns_trafficked = L.add("guns_trafficked");
  m.purchases = L.add("purchases");  // acquisition events (one or more guns each)
  m.guns_arrived = L.add("guns_arrived_mexico");
  m.guns_onward = L.add("guns_arrived_onward");
  m.trafficked_by_class = add_keyed(L, "guns_trafficked_by_class", kClassNames);
  m.trafficked_by_state = add_keyed(L, "guns_trafficked_by_source_state", state_codes(w));
  m.trafficked_by_channel = add_keyed(L, "guns_trafficked_by_channel", kChannelNames);
  m.trafficked_by_crossing = add_keyed(L, "guns_by_crossing", crossing_ids(w));
  m.arrived_by_region = add_keyed(L, "guns_arrived_by_region", region_codes(w));
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
  m.multiple_sale_reports = L.add("multiple_sale_reports");
  m.dealer_refusals = L.add("dealer_refusals");
  m.leads = L.add("leads");
  m.leads_investigated = L.add("leads_investigated");
  m.straw_buyers_recruited = L.add("straw_buyers_recruited");
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
  m.ttc_sum_years = L.add("time_to_crime_sum_years");
  m.ttc_mean_years = L.add("time_to_crime_mean_years");
  m.ttc_over_3y_share = L.add("time_to_crime_over_3y_share");

  m.delivered_cost_sum = L.add("delivered_cost_sum_usd");
  m.cost_per_gun = L.add("trafficker_cost_per_gun_usd");
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

  add_flow_rows(w, L, m);
  add_enforcement_rows(L, m);
  add_mexico_rows(w, L, m);
  return L;
}

void finalize_metrics(const MetricRows& m, const Settings& s, Eigen::ArrayXXd& v) {
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
  // Mexican price: delivered cost × markup, raised by the share of guns lost to
  // seizures (a risk premium that passes losses on to buyers).
  for (Eigen::Index y = 0; y < v.cols(); ++y) {
    const auto r = [&](std::size_t row) -> double& { return v(static_cast<Eigen::Index>(row), y); };
    const double lost = r(m.guns_trafficked) > 0
                            ? (r(m.us_border_seizures) + r(m.us_investigation_seizures)) / r(m.guns_trafficked)
                            : 0.0;
    r(m.mexico_price) = r(m.cost_per_gun) * s.traffickers.markup * (1.0 + lost);
  }
}

}  // namespace gunflow
