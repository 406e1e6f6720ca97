#include "gunflow/io/html_report.hpp"
#include "gunflow/io/hindcast_report.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/ensemble_report.hpp"
#include "gunflow/io/svg_chart.hpp"
#include "report_parts.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
using nlohmann::json;

constexpr const char* kStyle =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#1b2733;padding:0 1em}"
    "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}.grid{display:flex;flex-wrap:wrap;gap:12px}"
    ".chart{width:480px;max-width:100%;background:#fafbfc;border:1px solid #e3e6ea}.chart.wide{width:100%}"
    ".t{font-weight:600;font-size:13px}.a{font-size:11px;fill:#333}table{border-collapse:collapse}"
    "td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}"
    "#effects td:nth-child(2),#scenarios td,#scenarios th{text-align:left}#scenarios ul{margin:0;padding-left:1.2em}"
    ".maps{display:grid;grid-template-columns:1fr 1fr;gap:8px}.maps .chart{width:100%}.notes{color:#7a4b00}"
    ".pass{color:#1e7b34;font-weight:600}.fail{color:#b02a1a;font-weight:600}pre{background:#f5f5f5;padding:1em;"
    "overflow:auto;max-height:30em;font-size:12px}";

/// Summary cells by (metric, key): year → {mean, low, high}.
using Series = std::map<int, svg::SeriesPoint>;
std::map<std::pair<std::string, std::string>, Series> read_summary(const json& j) {
  std::map<std::pair<std::string, std::string>, Series> out;
  for (const json& m : j.at("metrics")) {
    Series s;
    for (const json& y : m.at("years")) {
      const auto num = [](const json& v) { return v.is_number() ? v.get<double>() : 0.0; };
      const int year = y.at("year").get<int>();
      s[year] = {static_cast<double>(year), num(y.at("mean")), num(y.at("ci_low")), num(y.at("ci_high"))};
    }
    const std::string key = m.at("key").get<std::string>();  // "total" for a metric's total
    out[{m.at("metric").get<std::string>(), key == "total" ? "" : key}] = s;
  }
  return out;
}

double mean_over_years(const Series& s) {
  double sum = 0;
  for (const auto& [y, p] : s) sum += p.mean;
  return s.empty() ? 0 : sum / static_cast<double>(s.size());
}

std::vector<svg::Bar> breakdown(const std::map<std::pair<std::string, std::string>, Series>& sum,
                                const std::string& metric, std::size_t top) {
  std::vector<svg::Bar> out;
  for (const auto& [k, s] : sum)
    if (k.first == metric && !k.second.empty()) {
      const double v = mean_over_years(s);
      out.push_back({k.second, v, v, v});
    }
  std::sort(out.begin(), out.end(), [](const svg::Bar& a, const svg::Bar& b) { return a.value > b.value; });
  if (out.size() > top) out.resize(top);
  return out;
}

