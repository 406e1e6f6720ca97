#include "gunflow/io/compare_writer.hpp"

#include <cmath>

#include "gunflow/io/results_writer.hpp"

namespace gunflow {
namespace {
std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The percentage is relative to the base mean; with a base mean of 0 it has no value
// (empty in CSV, null in JSON) rather than a misleading 0.
bool has_percent(const PairedCell& c) { return c.base.mean != 0.0; }
std::string pct(const PairedCell& c, double x) { return has_percent(c) ? format_number(x) : std::string(); }

std::string row(const std::string& scenario, const std::string& base, int year, const SeriesKey& k,
                const PairedCell& c) {
  return csv_text(scenario) + ',' + csv_text(base) + ',' + std::to_string(year) + ',' + k.metric + ',' +
         output_key(k.key) + ',' + std::to_string(c.scenario.n) + ',' + format_number(c.base.mean) + ',' +
         format_number(c.scenario.mean) + ',' + format_number(c.scenario.ci_low) + ',' +
         format_number(c.scenario.ci_high) + ',' + format_number(c.difference.mean) + ',' +
         format_number(c.difference.ci_low) + ',' + format_number(c.difference.ci_high) + ',' + pct(c, c.percent) +
         ',' + pct(c, c.percent_low) + ',' + pct(c, c.percent_high) + '\n';
}

nlohmann::json num(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
}  // namespace

std::string compare_csv(const std::string& base, const std::vector<NamedComparison>& comparisons) {
  std::string out =
      "scenario,base,year,metric,key,n,base_mean,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,diff_pct,diff_pct_"
      "low,"
      "diff_pct_high\n";
  for (const NamedComparison& c : comparisons) {
    const MetricLayout& layout = c.table.layout;
    for (std::size_t s = 0; s < layout.size(); ++s)
      for (int y = 0; y < layout.n_years(); ++y)
        out += row(c.scenario, base, layout.first_year() + y, layout.series()[s], c.table.at(s, y));
  }
  return out;
}

nlohmann::json compare_json(const std::string& base, const std::vector<NamedComparison>& comparisons) {
  nlohmann::json out = {{"base", base}, {"confidence", 0.95}, {"comparisons", nlohmann::json::array()}};
  for (const NamedComparison& c : comparisons) {
    nlohmann::json metrics = nlohmann::json::array();
    const MetricLayout& layout = c.table.layout;
    for (std::size_t s = 0; s < layout.size(); ++s) {
      nlohmann::json years = nlohmann::json::array();
      for (int y = 0; y < layout.n_years(); ++y) {
        const PairedCell& cell = c.table.at(s, y);
        years.push_back({{"year", layout.first_year() + y},
                         {"n", cell.difference.n},
                         {"base_mean", num(cell.base.mean)},
                         {"mean", num(cell.scenario.mean)},
                         {"ci_low", num(cell.scenario.ci_low)},
                         {"ci_high", num(cell.scenario.ci_high)},
                         {"diff", num(cell.difference.mean)},
                         {"diff_ci_low", num(cell.difference.ci_low)},
                         {"diff_ci_high", num(cell.difference.ci_high)},
                         {"diff_pct", has_percent(cell) ? num(cell.percent) : nlohmann::json(nullptr)},
                         {"diff_pct_low", has_percent(cell) ? num(cell.percent_low) : nlohmann::json(nullptr)},
                         {"diff_pct_high", has_percent(cell) ? num(cell.percent_high) : nlohmann::json(nullptr)}});
      }
      metrics.push_back(
          {{"metric", layout.series()[s].metric}, {"key", output_key(layout.series()[s].key)}, {"years", years}});
    }
    out["comparisons"].push_back({{"scenario", c.scenario}, {"metrics", metrics}});
  }
  return out;
}

}  // namespace gunflow
