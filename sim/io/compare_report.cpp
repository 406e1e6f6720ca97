// The compare sections of `gunflow report`: what each scenario changes, every effect
// with its interval, the headline effects on one axis, yearly series of baseline and
// policy around the policy start, and baseline/policy/difference maps.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "gunflow/io/atomic_file.hpp"
#include "gunflow/tally/summary.hpp"
#include "report_parts.hpp"

namespace gunflow::report {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

double num(const json& v) { return v.is_number() ? v.get<double>() : 0.0; }

/// Every scalar of a YAML document as dotted key → text (sequences written inline).
void flatten(const YAML::Node& n, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (n.IsMap()) {
    for (const auto& kv : n)
      flatten(kv.second, prefix.empty() ? kv.first.as<std::string>() : prefix + "." + kv.first.as<std::string>(), out);
  } else if (n.IsSequence()) {
    YAML::Emitter e;
    e << YAML::Flow << n;
    out[prefix] = e.c_str();
  } else if (n.IsScalar()) {
    out[prefix] = n.as<std::string>();
  }
}

std::map<std::string, std::string> resolved(const fs::path& dir, const std::string& name,
                                            std::vector<std::string>& notes) {
  std::map<std::string, std::string> out;
  const fs::path file = dir / ("scenario." + name + ".resolved.yaml");
  if (!fs::exists(file)) {
    notes.push_back("what scenario '" + name + "' changes: " + file.filename().string() + " is not in the directory");
    return out;
  }
  flatten(YAML::LoadFile(file.string()), "", out);
  return out;
}

/// The first policy start of a resolved scenario (enabled policies only), or "".
std::string first_policy_start(const std::map<std::string, std::string>& s) {
  std::string first;
  for (const auto& [k, v] : s)
    if (k.rfind("policies.", 0) == 0 && k.size() > 8 && k.compare(k.size() - 8, 8, ".enabled") == 0 && v == "true") {
      const auto it = s.find(k.substr(0, k.size() - 8) + ".start");
      if (it != s.end() && (first.empty() || it->second < first)) first = it->second;
    }
  return first;
}

/// x of a date on a chart whose yearly points sit at the year: a start on 1 January lies
/// half-way between the previous year's point and its own.
double date_x(const std::string& date) {
  if (date.size() < 10) return 0;
  const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  return y - 0.5 + ((m - 1) * 30.4 + (d - 1)) / 365.0;
}

std::string scenarios_section(const fs::path& dir, const json& cmp, std::vector<std::string>& notes,
                              std::map<std::string, std::string>& starts) {
  const std::string base = cmp.at("base");
  const auto b = resolved(dir, base, notes);
  std::string h =
      "<h2>Scenarios compared</h2><table id=\"scenarios\"><tr><th>scenario</th><th>description</th>"
      "<th>what it changes against " +
      svg::escape(base) + "</th></tr>";
  h += "<tr><td>" + svg::escape(base) + " (baseline)</td><td>" +
       svg::escape(b.count("simulation.description") ? b.at("simulation.description") : "") + "</td><td>—</td></tr>";
  for (const json& c : cmp.at("comparisons")) {
    const std::string name = c.at("scenario");
    const auto p = resolved(dir, name, notes);
    std::string changes;
    for (const auto& [k, v] : p) {
      if (k == "simulation.name" || k == "simulation.description") continue;
      const auto it = b.find(k);
      if (it == b.end() || it->second != v)
        changes += "<li><code>" + svg::escape(k) + "</code>: " + svg::escape(it == b.end() ? "(absent)" : it->second) +
                   " → " + svg::escape(v) + "</li>";
    }
    starts[name] = first_policy_start(p);
    h += "<tr><td>" + svg::escape(name) + "</td><td>" +
         svg::escape(p.count("simulation.description") ? p.at("simulation.description") : "") + "</td><td><ul>" +
         (changes.empty() ? std::string("<li>no key differs</li>") : changes) + "</ul></td></tr>";
  }
  return h + "</table>";
}

/// "x% [low, high]" of a percent interval, or a dash saying why there is none.
std::string pct_cell(const PctInterval& e, const char* why_not) {
  if (!e.known) return std::string("— (") + why_not + ")";
  return svg::number(e.centre) + "% [" + svg::number(e.low) + ", " + svg::number(e.high) + "]";
}

/// "2011" or "2011–2012".
std::string ensemble_years_text(const EnsembleColumns& ens) {
  return ens.first_year == ens.last_year ? std::to_string(ens.first_year)
                                         : std::to_string(ens.first_year) + "–" + std::to_string(ens.last_year);
}

std::string uncertainty_intro(const EnsembleColumns& ens) {
  const std::string years = ensemble_years_text(ens);
  return "<p id=\"parameter-uncertainty\">The last two columns join the ensemble in <code>" + svg::escape(ens.dir) +
         "</code> (the same scenarios run in every parameter set). Its effects are on the mean of " + years +
         ", so the column beside them gives this comparison's paired effect over the same years, with its 95% Monte "
         "Carlo interval at the scenario's own parameters; the last column is the median effect across parameter "
         "sets with its 90% interval across sets (5%–95%). Where the second is much wider than the first, the "
         "parameters, not the random numbers, set the uncertainty.</p>";
}

std::string effects_table(const json& cmp, const std::map<std::string, MetricText>& cat, const EnsembleColumns* ens) {
  std::string h =
      "<h2>Every effect (last simulated year)</h2><p>Paired difference policy − baseline over common random numbers, "
      "with its 95% t-interval; the percent is of the baseline mean. Totals of every metric; breakdowns are in "
      "compare.csv.</p>";
  if (ens) h += uncertainty_intro(*ens);
  h += "<table id=\"effects\"><tr><th>scenario</th><th>metric (unit)</th><th>baseline</th><th>policy</th>"
       "<th>difference [95% CI]</th><th>% [95% CI]</th>";
  if (ens) {
    const std::string years = ensemble_years_text(*ens);
    h += "<th>% over " + years + " [95% Monte Carlo]</th><th>% over " + years +
         " across parameter sets: median [90%]</th>";
  }
  h += "</tr>";
  for (const json& c : cmp.at("comparisons"))
    for (const json& m : c.at("metrics")) {
      if (m.at("key") != "total" || m.at("years").empty()) continue;
      const json& y = m.at("years").back();
      const std::string metric = m.at("metric"), name = c.at("scenario");
      h += "<tr data-metric=\"" + svg::escape(metric) + "\"><td>" + svg::escape(name) + "</td><td title=\"" +
           svg::escape(cat.count(metric) ? cat.at(metric).description : "") + "\">" +
           svg::escape(metric_label(cat, metric)) + "</td><td>" + svg::number(num(y.at("base_mean"))) + "</td><td>" +
           svg::number(num(y.at("mean"))) + "</td><td>" + svg::number(num(y.at("diff"))) + " [" +
           svg::number(num(y.at("diff_ci_low"))) + ", " + svg::number(num(y.at("diff_ci_high"))) + "]</td><td>" +
           (y.at("diff_pct").is_number()
                ? svg::number(num(y.at("diff_pct"))) + "% [" + svg::number(num(y.at("diff_pct_low"))) + ", " +
                      svg::number(num(y.at("diff_pct_high"))) + "]"
                : std::string("— (baseline 0)")) +
           "</td>";
      if (ens) {
        const auto mc = ens->this_run.find({name, metric});
        const auto across = ens->across_sets.find({name, metric});
        const bool in_ensemble = across != ens->across_sets.end();
        h += "<td class=\"window-mc\">" +
             pct_cell(mc != ens->this_run.end() ? mc->second : PctInterval{},
                      in_ensemble ? "years or baseline missing" : "not an ensemble metric") +
             "</td><td class=\"across-sets\">" +
             pct_cell(in_ensemble ? across->second : PctInterval{}, "not in the ensemble") + "</td>";
      }
      h += "</tr>";
    }
  return h + "</table>";
}

std::string effect_axis(const json& cmp, const std::map<std::string, MetricText>& cat) {
  std::vector<svg::Bar> bars;
  for (const std::string& metric : headline_metrics())
    for (const json& c : cmp.at("comparisons"))
      for (const json& m : c.at("metrics"))
        if (m.at("metric") == metric && m.at("key") == "total" && !m.at("years").empty()) {
          const json& y = m.at("years").back();
          if (!y.at("diff_pct").is_number()) continue;
          bars.push_back({c.at("scenario").get<std::string>() + " · " + metric_label(cat, metric),
                          num(y.at("diff_pct")), num(y.at("diff_pct_low")), num(y.at("diff_pct_high"))});
        }
  return "<h2>Headline effects on one scale</h2>" +
         svg::shared_axis_bars("Change from the baseline in the last simulated year (95% CI)", bars,
                               "percent change from the baseline mean", "%");
}

/// Baseline yearly means and t-intervals of the headline totals, from replications.csv
/// (compare.json holds the policy's intervals, not the baseline's).
std::map<std::string, std::vector<svg::SeriesPoint>> baseline_bands(const fs::path& dir, const std::string& base,
                                                                    double confidence) {
  std::map<std::string, std::map<int, std::vector<double>>> values;
  std::ifstream in(dir / "replications.csv");
  std::string line;
  const std::string prefix = base + ",";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() != 6 || f[4] != "total") continue;
    const auto& h = headline_metrics();
    if (std::find(h.begin(), h.end(), f[3]) == h.end()) continue;
    values[f[3]][std::stoi(f[2])].push_back(std::stod(f[5]));
  }
  std::map<std::string, std::vector<svg::SeriesPoint>> out;
  for (const auto& [metric, years] : values)
    for (const auto& [year, v] : years) {
      double mean = 0, ss = 0;
      for (double x : v) mean += x / static_cast<double>(v.size());
      for (double x : v) ss += (x - mean) * (x - mean);
      const auto n = static_cast<std::int64_t>(v.size());
      const double half =
          n > 1 ? t_quantile(confidence, n - 1) * std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n))
                : 0;
      out[metric].push_back({static_cast<double>(year), mean, mean - half, mean + half});
    }
  return out;
}

