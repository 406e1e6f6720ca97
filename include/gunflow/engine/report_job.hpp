#pragma once
// `gunflow report DIR -o report.html`: finds what the report needs outside the
// directory — the calibration bands and the names and coordinates of the reference
// tables (for the map) — and renders the run or compare directory with
// io/html_report. Works from any working directory: everything is found from the
// directory's own resolved scenario, whose data paths are relative to it.
#include <optional>
#include <string>

namespace gunflow {

/// `calibration_file`: std::nullopt — calibration/baseline.calib.yaml of the scenarios
/// directory the run's data tables came from (if there is none, the report says so);
/// "" — no calibration table; a path — that file, which must exist. Throws InputError on a
/// calibration file that is missing (when named) or bad, IoError on a directory that
/// holds no run or compare outputs. `ensemble_dir` (--ensemble; "" for none): an ensemble
/// of the same scenarios whose 90% intervals across parameter sets join a comparison's
/// effect table; InputError when it is no finished ensemble, has another baseline, or
/// `run_dir` is no comparison.
std::string report_job(const std::string& run_dir, const std::optional<std::string>& calibration_file,
                       const std::string& ensemble_dir = "");

}  // namespace gunflow