std::string run_sections(const fs::path& dir, const json& summary, const ReportContext& ctx,
                         const std::map<std::string, report::MetricText>& cat, std::vector<std::string>& notes) {
  const ReportCalibration& calibration = ctx.calibration;
  const auto sum = read_summary(summary);
  std::string h;
  h += "<h2>The iron river</h2><p>Guns per year that crossed the border unseized (mean over the run's years and "
       "replications), along the origin–destination tally: US state of first sale → crossing → destination.</p>";
  geo::OdTable od;
  for (const auto& [k, s] : sum) geo::add_od_series(od, k.first, k.second, mean_over_years(s));
  if (!ctx.places)
    notes.push_back("flow map: the names and coordinates of the reference tables could not be read");
  else if (od.source_crossing.empty())
    notes.push_back(
        "flow map: the run did not keep the origin–destination tally (simulation.origin_destination is "
        "false); run it again with --set simulation.origin_destination=true");
  else
    h += geo::flow_map(od, *ctx.places, {"Guns per year by path", 14, 0, false});
  h += "<h2>Over time (mean and 95% CI over replications)</h2><div class=\"grid\">";
  const std::pair<const char*, const char*> lines[] = {
      {"guns_trafficked", "guns / year"}, {"us_border_seizures", "guns / year"}, {"traces", "traces / year"},
      {"arrests", "arrests / year"},      {"homicides", "homicides / year"},     {"arsenal_stock", "guns held"}};
  for (const auto& [metric, unit] : lines) {
    const auto it = sum.find({metric, ""});
    if (it == sum.end()) continue;
    std::vector<svg::SeriesPoint> pts;
    for (const auto& [y, p] : it->second) pts.push_back(p);
    const std::string axis = report::per_year_unit(cat, metric);
    h += svg::line_with_band(report::metric_label(cat, metric), axis.empty() ? unit : axis, pts);
  }
  h += "</div>";
  if (!ctx.observed.empty()) h += report::hindcast_section(summary, ctx.observed, ctx.observed_source);
  if (!ctx.observed_source_states.empty())
    h += report::source_state_section(dir.string(), ctx.observed_source_states, notes);
  h += "<h2>Breakdowns (mean per year)</h2><div class=\"grid\">";
  h += svg::bars("Guns by acquisition channel", breakdown(sum, "guns_trafficked_by_channel", 10));
  h += svg::bars("Guns by firearm class", breakdown(sum, "guns_trafficked_by_class", 10));
  h += svg::bars("Traced guns by US source state", breakdown(sum, "traces_by_source_state", 8));
  h += svg::bars("Cases by channel", breakdown(sum, "cases_by_channel", 10));
  h += "</div>";
  if (calibration.targets.empty()) notes.push_back("calibration table: " + calibration.file);
  if (!calibration.targets.empty()) {
    h += "<h2>Calibration targets</h2><p>Model: mean of the yearly means over replications (targets from " +
         svg::escape(calibration.file) +
         ").</p><table><tr><th>target</th><th>band</th><th>model</th><th></th><th>source</th></tr>";
    for (const ReportTarget& t : calibration.targets) {
      const auto it = sum.find({t.metric, t.key});
      if (it == sum.end()) {
        notes.push_back("calibration target " + t.metric + (t.key.empty() ? "" : " " + t.key) +
                        ": the run has no such series");
        continue;
      }
      const std::string label =
          t.metric + (t.key.empty() ? "" : " " + t.key) + (t.year ? " " + std::to_string(*t.year) : "");
      const std::string band = svg::number(t.low) + " – " + svg::number(t.high);
      if (t.year && !it->second.count(*t.year)) {  // a year the run did not tally is not a failure
        h += "<tr><td>" + svg::escape(label) + "</td><td>" + band + "</td><td>not simulated</td><td>–</td><td>" +
             svg::escape(t.source) + "</td></tr>";
        continue;
      }
      const double v = t.year ? it->second.at(*t.year).mean : mean_over_years(it->second);
      const bool pass = v >= t.low && v <= t.high;
      h += "<tr><td>" + svg::escape(label) + "</td><td>" + band + "</td><td>" + svg::number(v) + "</td><td class=\"" +
           (pass ? "pass\">PASS" : "fail\">FAIL") + "</td><td>" + svg::escape(t.source) + "</td></tr>";
    }
    h += "</table>";
  }
  return h;
}

std::string csv_field(const std::string& line, std::size_t& at) {
  std::string out;
  if (at < line.size() && line[at] == '"') {
    for (++at; at < line.size(); ++at) {
      if (line[at] == '"' && at + 1 < line.size() && line[at + 1] == '"')
        out += line[++at];
      else if (line[at] == '"')
        break;
      else
        out += line[at];
    }
    ++at;
  } else
    while (at < line.size() && line[at] != ',') out += line[at++];
  ++at;  // the comma
  return out;
}

/// The job's warnings (run.json `warnings`: a comparison's arm that differs from its base
/// beyond its policies, a sweep over a policy left off), first on the page: they qualify
/// every table below.
std::string job_warnings(const fs::path& dir) {
  if (!fs::exists(dir / "run.json")) return "";
  const json run = json::parse(read_file((dir / "run.json").string()), nullptr, false);
  if (run.is_discarded() || !run.contains("warnings") || !run["warnings"].is_array() || run["warnings"].empty())
    return "";
  std::string items;
  for (const json& w : run["warnings"])
    if (w.is_string()) items += "<li>" + svg::escape(w.get<std::string>()) + "</li>";
  return "<h2>Warnings</h2><ul class=\"notes\" id=\"warnings\">" + items + "</ul>";
}
}  // namespace

std::string html_report(const std::string& run_dir, const ReportCalibration& calibration) {
  ReportContext ctx;
  ctx.calibration = calibration;
  return html_report(run_dir, ctx);
}

