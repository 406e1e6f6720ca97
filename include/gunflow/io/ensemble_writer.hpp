#pragma once
// The CSV outputs of `gunflow ensemble` (docs/uncertainty.md), from the paired effects
// of every policy in every parameter set.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace gunflow {

struct EnsembleTables {
  std::vector<std::string> policies;  ///< the policy scenarios (not the baseline)
  std::vector<std::string> metrics;
  std::vector<char> lower_is_better;  ///< per metric: which way "better" points in rankings
  std::vector<std::string> keys;      ///< the uncertain parameters
  Eigen::MatrixXd values;             ///< sets × parameters
  Eigen::VectorXd weights;            ///< per set
  std::vector<std::uint64_t> ids;     ///< per set
  /// [policy][metric], one entry per set: the baseline's mean, the mean paired effect
  /// (policy - baseline) in percent of the baseline's mean, and its 95% Monte Carlo interval.
  std::vector<std::vector<Eigen::VectorXd>> base_mean, effect_pct, mc_low_pct, mc_high_pct;
};

/// One row per set, policy and metric.
std::string ensemble_sets_csv(const EnsembleTables& t);
/// One row per policy and metric: median, 5% and 95% across sets, the median Monte Carlo
/// half-width inside a set, the claimed sign and its probability.
std::string ensemble_effects_csv(const EnsembleTables& t);
/// One row per metric and ordered pair of policies: P(A beats B) across sets.
std::string ensemble_ranking_csv(const EnsembleTables& t);
/// One row per policy, metric and parameter: Spearman's rank correlation of the effect
/// with the parameter across sets, and the parameter's rank by |rho| for that effect. Sets of
/// weight 0 are left out; the others count once each (unweighted ranks).
std::string ensemble_sensitivity_csv(const EnsembleTables& t);

/// PRIM boxes (analysis/prim.hpp) of the parameter sets where `policy`'s effect on
/// `metric` fails the threshold: the peeling trajectory, each box's coverage, density,
/// mass and bounds, the chosen one flagged. Sets of weight 0 are left out; the others count
/// once each (PRIM here does not weigh points).
std::string prim_boxes_csv(const EnsembleTables& t, std::size_t policy, std::size_t metric, bool above,
                           double threshold);

}  // namespace gunflow
