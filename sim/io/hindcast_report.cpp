#include "gunflow/io/hindcast_report.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gunflow/io/svg_chart.hpp"

namespace gunflow::report {
namespace {
namespace fs = std::filesystem;

/// Rows of a small CSV table with a header (no quoted fields), '#' lines skipped: column
/// name → value, by row. Empty when the file cannot be read.
std::vector<std::map<std::string, std::string>> read_table(const fs::path& path) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  const auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::istringstream fields(l);
    for (std::string f; std::getline(fields, f, ',');) out.push_back(f);
    return out;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) {
      header = split(line);
      continue;
    }
    const std::vector<std::string> f = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
    rows.push_back(row);
  }
  return rows;
}

bool number(const std::map<std::string, std::string>& row, const std::string& column, double& out) {
  const auto it = row.find(column);
  if (it == row.end()) return false;
  const std::string& s = it->second;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

struct YearBand {
  double mean = 0, low = 0, high = 0;
};
/// The run's total series of `metric` by year: mean and q05-q95.
std::map<int, YearBand> model_series(const nlohmann::json& summary, const std::string& metric) {
  std::map<int, YearBand> out;
  for (const nlohmann::json& m : summary.at("metrics")) {
    if (m.at("metric") != metric || m.at("key") != "total") continue;
    for (const nlohmann::json& y : m.at("years")) {
      const auto num = [&](const char* k) {
        return y.contains(k) && y.at(k).is_number() ? y.at(k).get<double>() : 0.0;
      };
      out[y.at("year").get<int>()] = {num("mean"), num("q05"), num("q95")};
    }
  }
  return out;
}

const std::map<std::string, std::string> kTitles = {{"homicides", "Homicides (INEGI)"},
                                                    {"traces", "Firearms submitted to eTrace from Mexico (ATF)"},
                                                    {"traces_us_sourced_share", "US-sourced share of traces (ATF)"}};
}  // namespace

ObservedSeries read_observed_series(const std::string& history_dir, std::vector<std::string>& notes) {
  ObservedSeries out;
  const fs::path dir(history_dir);
  const auto homicides = read_table(dir / "mx_homicides_by_year.csv");
  for (const auto& row : homicides) {
    double year = 0, value = 0;
    if (number(row, "year", year) && number(row, "homicides", value)) out["homicides"][static_cast<int>(year)] = value;
  }
  if (out["homicides"].empty()) {
    out.erase("homicides");
    notes.push_back("hindcast: no homicides by year in " + (dir / "mx_homicides_by_year.csv").string());
  }
  for (const auto& row : read_table(dir / "mx_traces_by_year.csv")) {
    double year = 0, submitted = 0, us = 0;
    if (!number(row, "year", year) || !number(row, "submitted", submitted) || !number(row, "us_sourced", us)) continue;
    out["traces"][static_cast<int>(year)] = submitted;
    if (submitted > 0) out["traces_us_sourced_share"][static_cast<int>(year)] = us / submitted;
  }
  if (!out.count("traces"))
    notes.push_back("hindcast: no eTrace series by year in " + (dir / "mx_traces_by_year.csv").string());
  return out;
}

std::string hindcast_section(const nlohmann::json& summary, const ObservedSeries& observed, const std::string& source) {
  std::string charts, rows;
  for (const auto& [metric, years] : observed) {
    const std::map<int, YearBand> model = model_series(summary, metric);
    svg::LineSeries run{"model (mean, 90% of replications)", {}}, data{"public figure", {}};
    int fit_in = 0, fit_n = 0, out_in = 0, out_n = 0;
    for (const auto& [year, value] : years) {
      const auto it = model.find(year);
      if (it == model.end()) continue;
      const YearBand& b = it->second;
      run.points.push_back({static_cast<double>(year), b.mean, b.low, b.high});
      data.points.push_back({static_cast<double>(year), value, value, value});
      const bool inside = value >= b.low && value <= b.high;
      const bool fitted = year >= kFitFirstYear && year <= kFitLastYear;
      (fitted ? fit_n : out_n) += 1;
      (fitted ? fit_in : out_in) += inside ? 1 : 0;
    }
    if (run.points.size() < 2) continue;
    const auto title = kTitles.count(metric) ? kTitles.at(metric) : metric;
    charts += svg::lines_with_bands(title, metric, {run, data});
    rows += "<tr><td>" + svg::escape(metric) + "</td><td>" + std::to_string(fit_in) + " of " + std::to_string(fit_n) +
            "</td><td>" + std::to_string(out_in) + " of " + std::to_string(out_n) + "</td></tr>";
  }
  if (charts.empty()) return "";
  return "<h2>Hindcast: the run against the public yearly series</h2><p>Public figures from " + svg::escape(source) +
         ". The calibration fits the " + std::to_string(kFitFirstYear) + "–" + std::to_string(kFitLastYear) +
         " means; every other year is left out, a check. The band holds 90% of the replications (what one history "
         "could look like); <code>scripts/hindcast</code> draws the same with 95% bands as PNG and PDF.</p>"
         "<div class=\"grid\">" +
         charts +
         "</div><table id=\"hindcast\"><tr><th>series</th><th>fitted years in the band</th><th>left-out years in "
         "the band</th></tr>" +
         rows + "</table>";
}

}  // namespace gunflow::report
