#include "gunflow/engine/report_job.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/html_report.hpp"
#include "gunflow/scenario/calibration_file.hpp"

namespace gunflow {

std::string report_job(const std::string& run_dir, const std::string& calibration_file) {
  ReportCalibration calibration;
  if (!calibration_file.empty() && std::filesystem::exists(calibration_file)) {
    calibration.file = calibration_file;
    for (const CalibrationTarget& t : load_calibration(calibration_file).targets)
      calibration.targets.push_back({t.metric, t.key, t.year, t.low, t.high, t.source});
  }
  try {
    return html_report(run_dir, calibration);
  } catch (const nlohmann::json::exception& e) {
    // A damaged or hand-edited output: an I/O problem of the directory, not a crash.
    throw IoError(run_dir, std::string("holds a summary.json or compare.json that is not a gunflow output (") +
                               e.what() + "); run or merge it again");
  }
}

}  // namespace gunflow
