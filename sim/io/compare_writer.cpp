#include "gunflow/io/compare_writer.hpp"

#include <cmath>

#include "gunflow/io/results_writer.hpp"

namespace gunflow {
namespace {
std::string row(const std::string& scenario, const std::string& base, int year, const SeriesKey& k,
                const Summary& own, const PairedCell* diff) {
  std::string out = scenario + ',' + base + ',' + std::to_string(year) + ',' + k.metric + ',' + k.key + ',' +
                    std::to_string(own.n) + ',' + format_number(own.mean) + ',' + format_number(own.ci_low) + ',' +
                    format_number(own.ci_high) + ',';
  if (diff) {
    out += format_number(diff->difference.mean) + ',' + format_number(diff->difference.ci_low) + ',' +
           format_number(diff->difference.ci_high) + ',' + format_number(diff->percent) + ',' +
           format_number(diff->percent_low) + ',' + format_number(diff->percent_high);
  } else {
    out += "0,0,0,0,0,0";
  }
  return out + '\n';
}

nlohmann::json num(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
}  // namespace

std::string compare_csv(const std::string& base, const std::vector<NamedComparison>& comparisons) {
  std::string out =
      "scenario,base,year,metric,key,n,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,diff_pct,diff_pct_low,diff_pct_high\n";
  if (comparisons.empty()) return out;
  const MetricLayout& layout = comparisons.front().table.layout;
  for (std::size_t s = 0; s < layout.size(); ++s)
    for (int y = 0; y < layout.n_years(); ++y)
      out += row(base, base, layout.first_year() + y, layout.series()[s], comparisons.front().table.at(s, y).base, nullptr);
  for (const NamedComparison& c : comparisons)
    for (std::size_t s = 0; s < layout.size(); ++s)
      for (int y = 0; y < layout.n_years(); ++y) {
        const PairedCell& cell = c.table.at(s, y);
        out += row(c.scenario, base, layout.first_year() + y, layout.series()[s], cell.scenario, &cell);
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
                         {"ci95", {num(cell.scenario.ci_low), num(cell.scenario.ci_high)}},
                         {"diff", num(cell.difference.mean)},
                         {"diff_ci95", {num(cell.difference.ci_low), num(cell.difference.ci_high)}},
                         {"diff_pct", num(cell.percent)},
                         {"diff_pct_ci95", {num(cell.percent_low), num(cell.percent_high)}}});
      }
      metrics.push_back({{"metric", layout.series()[s].metric}, {"key", layout.series()[s].key}, {"years", years}});
    }
    out["comparisons"].push_back({{"scenario", c.scenario}, {"metrics", metrics}});
  }
  return out;
}

}  // namespace gunflow
