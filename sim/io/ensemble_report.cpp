#include "gunflow/io/ensemble_report.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/svg_chart.hpp"
#include "report_parts.hpp"

namespace gunflow {
namespace fs = std::filesystem;

namespace report {
std::vector<CsvRow> read_output_csv(const fs::path& path) {
  std::vector<CsvRow> rows;
  std::istringstream in(read_file(path.string()));
  std::vector<std::string> header;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        f.emplace_back();
      else
        f.back() += c;
    }
    if (header.empty()) {
      header = f;
      continue;
    }
    if (f.size() != header.size()) throw IoError(path.string(), "is not a gunflow ensemble output (field count)");
    CsvRow r;
    for (std::size_t i = 0; i < f.size(); ++i) r[header[i]] = f[i];
    rows.push_back(r);
  }
  return rows;
}
}  // namespace report

namespace {
using Row = report::CsvRow;

std::vector<Row> read_ensemble_csv(const fs::path& path) { return report::read_output_csv(path); }

double num(const Row& r, const std::string& column) {
  const auto it = r.find(column);
  if (it == r.end()) throw IoError(column, "is missing from an ensemble output");
  try {
    return std::stod(it->second);
  } catch (const std::exception&) {
    return 0.0;
  }
}

constexpr const char* kHeadline[] = {"guns_trafficked", "us_border_seizures", "traces", "homicides"};

std::string effect_section(const std::vector<Row>& effects) {
  std::string h =
      "<h2>Policy effects under parameter uncertainty</h2><p>Bars: the median effect across parameter sets (percent of "
      "the baseline, paired with common random numbers inside each set); whiskers: the 90% interval across sets. The "
      "table adds the typical Monte Carlo half-width inside one set and the probability that the effect has the sign "
      "of its median.</p><div class=\"grid\">";
  for (const char* metric : kHeadline) {
    std::vector<svg::Bar> bars;
    for (const Row& r : effects)
      if (r.at("metric") == metric)
        bars.push_back({r.at("policy"), num(r, "median_pct"), num(r, "q05_pct"), num(r, "q95_pct")});
    h += svg::bars(std::string(metric) + " (% change, 90% across sets)", bars, "%");
  }
  h += "</div><table><tr><th>policy</th><th>metric</th><th>median</th><th>90% across sets</th><th>MC ± (one "
       "set)</th><th>P(sign)</th></tr>";
  for (const Row& r : effects)
    h += "<tr><td>" + svg::escape(r.at("policy")) + "</td><td>" + svg::escape(r.at("metric")) + "</td><td>" +
         svg::number(num(r, "median_pct")) + "%</td><td>" + svg::number(num(r, "q05_pct")) + "% – " +
         svg::number(num(r, "q95_pct")) + "%</td><td>" + svg::number(num(r, "mc_half_width_pct")) + "%</td><td>" +
         svg::number(num(r, "p_claimed_sign")) + "</td></tr>";
  return h + "</table>";
}

std::string ranking_section(const std::vector<Row>& ranking) {
  std::string h =
      "<h2>Robust ranking</h2><p>P(row beats column): the share of parameter sets in which the row "
      "policy's effect is better than the column policy's in the same set. Policies are ordered by "
      "their mean probability of beating the others.</p>";
  for (const char* metric : {"guns_trafficked", "homicides"}) {
    std::map<std::string, std::map<std::string, double>> p;
    for (const Row& r : ranking)
      if (r.at("metric") == metric) p[r.at("policy_a")][r.at("policy_b")] = num(r, "p_a_beats_b");
    if (p.empty()) continue;
    std::vector<std::pair<double, std::string>> order;
    for (const auto& [a, row] : p) {
      double sum = 0;
      for (const auto& [b, x] : row) sum += x;
      order.emplace_back(-sum / static_cast<double>(row.size()), a);
    }
    std::sort(order.begin(), order.end());
    h += "<h3>" + std::string(metric) + "</h3><table><tr><th>policy</th><th>mean P</th>";
    for (const auto& [s, b] : order) h += "<th>" + svg::escape(b) + "</th>";
    h += "</tr>";
    for (const auto& [s, a] : order) {
      h += "<tr><td>" + svg::escape(a) + "</td><td>" + svg::number(-s) + "</td>";
      for (const auto& [t, b] : order) h += "<td>" + (a == b ? std::string("") : svg::number(p[a][b])) + "</td>";
      h += "</tr>";
    }
    h += "</table>";
  }
  return h;
}

std::string prim_section(const std::vector<Row>& boxes) {
  std::string h =
      "<h2>Scenario discovery (PRIM)</h2><p>Boxes of parameter space where the policy fails the "
      "threshold given to <code>--fail</code>: coverage is the share of all failures inside the box, "
      "density the share of sets inside the box that fail. The chosen box is marked; the last row, "
      "<em>pruned</em>, is the chosen box without the restrictions that are not significant "
      "(quasi-p-value above 0.05, given after each restriction kept).</p><table><tr>"
      "<th>box</th><th>coverage</th><th>density</th><th>sets</th><th>restrictions</th></tr>";
  for (const Row& r : boxes)
    h += std::string("<tr") + (r.at("chosen") == "1" ? " class=\"pass\"" : "") + "><td>" + r.at("box") +
         (r.at("chosen") == "1" ? " (chosen)" : "") + "</td><td>" + svg::number(num(r, "coverage")) + "</td><td>" +
         svg::number(num(r, "density")) + "</td><td>" + r.at("points") + "</td><td>" + svg::escape(r.at("restricted")) +
         "</td></tr>";
  return h + "</table>";
}
}  // namespace

bool is_ensemble_dir(const std::string& dir) { return fs::exists(fs::path(dir) / "ensemble_effects.csv"); }

std::string ensemble_sections(const std::string& dir) {
  const fs::path d(dir);
  std::string h = effect_section(read_ensemble_csv(d / "ensemble_effects.csv"));
  if (fs::exists(d / "ensemble_ranking.csv")) h += ranking_section(read_ensemble_csv(d / "ensemble_ranking.csv"));
  if (fs::exists(d / "prim_boxes.csv")) h += prim_section(read_ensemble_csv(d / "prim_boxes.csv"));
  return h;
}

}  // namespace gunflow
