#pragma once
// `gunflow calibrate`: fit free parameters so the model's means fall in the target
// bands. Objective: sum over targets of ((mean - band centre) / band half-width)^2, so
// a value below 1 per target means "inside the band". Every evaluation runs the same
// replications with the same seed (common random numbers), which makes the objective
// a deterministic, smooth-enough function for NLopt's BOBYQA (analysis/bounded_minimize).
#include <functional>
#include <string>
#include <vector>

#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/tally/layout.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {

struct TargetFit {
  CalibrationTarget target;
  Summary model;  ///< over replications
  bool pass = false;
};

/// One evaluation of the objective: parameter values and what they scored.
struct CalibrationEvaluation {
  std::vector<double> values;
  double objective = 0;
};

struct CalibrationResult {
  std::vector<double> values;  ///< fitted parameter values
  double objective = 0;
  int evaluations = 0;
  int reused = 0;  ///< evaluations taken from `known` instead of run
  bool converged = false;
  std::string algorithm;        ///< the NLopt algorithm used (BOBYQA, or Sbplx for one parameter)
  std::vector<TargetFit> fits;  ///< at the fitted values
  /// Stopped by SIGINT or SIGTERM after an evaluation (calibrate_job): only `evaluations`
  /// is set, and the trace holds them for --resume.
  bool interrupted = false;
};

/// The output series (rows of a replication's values) of each target; InputError naming
/// the calibration file for a target that is not an output series or a year not simulated.
std::vector<std::size_t> calibration_target_rows(const CalibrationSpec& spec, const MetricLayout& layout);
/// A target's value in one replication: its year, or the mean over the simulated years.
double target_value(const CalibrationTarget& target, const ReplicationResult& r, std::size_t row, int first_year);
/// One line of a resumable trace (calibration_trace.csv, posterior_draws.csv): comma-separated
/// numbers in shortest round-trip form; IoError at `where` ("file:line") naming a field that
/// is not a number.
std::vector<double> parse_number_row(const std::string& line, const std::string& where);
/// A resumable trace's number rows (parse_number_row), each with its line number, after a
/// header that must be `header` (else InputError at line 1 saying `mismatch`); none when the
/// file does not exist (interrupted before its first row).
struct TraceRow {
  std::size_t line = 0;
  std::vector<double> fields;
};
std::vector<TraceRow> read_trace_rows(const std::string& path, const std::string& header, const std::string& mismatch);

/// Runs the fit. `on_evaluation(values, objective)` is called after each evaluation.
/// `known`: the first evaluations of an earlier, interrupted fit of the same spec.
/// The optimiser is deterministic and each evaluation uses the same replications and
/// seed, so the fit asks for the same points again; while it does (values equal to
/// the bit), their objective is taken from `known` instead of being run again, and the
/// fit ends exactly as an uninterrupted one would.
CalibrationResult calibrate(const CalibrationSpec& spec, int threads,
                            const std::function<void(const std::vector<double>&, double)>& on_evaluation,
                            const std::vector<CalibrationEvaluation>& known = {});

/// Writes calibration_trace.csv, targets.csv, fitted.yaml, run.json and
/// calibration.identity (what the trace belongs to) into cfg.out_dir, and the fitted
/// scenario also to `scenario_path` if not empty (its `extends:` then points at the
/// base relative to that file). With cfg.resume, an interrupted calibration in
/// cfg.out_dir continues from its trace (IoError if it belongs to another calibration).
CalibrationResult calibrate_job(const CalibrationSpec& spec, const ExecutionConfig& cfg,
                                const std::string& scenario_path);

}  // namespace gunflow
