#pragma once
// Sweep files (`gunflow sweep SWEEP.yaml`): a base scenario, the parameters to vary
// (any real or integer schema key, policy parameters included), a design, the number
// of replications per point and the outputs to analyse. Example files in
// scenarios/sweeps/; every key is documented in docs/sweeps.md.
#include <cstdint>
#include <string>
#include <vector>

#include "gunflow/analysis/sweep_design.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow {

struct SweepSpec {
  std::string file;
  LoadedScenario base;
  DesignKind design = DesignKind::kLatinHypercube;
  int points = 10;  ///< lhs points; morris trajectories; saltelli base samples
  int levels = 4;   ///< grid levels (without explicit values); morris grid levels
  std::uint64_t replications = 4;
  std::uint64_t seed = 1;
  int bootstrap = 200;
  std::vector<SweepParameter> parameters;
  std::vector<std::string> outputs;   ///< metric names (totals), averaged over the run's years
  std::vector<int> output_lines;      ///< where each output is written (1-based; 0 for the default ones)
  std::vector<std::string> warnings;  ///< e.g. a swept key of a policy that is off in the base
};

/// Throws InputError listing every problem with file:line:col and key. `overrides`
/// (`--set key=value`) apply to the base scenario.
SweepSpec load_sweep(const std::string& path, const std::vector<std::string>& overrides = {});

/// Settings of the base scenario with the point's values set (integers rounded).
Settings settings_at(const SweepSpec& spec, const Eigen::RowVectorXd& values);

}  // namespace gunflow
