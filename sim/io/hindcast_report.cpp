#include "gunflow/io/hindcast_report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/input/csv_table.hpp"
#include "gunflow/io/svg_chart.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow::report {
namespace {
namespace fs = std::filesystem;

/// The table at `path` read with the reference tables' reader (comment lines, a header,
/// checked rows), or nothing, with a note saying why, when it cannot be read.
std::optional<CsvTable> read_table(const fs::path& path, const std::vector<std::string>& columns,
                                   std::vector<std::string>& notes) {
  try {
    return CsvTable::read(path.string(), columns);
  } catch (const InputError& e) {
    notes.push_back(std::string("hindcast: ") + e.what());
    return std::nullopt;
  }
}

struct YearBand {
  double mean = 0, low = 0, high = 0;
};
/// The run's series of `metric` (its `key`) by year: mean and q05-q95.
std::map<int, YearBand> model_series(const nlohmann::json& summary, const std::string& metric,
                                     const std::string& key = "total") {
  std::map<int, YearBand> out;
  for (const nlohmann::json& m : summary.at("metrics")) {
    if (m.at("metric") != metric || m.at("key") != key) continue;
    for (const nlohmann::json& y : m.at("years")) {
      const auto num = [&](const char* k) {
        return y.contains(k) && y.at(k).is_number() ? y.at(k).get<double>() : 0.0;
      };
      out[y.at("year").get<int>()] = {num("mean"), num("q05"), num("q95")};
    }
  }
  return out;
}

const std::map<std::string, std::string> kTitles = {
    {"homicides", "Homicides (INEGI)"},
    {"traces", "Firearms submitted to eTrace from Mexico (ATF)"},
    {"traces_us_sourced_share", "US-sourced share of traces (ATF)"},
    {"homicides_firearm_share", "Firearm share of homicides (INEGI)"},
    {"traced_long_gun_share", "Rifles' share of traces (ATF; model: long guns)"}};
}  // namespace