std::string html_report(const std::string& run_dir, const ReportContext& ctx) {
  const fs::path dir(run_dir);
  bool is_run = fs::exists(dir / "summary.json"), is_compare = fs::exists(dir / "compare.json");
  bool is_ensemble = is_ensemble_dir(run_dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw IoError(run_dir, "is not a directory (name the --out of a run)");
  std::vector<std::string> notes = ctx.notes;
  // --force keeps an earlier command's tables: show the latest job's, by when each job's main
  // table was written (summary.json, compare.json, ensemble_effects.csv).
  struct Job {
    bool* present;
    const char* table;
  };
  const std::array<Job, 3> jobs = {
      {{&is_run, "summary.json"}, {&is_compare, "compare.json"}, {&is_ensemble, "ensemble_effects.csv"}}};
  const Job* latest = nullptr;
  fs::file_time_type latest_time{};
  for (const Job& j : jobs) {
    if (!*j.present) continue;
    const auto t = fs::last_write_time(dir / j.table, ec);
    if (!ec && (latest == nullptr || t > latest_time)) {
      latest = &j;
      latest_time = t;
    }
  }
  for (const Job& j : jobs)
    if (*j.present && latest != nullptr && &j != latest) {
      notes.push_back(std::string(j.table) + " is older than " + latest->table +
                      ": left by an earlier command in this directory, not shown");
      *j.present = false;
    }
  if (!is_run && !is_compare && !is_ensemble)
    throw IoError(run_dir,
                  "holds neither summary.json (gunflow run), compare.json (gunflow compare) nor ensemble outputs");
  if (!ctx.ensemble_dir.empty() && !is_compare)
    throw InputError(
        InputProblem{ctx.ensemble_dir, 0, 0, "--ensemble",
                     "joins a comparison's effect table, but " + run_dir + " holds no compare.json (gunflow compare)"});
  std::string title = "gunflow report";
  std::string body;
  if (is_run) {
    const json summary = json::parse(read_file((dir / "summary.json").string()));
    title += ": " + summary.at("scenario").get<std::string>();
    body += run_sections(dir, summary, ctx, report::read_metric_catalogue(dir, notes), notes);
  }
  if (is_compare) {
    const json cmp = json::parse(read_file((dir / "compare.json").string()));
    title += ": " + cmp.at("base").get<std::string>();
    for (const json& c : cmp.at("comparisons")) title += " vs " + c.at("scenario").get<std::string>();
    body += report::compare_sections(dir, cmp, ctx, notes);
    notes.push_back("calibration table: shown for run directories (a comparison's baseline is run with its policies)");
  }
  if (is_ensemble) body += ensemble_sections(run_dir);  // io/ensemble_report.cpp
  body += "<h2>Scenario</h2>";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    if (name.rfind("scenario", 0) == 0 && file.extension() == ".yaml")
      body += "<h3>" + svg::escape(name) + "</h3><pre>" + svg::escape(read_file(file.string())) + "</pre>";
  }
  if (fs::exists(dir / "run.json"))
    body += "<h3>run.json</h3><pre>" + svg::escape(read_file((dir / "run.json").string())) + "</pre>";
  std::string missing;
  for (const std::string& n : notes) missing += "<li>" + svg::escape(n) + "</li>";
  if (!missing.empty()) body += "<h2>Not shown</h2><ul class=\"notes\" id=\"not-shown\">" + missing + "</ul>";
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + svg::escape(title) +
         "</title><style>" + kStyle + "</style></head><body><h1>" + svg::escape(title) + "</h1>" + job_warnings(dir) +
         body + "</body></html>\n";
}

namespace report {
std::map<std::string, MetricText> read_metric_catalogue(const fs::path& dir, std::vector<std::string>& notes) {
  std::map<std::string, MetricText> out;
  std::ifstream in(dir / "metrics.csv");
  if (!in) {
    notes.push_back("metric units and descriptions: metrics.csv is not in the directory");
    return out;
  }
  std::string line;
  std::getline(in, line);  // name,kind,unit,key,description,reduction
  while (std::getline(in, line)) {
    std::size_t at = 0;
    const std::string name = csv_field(line, at), kind = csv_field(line, at), unit = csv_field(line, at);
    (void)csv_field(line, at);
    out[name] = {unit, csv_field(line, at), kind};
  }
  return out;
}

std::string per_year_unit(const std::map<std::string, MetricText>& catalogue, const std::string& metric) {
  const auto it = catalogue.find(metric);
  if (it == catalogue.end()) return "";
  if (it->second.kind == "flow") return it->second.unit + " per year";
  if (it->second.kind == "stock") return it->second.unit + " at year end";
  return it->second.unit;
}

std::string metric_label(const std::map<std::string, MetricText>& catalogue, const std::string& metric) {
  const auto it = catalogue.find(metric);
  return it == catalogue.end() ? metric : metric + " (" + it->second.unit + ")";
}
}  // namespace report

}  // namespace gunflow
