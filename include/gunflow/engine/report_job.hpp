#pragma once
// `gunflow report DIR -o report.html`: reads the calibration file, if one is named,
// and renders the run or compare directory with io/html_report (which reads only what
// gunflow wrote there).
#include <string>

namespace gunflow {

/// `calibration_file` (may be empty, or name a file that does not exist: then the report
/// has no calibration table) supplies the target bands. Throws InputError on a bad
/// calibration file, IoError on a directory that holds no run or compare outputs.
std::string report_job(const std::string& run_dir, const std::string& calibration_file);

}  // namespace gunflow
