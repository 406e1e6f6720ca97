#pragma once
// `gunflow report DIR -o report.html`: one self-contained HTML file (inline CSS and
// SVG, no scripts, no network) from a run or compare output directory: flow map, time
// series with 95% bands, channel/class/crossing breakdowns, effects against the
// baseline with paired CIs, the calibration table and the resolved scenario.
#include <optional>
#include <string>
#include <vector>

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

/// Reads only what gunflow wrote into `run_dir` (summary.json, compare.json, the
/// resolved scenarios, run.json).
std::string html_report(const std::string& run_dir, const ReportCalibration& calibration);

}  // namespace gunflow