std::string series_section(const fs::path& dir, const json& cmp, const std::map<std::string, MetricText>& cat,
                           const std::map<std::string, std::string>& starts, std::vector<std::string>& notes) {
  const std::string base = cmp.at("base");
  const auto bands = baseline_bands(dir, base, cmp.value("confidence", 0.95));
  if (bands.empty()) notes.push_back("baseline bands in the yearly series: replications.csv is missing or empty");
  std::string h = "<h2>Year by year around the policy start</h2>";
  std::size_t years = 0;
  std::string charts;
  for (const json& c : cmp.at("comparisons")) {
    const std::string name = c.at("scenario");
    const std::string start = starts.count(name) ? starts.at(name) : "";
    for (const json& m : c.at("metrics")) {
      const std::string metric = m.at("metric");
      const auto& hl = headline_metrics();
      if (m.at("key") != "total" || std::find(hl.begin(), hl.end(), metric) == hl.end()) continue;
      std::vector<svg::SeriesPoint> pol, basemeans;
      for (const json& y : m.at("years")) {
        const double x = y.at("year").get<int>();
        pol.push_back({x, num(y.at("mean")), num(y.at("ci_low")), num(y.at("ci_high"))});
        basemeans.push_back({x, num(y.at("base_mean")), num(y.at("base_mean")), num(y.at("base_mean"))});
      }
      years = pol.size();
      const auto it = bands.find(metric);
      double marker = start.empty() ? 0 : date_x(start);
      charts += svg::lines_with_bands(metric_label(cat, metric) + " — " + name, per_year_unit(cat, metric),
                                      {{base, it != bands.end() ? it->second : basemeans}, {name, pol}}, marker,
                                      start.empty() ? "" : "policy from " + start);
    }
  }
  h += "<p>Mean per simulated year with its 95% band (baseline and policy); the dashed line marks the policy start. "
       "The model reports yearly values: this run covers " +
       std::to_string(years) + " year" + (years == 1 ? "" : "s") + ", so each line has " + std::to_string(years) +
       " point" + (years == 1 ? "" : "s") + " (a longer simulation.end gives more).</p><div class=\"grid\">" + charts +
       "</div>";
  return h;
}

