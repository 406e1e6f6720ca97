#pragma once
// The report's hindcast section: a run's yearly series against the public ones (the
// tables scripts/hindcast also reads, scenarios/data/history/), for runs of the history
// scenario. The calibration fits 2010-2012 means; every other year is a check.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gunflow::report {

/// Public yearly series by model metric: metric → year → value.
using ObservedSeries = std::map<std::string, std::map<int, double>>;

/// Reads the public series in `history_dir`: homicides from mx_homicides_by_year.csv
/// (columns year, homicides), traces and the US-sourced share of traces from
/// mx_traces_by_year.csv (year, submitted, us_sourced), the firearm share of homicides
/// from mx_firearm_homicide_share_by_year.csv (year, firearm_share), and rifles' share of
/// traces from mx_traced_rifle_share_by_year.csv (year, rifle_share; the model's series is
/// traced_long_gun_share). A missing or unreadable table adds a note and no series; lines
/// starting with '#' are comments.
ObservedSeries read_observed_series(const std::string& history_dir, std::vector<std::string>& notes);

/// A public share of the US-sourced guns traced from Mexico that were first sold in one
/// state, over the years first_year..last_year.
struct SourceStateShare {
  int first_year = 0, last_year = 0;
  std::string state;
  double share = 0;
  std::string source;
};
/// Reads us_source_states_by_period.csv in `history_dir` (columns first_year, last_year,
/// state, share, source); none, with a note, when it is missing or unreadable.
std::vector<SourceStateShare> read_source_state_shares(const std::string& history_dir, std::vector<std::string>& notes);

/// A table of the run's share of traces by source state over each span, pooled as the
/// public figures are (the span's traces first sold in the state over its traces with a
/// known source state, per replication, from run_dir/replications.csv; mean and the band
/// holding 90% of the replications) against the public share. "" when the run has none of
/// the spans' years (with a note in `notes` when replications.csv is missing).
std::string source_state_section(const std::string& run_dir, const std::vector<SourceStateShare>& observed,
                                 std::vector<std::string>& notes);

/// Years whose means the calibration fits (docs/calibration.md).
inline constexpr int kFitFirstYear = 2010, kFitLastYear = 2012;

/// One chart per observed series the run has over two or more years (model mean and the
/// band holding 90% of replications, q05-q95 of summary.json, against the public
/// figure), and a table of how many fitted and left-out years fall in the band. "" when
/// the run shares fewer than two years with every series.
std::string hindcast_section(const nlohmann::json& summary, const ObservedSeries& observed, const std::string& source);

}  // namespace gunflow::report
