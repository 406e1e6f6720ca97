#pragma once
// The files of `gunflow calibrate --posterior` (engine/posterior_job.hpp): the trace of
// every draw, which an interrupted job resumes from, and the summaries written at the end.
// Text in, text out; the job decides what to run.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/analysis/history_waves.hpp"
#include "gunflow/engine/posterior_job.hpp"

namespace gunflow {

/// One draw's outcome: each target's mean and Monte Carlo variance of the mean.
struct PosteriorDrawOutcome {
  std::vector<double> mean, mc_var;
  double max_implausibility = 0;
  /// Kept: no target's implausibility above the cutoff.
  [[nodiscard]] bool kept(double cutoff) const { return max_implausibility <= cutoff; }
};

/// A row of a trace an interrupted job left: its wave, parameters and outcome.
struct PosteriorTraceRow {
  std::uint64_t wave = 1;
  std::vector<double> parameters;
  PosteriorDrawOutcome outcome;
};

/// One wave: its draws (rows first .. first + draws - 1 of the trace) and the draws it
/// kept; after the first, the screen it drew through (analysis/history_waves.hpp), the
/// points tried to find its draws, and the screened region's estimated prior probability.
struct PosteriorWave {
  std::uint64_t wave = 1, first = 0, draws = 0, kept = 0;
  std::shared_ptr<const WaveScreen> screen;  ///< none for the first wave (the whole prior)
  std::uint64_t emulator_runs = 0;           ///< the runs its screen's emulators were fitted to
  std::vector<EmulatorCheck> checks;         ///< per target: its emulator against the wave's own runs
  std::uint64_t tried = 0;
  double share = 1;
};

std::string posterior_target_label(const CalibrationTarget& t);
std::string posterior_trace_header(const CalibrationSpec& spec);
std::string posterior_trace_row(std::uint64_t draw, std::uint64_t wave, const Eigen::MatrixXd& values,
                                const PosteriorDrawOutcome& o, double cutoff);
/// The rows of an interrupted job's trace at `path` (none if it does not exist): the
/// header must be `header` and the draws numbered from 0; each row's parameters are
/// checked against the draws when its wave is drawn again.
std::vector<PosteriorTraceRow> read_posterior_trace(const std::string& path, const std::string& header,
                                                    std::size_t parameters, std::size_t targets);

/// Per target: the draws it rules out (implausibility above the cutoff) and those it alone
/// rules out. A target that rules out none cannot condition the posterior.
struct TargetReach {
  std::vector<std::size_t> ruled_out, only_by_it;
};
TargetReach target_reach(const CalibrationSpec& spec, const std::vector<PosteriorDrawOutcome>& done, double cutoff);
std::string posterior_targets_csv(const CalibrationSpec& spec, const TargetReach& reach);
std::string identifiability_csv(const CalibrationSpec& spec, const PosteriorReport& r, const Eigen::MatrixXd& values,
                                const Eigen::VectorXd& kept);
/// Per wave (and, after the first, per target with its emulator's fit): the wave's draws,
/// kept draws, points tried, the screened region's estimated prior probability and the
/// earlier waves' kept draws its screen refuses.
std::string posterior_waves_csv(const CalibrationSpec& spec, const std::vector<PosteriorWave>& waves);

}  // namespace gunflow
