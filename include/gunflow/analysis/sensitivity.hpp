#pragma once
// Global sensitivity indices from model evaluations (Eigen).
//  - Morris elementary effects: mu* (mean |EE|) and sigma (sd of EE) per parameter
//    (Morris 1991; Campolongo, Cariboni & Saltelli 2007 for mu*).
//  - Sobol first-order (S1) and total (ST) indices from a Saltelli design with the
//    Saltelli et al. (2010) S1 estimator and Jansen's (1999) ST estimator, with
//    percentile bootstrap confidence intervals.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace gunflow {

struct MorrisIndices {
  Eigen::VectorXd mu_star, mu, sigma;  ///< per parameter
};

/// `effects(t, i)`: elementary effect of parameter i on trajectory t.
MorrisIndices morris_indices(const Eigen::MatrixXd& effects);

struct SobolIndices {
  Eigen::VectorXd s1, st;                            ///< per parameter
  Eigen::VectorXd s1_low, s1_high, st_low, st_high;  ///< 95% bootstrap intervals
};

/// f_a, f_b: outputs at the N rows of matrices A and B; f_ab(:, i): outputs at A with
/// column i taken from B. `bootstrap` resamples of the N rows, keyed by `seed`.
SobolIndices sobol_indices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b, const Eigen::MatrixXd& f_ab,
                           int bootstrap, std::uint64_t seed);

}  // namespace gunflow