std::string maps_section(const json& cmp, const ReportContext& ctx, std::vector<std::string>& notes) {
  if (!ctx.places) {
    notes.push_back("flow maps: the names and coordinates of the reference tables could not be read");
    return "";
  }
  std::string h =
      "<h2>Where the guns go: baseline, policy and the difference (last simulated year)</h2>"
      "<p>Guns per year that crossed unseized, along the origin–destination tally. Baseline and policy "
      "maps share one width scale.</p>";
  for (const json& c : cmp.at("comparisons")) {
    geo::OdTable base, pol, diff;
    for (const json& m : c.at("metrics")) {
      const std::string metric = m.at("metric"), key = m.at("key");
      if (m.at("years").empty() || key.find('>') == std::string::npos) continue;
      const json& y = m.at("years").back();
      geo::add_od_series(base, metric, key, num(y.at("base_mean")));
      geo::add_od_series(pol, metric, key, num(y.at("mean")));
      geo::add_od_series(diff, metric, key, num(y.at("diff")));
    }
    if (base.source_crossing.empty()) {
      notes.push_back(
          "flow maps: the comparison did not keep the origin–destination tally "
          "(simulation.origin_destination is false); run it again with --set "
          "simulation.origin_destination=true");
      return "";
    }
    const std::string name = c.at("scenario");
    geo::MapOptions o;
    o.full_width_guns = std::max(geo::largest_link(base), geo::largest_link(pol));
    o.title = cmp.at("base").get<std::string>() + " (baseline)";
    h += "<div class=\"maps\">" + geo::flow_map(base, *ctx.places, o);
    o.title = name;
    h += geo::flow_map(pol, *ctx.places, o);
    o.title = name + " − baseline";
    o.difference = true;
    o.full_width_guns = 0;
    h += geo::flow_map(diff, *ctx.places, o) + "</div>";
  }
  return h;
}
}  // namespace

std::string compare_sections(const fs::path& dir, const json& cmp, const ReportContext& ctx,
                             std::vector<std::string>& notes) {
  const auto cat = read_metric_catalogue(dir, notes);
  std::map<std::string, std::string> starts;
  std::string h = scenarios_section(dir, cmp, notes, starts);
  h += effect_axis(cmp, cat);
  std::optional<EnsembleColumns> ens;
  if (!ctx.ensemble_dir.empty()) ens = ensemble_columns(dir, cmp, ctx.ensemble_dir, notes);
  h += effects_table(cmp, cat, ens ? &*ens : nullptr);
  h += series_section(dir, cmp, cat, starts, notes);
  h += maps_section(cmp, ctx, notes);
  return h;
}

}  // namespace gunflow::report
