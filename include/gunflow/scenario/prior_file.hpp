#pragma once
// Parameter uncertainty as input: prior files and parameter-set tables.
//
// A prior file (YAML) states, for each uncertain scenario key, a range and a
// distribution (uniform or log-uniform over the range):
//
//   draws: 100            # parameter sets `gunflow ensemble` draws (optional, default 100)
//   seed: 1               # keys the draws (optional, default 1)
//   parameters:
//     - {key: violence.stock_elasticity, range: [0.1, 1.5], distribution: uniform}
//     - {key: mexico.initial_stock, range: [750000, 3000000], distribution: log-uniform}
//
// A parameter-set table (CSV, as `gunflow calibrate --posterior` writes posterior.csv):
// a header `set,weight,<key>,...` (set and weight optional), then one row per set.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct PriorParameter {
  std::string key;
  double low = 0, high = 1;
  bool log_uniform = false;
  std::string source;  ///< why this range (free text)
};

struct PriorSpec {
  std::string file;
  std::uint64_t draws = 100;
  std::uint64_t seed = 1;
  std::vector<PriorParameter> parameters;
};

/// Throws InputError naming file:line:col and key for every problem (unknown key, a key
/// that is not a number, a range outside the key's allowed values, a log-uniform range
/// that does not lie above zero).
PriorSpec load_prior(const std::string& path);
/// Maps points of the unit cube (rows) to parameter values through each prior's inverse CDF.
Eigen::MatrixXd prior_values(const std::vector<PriorParameter>& prior, const Eigen::MatrixXd& unit);
/// The inverse: parameter values (rows) to their points of the unit cube, each prior's CDF.
Eigen::MatrixXd prior_unit(const std::vector<PriorParameter>& prior, const Eigen::MatrixXd& values);
/// `n` parameter sets from the prior: a Latin hypercube in the unit cube keyed by `seed`
/// (each parameter's range cut into n equal-probability strata, one draw in each).
Eigen::MatrixXd draw_prior(const std::vector<PriorParameter>& prior, std::uint64_t n, std::uint64_t seed);
/// Prior standard deviation of a parameter (uniform: range / sqrt 12; log-uniform: exact).
double prior_sd(const PriorParameter& p);

/// Parameter sets: one row per set, one column per key; weights sum to the number of sets.
struct ParameterSets {
  std::string file;
  std::vector<std::string> keys;
  Eigen::MatrixXd values;
  Eigen::VectorXd weights;
  std::vector<std::uint64_t> ids;  ///< the `set` column (empty: 0, 1, ...)
};
/// A prior file (.yaml/.yml: `draws` sets from it, or `draws_override` if non-zero) or a
/// parameter-set table (.csv). InputError names file, line and column of a bad value.
ParameterSets load_parameter_sets(const std::string& path, std::uint64_t draws_override = 0);
/// The CSV text of parameter sets (round-trip exact numbers), as load_parameter_sets reads it.
std::string parameter_sets_csv(const ParameterSets& sets);

/// Sets a real or integer scenario key (an integer key takes the nearest whole number).
void apply_parameter(Settings& settings, const std::string& key, double value);
/// Whether a key can carry parameter uncertainty (a real or integer scenario key).
bool is_uncertain_key(const std::string& key);

}  // namespace gunflow
