#pragma once
// Calibration files (`gunflow calibrate CALIB.yaml`): a base scenario, the free
// parameters with bounds, and the targets (bands on model outputs).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/prior_file.hpp"

namespace gunflow {

struct CalibrationParameter {
  std::string key;
  double low = 0, high = 1;
  double start = 0;  ///< defaults to the base scenario's value (clamped into the bounds)
};

struct CalibrationTarget {
  std::string metric, key;   ///< a series of the outputs
  std::optional<int> year;   ///< one year, or the mean over the run's years
  double low = 0, high = 0;  ///< the band
  std::string source;        ///< where the band comes from (free text)
  int line = 0, column = 0;  ///< where its metric is written (1-based), for problems found later
};

/// The `posterior:` section: history matching over a prior (docs/uncertainty.md).
struct PosteriorSettings {
  std::string prior_file;  ///< as resolved (relative to the working directory)
  PriorSpec prior;
  std::uint64_t draws = 256;       ///< parameter sets drawn from the prior (Latin hypercube)
  std::uint64_t replications = 2;  ///< per draw, the same for every draw (common random numbers)
  double cutoff = 3.0;             ///< largest implausibility a kept draw may have on any target
  /// Waves of history matching: wave 1 draws from the whole prior, each later wave `draws`
  /// more where emulators of the runs so far cannot rule the targets out
  /// (analysis/history_waves.hpp).
  std::uint64_t waves = 1;
};

struct CalibrationSpec {
  std::string file;
  std::string base_file;  ///< as written (relative to the calibration file)
  LoadedScenario base;
  std::uint64_t replications = 8;
  std::uint64_t seed = 1;
  int max_evaluations = 60;
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTarget> targets;
  std::optional<PosteriorSettings> posterior;
};

/// Throws InputError listing every problem with file:line:col and key.
CalibrationSpec load_calibration(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace gunflow
