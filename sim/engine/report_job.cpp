#include "gunflow/engine/report_job.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/hindcast_report.hpp"
#include "gunflow/io/html_report.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

/// The directory's resolved scenario: scenario.resolved.yaml (run) or the first
/// scenario.NAME.resolved.yaml (compare: they share their data tables).
fs::path resolved_scenario(const fs::path& dir) {
  if (fs::exists(dir / "scenario.resolved.yaml")) return dir / "scenario.resolved.yaml";
  std::vector<fs::path> found;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("scenario.", 0) == 0 && name.size() > 14 && name.substr(name.size() - 14) == ".resolved.yaml")
        found.push_back(e.path());
    }
  std::sort(found.begin(), found.end());
  return found.empty() ? fs::path() : found.front();
}

void read_calibration(const std::string& file, ReportCalibration& calibration) {
  calibration.file = file;
  for (const CalibrationTarget& t : load_calibration(file).targets)
    calibration.targets.push_back({t.metric, t.key, t.year, t.low, t.high, t.source});
}
}  // namespace

std::string report_job(const std::string& run_dir, const std::optional<std::string>& calibration_file,
                       const std::string& ensemble_dir) {
  ReportContext ctx;
  ctx.ensemble_dir = ensemble_dir;
  const fs::path scenario = resolved_scenario(run_dir);
  std::optional<Settings> settings;
  if (scenario.empty()) {
    ctx.notes.emplace_back("flow map and default calibration table: the directory holds no scenario.*resolved.yaml");
  } else {
    try {
      settings = load_scenario(scenario.string()).settings;
      ctx.places = geo::read_places(settings->data.us_states, settings->data.crossings, settings->data.mx_states);
      // A history run names the homicides by year; the other public series lie beside it.
      if (!settings->data.mx_homicides_by_year.empty()) {
        ctx.observed_source = fs::path(settings->data.mx_homicides_by_year).parent_path().string();
        ctx.observed = report::read_observed_series(ctx.observed_source, ctx.notes);
        ctx.observed_source_states = report::read_source_state_shares(ctx.observed_source, ctx.notes);
      }
    } catch (const std::runtime_error& e) {  // InputError, IoError, yaml-cpp
      ctx.notes.push_back("flow map: the reference tables named in " + scenario.filename().string() +
                          " could not be read (" + e.what() + ")");
    }
  }
  if (calibration_file && calibration_file->empty()) {
    ctx.calibration.file = "none asked for (--calibration \"\")";
  } else if (calibration_file) {
    if (!fs::exists(*calibration_file))
      throw InputError(InputProblem{*calibration_file, 0, 0, "--calibration", "no such calibration file"});
    read_calibration(*calibration_file, ctx.calibration);
  } else if (settings) {
    // Beside the scenarios the run used: DATA/../calibration/baseline.calib.yaml.
    const fs::path beside =
        fs::path(settings->data.us_states).parent_path().parent_path() / "calibration" / "baseline.calib.yaml";
    if (fs::exists(beside))
      read_calibration(beside.string(), ctx.calibration);
    else
      ctx.calibration.file = "no calibration file at " + beside.string() + " (name one with --calibration)";
  } else {
    ctx.calibration.file = "the run's scenario could not be read, so no default calibration file (use --calibration)";
  }
  try {
    return html_report(run_dir, ctx);
  } catch (const nlohmann::json::exception& e) {
    // A damaged or hand-edited output: an I/O problem of the directory, not a crash.
    // The library's own tag ("[json.exception.parse_error.101] ") means nothing to a user.
    std::string why = e.what();
    if (why.rfind("[json.exception.", 0) == 0 && why.find("] ") != std::string::npos)
      why = why.substr(why.find("] ") + 2);
    throw IoError(run_dir, "holds a summary.json or compare.json that is not a gunflow output (" + why +
                               "); run or merge it again");
  }
}

}  // namespace gunflow
