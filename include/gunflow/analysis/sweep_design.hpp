#pragma once
// Designs of experiments for `gunflow sweep`: which parameter points to run.
// Points are drawn in the unit cube and scaled to each parameter's range; draws use
// the kDesign stream, so a design is a pure function of (spec, seed).
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "gunflow/analysis/sensitivity.hpp"

namespace gunflow {

enum class DesignKind { kGrid, kLatinHypercube, kMorris, kSaltelli };

struct SweepParameter {
  std::string key;             ///< schema key path, e.g. border.inspection_rate
  double low = 0, high = 1;    ///< range (continuous designs, and grid without values)
  std::vector<double> values;  ///< explicit grid values (grid only)
};

struct Design {
  DesignKind kind = DesignKind::kGrid;
  Eigen::MatrixXd points;  ///< rows = points, columns = parameters, in parameter units
  int base_samples = 0;    ///< Saltelli N (points = N (k + 2)); Morris trajectories r (points = r (k + 1))
  /// Morris: for trajectory t and step j (1..k), the parameter moved and the signed
  /// step in unit-cube coordinates.
  std::vector<std::vector<std::pair<int, double>>> morris_steps;
};

/// grid: cartesian product of each parameter's values (or `levels` evenly spaced
/// values over its range); lhs: `n` points; morris: `n` trajectories on a `levels`-level
/// grid; saltelli: `n` base samples.
Design make_design(DesignKind kind, const std::vector<SweepParameter>& params, int n, int levels, std::uint64_t seed);

/// Sensitivity of one output (one value per design point).
struct SweepSensitivity {
  bool has_morris = false, has_sobol = false;
  MorrisIndices morris;
  SobolIndices sobol;
};
SweepSensitivity analyze_design(const Design& design, const Eigen::VectorXd& outputs,
                                const std::vector<SweepParameter>& params, int bootstrap, std::uint64_t seed);

DesignKind parse_design_kind(const std::string& name, bool& ok);
std::string design_name(DesignKind kind);

}  // namespace gunflow