ObservedSeries read_observed_series(const std::string& history_dir, std::vector<std::string>& notes) {
  ObservedSeries out;
  const fs::path dir(history_dir);
  // A row with a bad value is skipped (the run's own loader has checked the homicide table).
  const auto each_row = [&](const CsvTable& t, const auto& take) {
    for (std::size_t r = 0; r < t.rows(); ++r) try {
        take(r);
      } catch (const InputError&) {
      }
  };
  if (const auto t = read_table(dir / "mx_homicides_by_year.csv", {"year", "homicides"}, notes))
    each_row(*t, [&](std::size_t r) {
      out["homicides"][static_cast<int>(t->real(r, "year", 1900, 2200))] = t->real(r, "homicides", 0, 1e9);
    });
  if (const auto t = read_table(dir / "mx_traces_by_year.csv", {"year", "submitted", "us_sourced"}, notes))
    each_row(*t, [&](std::size_t r) {
      const auto year = static_cast<int>(t->real(r, "year", 1900, 2200));
      const double submitted = t->real(r, "submitted", 0, 1e9), us = t->real(r, "us_sourced", 0, 1e9);
      out["traces"][year] = submitted;
      if (submitted > 0) out["traces_us_sourced_share"][year] = us / submitted;
    });
  if (const auto t = read_table(dir / "mx_firearm_homicide_share_by_year.csv", {"year", "firearm_share"}, notes))
    each_row(*t, [&](std::size_t r) {
      out["homicides_firearm_share"][static_cast<int>(t->real(r, "year", 1900, 2200))] =
          t->real(r, "firearm_share", 0, 1);
    });
  if (const auto t = read_table(dir / "mx_traced_rifle_share_by_year.csv", {"year", "rifle_share"}, notes))
    each_row(*t, [&](std::size_t r) {
      out["traced_long_gun_share"][static_cast<int>(t->real(r, "year", 1900, 2200))] = t->real(r, "rifle_share", 0, 1);
    });
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

std::vector<SourceStateShare> read_source_state_shares(const std::string& history_dir,
                                                       std::vector<std::string>& notes) {
  std::vector<SourceStateShare> out;
  const auto t = read_table(fs::path(history_dir) / "us_source_states_by_period.csv",
                            {"first_year", "last_year", "state", "share", "source"}, notes);
  if (!t) return out;
  for (std::size_t r = 0; r < t->rows(); ++r) try {
      out.push_back({static_cast<int>(t->real(r, "first_year", 1900, 2200)),
                     static_cast<int>(t->real(r, "last_year", 1900, 2200)), t->text(r, "state"),
                     t->real(r, "share", 0, 1), t->text(r, "source")});
    } catch (const InputError& e) {
      notes.push_back(std::string("hindcast: ") + e.what());
    }
  return out;
}

namespace {
/// One replication's eTrace counts by year: traces with a known source state, and those
/// first sold in each state.
struct TraceCounts {
  double known = 0;
  std::map<std::string, double> by_state;
};
using RunTraceCounts = std::map<std::string, std::map<int, TraceCounts>>;  // replication → year

/// The counts behind trace_share_by_source_state, read from a run's replications.csv
/// (empty, with a note, if it has none).
RunTraceCounts read_trace_counts(const fs::path& file, std::vector<std::string>& notes) {
  RunTraceCounts out;
  std::ifstream in(file);
  if (!in) {
    notes.push_back("source states by period: " + file.filename().string() +
                    " is missing, so the traces cannot be pooled over the periods");
    return out;
  }
  std::string line;
  std::getline(in, line);  // scenario,replication,year,metric,key,value
  std::vector<std::string> f;
  while (std::getline(in, line)) {
    if (line.find(",traces_") == std::string::npos) continue;  // most of a large file: skipped unsplit
    if (!split_csv_fields(line, f)) continue;                  // a scenario name may be quoted
    if (f.size() != 6 || (f[3] != "traces_by_source_state" && f[3] != "traces_source_state_known")) continue;
    TraceCounts& c = out[f[1]][std::atoi(f[2].c_str())];
    const double value = std::strtod(f[5].c_str(), nullptr);
    if (f[3] == "traces_source_state_known")
      c.known = value;
    else
      c.by_state[f[4]] = value;
  }
  return out;
}

/// The period's share pooled as the public figures are (traces first sold in the state over
/// all traces with a known source state, summed over the period's years), per replication;
/// its mean and the band holding 90% of the replications.
std::optional<YearBand> pooled_share(const RunTraceCounts& runs, const SourceStateShare& o, int& years) {
  std::vector<double> shares;
  years = 0;
  for (const auto& [replication, by_year] : runs) {
    double state = 0, known = 0;
    int covered = 0;
    for (int y = o.first_year; y <= o.last_year; ++y)
      if (const auto it = by_year.find(y); it != by_year.end()) {
        const auto st = it->second.by_state.find(o.state);
        if (st == it->second.by_state.end()) continue;  // the run has no such state
        known += it->second.known;
        state += st->second;
        ++covered;
      }
    years = std::max(years, covered);
    if (covered > 0 && known > 0) shares.push_back(state / known);
  }
  if (shares.empty()) return std::nullopt;
  std::sort(shares.begin(), shares.end());
  double mean = 0;
  for (double x : shares) mean += x;
  return YearBand{mean / static_cast<double>(shares.size()), quantile_sorted(shares, 0.05),
                  quantile_sorted(shares, 0.95)};
}
}  // namespace

std::string source_state_section(const std::string& run_dir, const std::vector<SourceStateShare>& observed,
                                 std::vector<std::string>& notes) {
  const RunTraceCounts runs = read_trace_counts(fs::path(run_dir) / "replications.csv", notes);
  std::string rows;
  for (const SourceStateShare& o : observed) {
    int years = 0;
    const std::optional<YearBand> band = pooled_share(runs, o, years);
    if (!band) continue;
    const auto pct = [](double x) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * x);
      return std::string(buf);
    };
    rows += "<tr><td>" + std::to_string(o.first_year) + "–" + std::to_string(o.last_year) + "</td><td>" +
            svg::escape(o.state) + "</td><td>" + pct(o.share) + "</td><td>" + pct(band->mean) + "</td><td>" +
            pct(band->low) + "–" + pct(band->high) + "</td><td>" + std::to_string(years) + "</td><td>" +
            (o.share >= band->low && o.share <= band->high ? "yes" : "no") + "</td><td>" + svg::escape(o.source) +
            "</td></tr>";
  }
  if (rows.empty()) return "";
  return "<h3>Source states of traced US guns, by period</h3><p>The run's traces first sold in each state over "
         "its traces with a known source state, pooled over the period's years it covers (as the public figures "
         "pool their counts), against the public figure for the period. The band holds 90% of the replications' "
         "pooled shares.</p><table id=\"source-states\"><tr><th>period</th><th>state</th><th>public</th>"
         "<th>model</th><th>band</th><th>years</th><th>in the band</th><th>source</th></tr>" +
         rows + "</table>";
}

}  // namespace gunflow::report
