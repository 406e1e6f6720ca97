#pragma once
// Statistics over an ensemble of parameter sets (calibration posteriors, policy-effect
// ensembles): weighted quantiles, rank correlations, history-matching implausibility
// and the identifiability summary. Pure functions of their inputs.
#include <string>
#include <vector>

#include <Eigen/Core>

namespace gunflow {

/// The q-quantile of `x` under weights `w` (non-negative, not all zero): the inverse of
/// the weighted empirical CDF with linear interpolation between the mid-points of each
/// value's mass (equal weights give the Hazen quantile).
double weighted_quantile(const Eigen::VectorXd& x, const Eigen::VectorXd& w, double q);
/// Weighted sample standard deviation: Σw(x − m)² / (Σw − Σw²/Σw), which for weights of 0
/// and 1 is the usual n − 1 divisor over the kept values (0 with fewer than two).
double weighted_sd(const Eigen::VectorXd& x, const Eigen::VectorXd& w);

/// Spearman's rank correlation (average ranks for ties); 0 when either side is constant.
double spearman(const Eigen::VectorXd& x, const Eigen::VectorXd& y);

/// History-matching implausibility of a model mean against a target band [low, high]
/// read as observation error: the band is the centre plus or minus two standard
/// deviations, and the model's own Monte Carlo error (variance of the mean,
/// `mc_variance`) adds to it (Craig et al. 1997; Vernon et al. 2010):
/// I = |mean - centre| / sqrt(((high - low) / 4)^2 + mc_variance).
double implausibility(double mean, double mc_variance, double low, double high);

/// Identifiability of one parameter from an ensemble run over its prior.
struct Identifiability {
  double prior_sd = 0, posterior_sd = 0;
  double ratio = 0;  ///< posterior_sd / prior_sd: near 1, the targets do not pin the parameter down
  /// One-sided 95% upper bound of the ratio from the kept draws' sampling noise:
  /// ratio × sqrt((n − 1) / χ²_{0.05; n−1}), n the effective number of kept draws (Σw)²/Σw².
  /// With 12 draws a parameter the targets ignore still shows a ratio below 0.8 about one
  /// time in six; its bound stays above 1.
  double ratio_upper = 0;
  /// Targets whose output moves with the parameter over the prior draws: |rho| at least
  /// `threshold` and at least three standard errors of rho under independence, 3 / sqrt(n - 1),
  /// among the targets marked `informative` (those that rule out some draw; all if none given).
  std::vector<int> pinned_by;
  std::vector<double> rho;  ///< Spearman correlation with each target's output over the prior draws
};
/// `draws(i, j)`: parameter j of draw i; `outputs(i, t)`: target t's model mean at draw i;
/// `accepted`: weights of the posterior (0 for rejected draws).
std::vector<Identifiability> identifiability(const Eigen::MatrixXd& draws, const Eigen::MatrixXd& outputs,
                                             const Eigen::VectorXd& accepted, const std::vector<double>& prior_sds,
                                             double threshold = 0.3, const std::vector<char>& informative = {});

/// What the kept draws say of a parameter: "pinned" when even the upper bound of its spread
/// ratio is below one half, "partly" when the bound is below 1 (narrower than the prior
/// beyond sampling noise), else "not pinned" (the kept draws cannot be told from the prior);
/// "too few kept" with fewer than two kept draws (ratio_upper is NaN).
const char* identifiability_verdict(const Identifiability& id);

}  // namespace gunflow

namespace gunflow {

/// A policy's effect on one metric across parameter sets.
struct EffectDistribution {
  double median = 0, q05 = 0, q95 = 0;  ///< across parameter sets (weighted)
  double mc_half_width = 0;             ///< median over sets of the 95% Monte Carlo half-width inside each set
  /// The sign more of the sets' weight has (+1, -1), which is the median's unless sets with
  /// no effect at all hold the median; 0 when the two signs weigh the same (p_sign is then
  /// the share with no effect)
  int claimed_sign = 0;
  double p_sign = 0;  ///< weighted share of sets whose effect has the claimed sign
};
/// `effect(s)`, `mc_half_width(s)`: set s's mean paired effect and its Monte Carlo half-width.
EffectDistribution effect_distribution(const Eigen::VectorXd& effect, const Eigen::VectorXd& mc_half_width,
                                       const Eigen::VectorXd& weights);
/// P(A beats B): the weighted share of parameter sets where A's effect is better than
/// B's in the same set (lower when `lower_is_better`, else higher), ties counting half.
double p_beats(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& weights,
               bool lower_is_better);

}  // namespace gunflow
