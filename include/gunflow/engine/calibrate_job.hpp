#pragma once
// `gunflow calibrate`: fit free parameters so the model's means fall in the target
// bands. Objective: sum over targets of ((mean - band centre) / band half-width)^2, so
// a value below 1 per target means "inside the band". Every evaluation runs the same
// replications with the same seed (common random numbers), which makes the objective
// a deterministic, smooth-enough function for Nelder–Mead (engine/nelder_mead).
#include <functional>
#include <string>
#include <vector>

#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {

struct TargetFit {
  CalibrationTarget target;
  Summary model;  ///< over replications
  bool pass = false;
};

struct CalibrationResult {
  std::vector<double> values;   ///< fitted parameter values
  double objective = 0;
  int evaluations = 0;
  bool converged = false;
  std::vector<TargetFit> fits;  ///< at the fitted values
};

/// Runs the fit. `on_evaluation(values, objective)` is called after each evaluation.
CalibrationResult calibrate(const CalibrationSpec& spec, int threads,
                            const std::function<void(const std::vector<double>&, double)>& on_evaluation);

/// Writes calibration_trace.csv, targets.csv, fitted.yaml and run.json into
/// cfg.out_dir, and the fitted scenario also to `scenario_path` if not empty (its
/// `extends:` then points at the base relative to that file).
CalibrationResult calibrate_job(const CalibrationSpec& spec, const ExecutionConfig& cfg, const std::string& scenario_path);

}  // namespace gunflow
