#pragma once
// `gunflow report DIR -o report.html`: one self-contained HTML file (inline CSS and
// SVG, no scripts, no network) from a run or compare output directory: flow map, time
// series with 95% bands, channel/class/crossing breakdowns, effects against the
// baseline with paired CIs, the calibration table and the resolved scenario.
#include <string>

namespace gunflow {

/// `calibration_file` (may be empty) supplies target bands for the calibration table.
std::string html_report(const std::string& run_dir, const std::string& calibration_file);

}  // namespace gunflow
