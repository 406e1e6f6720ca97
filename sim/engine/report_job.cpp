#include "gunflow/engine/report_job.hpp"

#include <filesystem>

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
  return html_report(run_dir, calibration);
}

}  // namespace gunflow
