#include "demo_result.hpp"

#include <algorithm>

#include "demo_lessons.hpp"
#include "gunflow/io/svg_chart.hpp"
#include "gunflow/model/metrics.hpp"

namespace gunflow::cli {
using nlohmann::json;
namespace {
double num(const json& v) { return v.is_number() ? v.get<double>() : 0.0; }

std::string unit_of(const std::string& metric) {
  for (const MetricInfo& m : metric_catalogue())
    if (metric == m.name) return m.unit;
  return "";
}
/// The timeline's axis: a flow per year, a stock at year end.
std::string axis_unit(const std::string& metric) {
  for (const MetricInfo& m : metric_catalogue())
    if (metric == m.name)
      return std::string(m.unit) + (std::string(m.kind) == "flow"    ? " per year"
                                    : std::string(m.kind) == "stock" ? " at year end"
                                                                     : "");
  return "";
}

const json* find_series(const json& c, const std::string& metric, const std::string& key) {
  for (const json& m : c.at("metrics"))
    if (m.at("metric") == metric && m.at("key") == key) return &m;
  return nullptr;
}

std::string effects_table(const json& c) {
  std::string h =
      "<h2>Effect of the policies (last simulated year, paired 95% CI)</h2><table id=\"effects\"><tr><th>what</th>"
      "<th>unit</th><th>without</th><th>with</th><th>change</th><th>95% CI of the change</th></tr>";
  for (const std::string& metric : demo_metrics()) {
    const json* m = find_series(c, metric, "total");
    if (m == nullptr || m->at("years").empty()) continue;
    const json& y = m->at("years").back();
    h += "<tr data-metric=\"" + metric + "\"><td title=\"" + metric + "\">" + svg::escape(metric_title(metric)) +
         "</td><td>" + svg::escape(unit_of(metric)) + "</td><td>" + svg::number(num(y.at("base_mean"))) + "</td><td>" +
         svg::number(num(y.at("mean"))) + "</td><td class=\"diff\" data-value=\"" + std::to_string(num(y.at("diff"))) +
         "\">" + svg::number(num(y.at("diff"))) +
         (y.at("diff_pct").is_number() ? " (" + svg::number(num(y.at("diff_pct"))) + "%)" : std::string()) +
         "</td><td>[" + svg::number(num(y.at("diff_ci_low"))) + ", " + svg::number(num(y.at("diff_ci_high"))) +
         "]</td></tr>";
  }
  return h + "</table>";
}

std::string timeline(const json& c, const std::string& start) {
  std::string h =
      "<h2>Year by year</h2><p>Mean per simulated year without and with the policies (band: 95% CI of the "
      "mean with the policies); the dashed line is the policy start.</p><div class=\"grid\" id=\"timeline\">";
  double marker = 0;
  if (start.size() >= 10) marker = std::stoi(start.substr(0, 4)) - 0.5 + (std::stoi(start.substr(5, 2)) - 1) / 12.0;
  std::size_t years = 0;
  for (const std::string& metric :
       {std::string("guns_arrived_mexico"), std::string("us_border_seizures"), std::string("arrests"),
        std::string("traces"), std::string("homicides_firearm"), std::string("arsenal_stock")}) {
    const json* m = find_series(c, metric, "total");
    if (m == nullptr) continue;
    std::vector<svg::SeriesPoint> base, pol;
    for (const json& y : m->at("years")) {
      const double x = y.at("year").get<int>();
      base.push_back({x, num(y.at("base_mean")), num(y.at("base_mean")), num(y.at("base_mean"))});
      pol.push_back({x, num(y.at("mean")), num(y.at("ci_low")), num(y.at("ci_high"))});
    }
    years = pol.size();
    h += svg::lines_with_bands(metric_title(metric), axis_unit(metric), {{"without", base}, {"with the policies", pol}},
                               marker, start.empty() ? "" : "policies from " + start);
  }
  return h + "</div><p>The scenario simulates " + std::to_string(years) +
         " calendar years, so each line has that many points.</p>";
}

std::string maps(const json& c, const geo::Places& places) {
  geo::OdTable base, pol, diff;
  for (const json& m : c.at("metrics")) {
    const std::string metric = m.at("metric"), key = m.at("key");
    if (key.find('>') == std::string::npos || m.at("years").empty()) continue;
    const json& y = m.at("years").back();
    geo::add_od_series(base, metric, key, num(y.at("base_mean")));
    geo::add_od_series(pol, metric, key, num(y.at("mean")));
    geo::add_od_series(diff, metric, key, num(y.at("diff")));
  }
  geo::MapOptions o;
  o.links_per_leg = 10;
  o.full_width_guns = std::max(geo::largest_link(base), geo::largest_link(pol));
  o.title = "Without the policies";
  std::string h =
      "<h2>Where the guns go (last simulated year)</h2><p>Guns per year that crossed unseized: US state "
      "of first sale → crossing → destination. Both maps share one width scale.</p><div class=\"maps\">";
  h += "<div id=\"map-base\">" + geo::flow_map(base, places, o) + "</div>";
  o.title = "With the policies";
  h += "<div id=\"map-policy\">" + geo::flow_map(pol, places, o) + "</div></div>";
  o.title = "The difference (with − without)";
  o.difference = true;
  o.full_width_guns = 0;
  return h + "<div id=\"map-diff\">" + geo::flow_map(diff, places, o) + "</div>";
}
}  // namespace

std::string demo_result_html(const json& cmp, const geo::Places& places, const std::string& start) {
  const json& c = cmp.at("comparisons").at(0);
  return effects_table(c) + maps(c, places) + timeline(c, start);
}

}  // namespace gunflow::cli
