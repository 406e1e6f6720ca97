#pragma once
// `gunflow report DIR -o report.html`: one self-contained HTML file (inline CSS and
// SVG, no scripts, no network) from a run or compare output directory. A run: the flow
// map on real geography (origin–destination tally), time series with 95% bands,
// breakdowns, the calibration table. A comparison: the scenarios and what each changes,
// every effect with its paired interval, the headline effects on one percent axis,
// yearly series of baseline and policy with the policy start marked, baseline and
// policy maps with their difference. Both: the resolved scenarios, and a list of what
// could not be shown and why (never a silent omission).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gunflow/io/geo_map.hpp"
#include "gunflow/io/hindcast_report.hpp"

namespace gunflow {

/// One row of the report's calibration table: a band on an output series.
struct ReportTarget {
  std::string metric, key;
  std::optional<int> year;  ///< one year, or the mean over the run's years
  double low = 0, high = 0;
  std::string source;
};

/// The bands the calibration table checks, already read (engine/report_job reads them
/// from a calibration file); no `targets`, no table.
struct ReportCalibration {
  std::string file;  ///< where the bands come from, as the report names it
  std::vector<ReportTarget> targets;
};

/// What the report needs from outside the directory, found by engine/report_job.
struct ReportContext {
  ReportCalibration calibration;
  std::optional<geo::Places> places;  ///< names and coordinates of the reference tables; none: no map
  std::vector<std::string> notes;     ///< what is missing and why, shown under "Not shown"
  /// A `gunflow ensemble` directory of the same scenarios (compare directories only; ""
  /// for none): the effect table adds each effect's 90% interval across parameter sets.
  std::string ensemble_dir;
  /// Public yearly series for the hindcast section (io/hindcast_report.hpp; run
  /// directories only; empty: no section) and where they were read.
  std::map<std::string, std::map<int, double>> observed;
  std::string observed_source;
  std::vector<report::SourceStateShare> observed_source_states;  ///< source-state shares by period
};

/// Reads only what gunflow wrote into `run_dir` (summary.json, compare.json, metrics.csv,
/// replications.csv, the resolved scenarios, run.json).
std::string html_report(const std::string& run_dir, const ReportContext& context);
/// The same with only calibration bands (no map names: the map is listed as not shown).
std::string html_report(const std::string& run_dir, const ReportCalibration& calibration);

}  // namespace gunflow
