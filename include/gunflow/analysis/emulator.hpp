#pragma once
// A regression emulator of one model output over the prior's unit cube, for the later
// waves of history matching (history_waves.hpp): ordinary least squares on 1, u_j, u_j²
// and the products u_i·u_j of the few parameters whose main effects reach furthest
// (Vernon, Goldstein & Bower 2010 start from such a regression, its terms chosen by what
// matters; they add a Gaussian process for what it leaves, which this emulator reads as
// noise instead). Measured on the baseline's first-wave runs, the products cut the
// held-out error by a third at the median over its 18 targets (traces by three quarters);
// a Gaussian process on the quadratic's residual cut it by 3-24% (docs/uncertainty.md).
// Its predictive variance, s²·(1 + φ(u)ᵀ(ΦᵀΦ)⁻¹φ(u)), carries what the fit leaves
// unexplained (the model's Monte Carlo noise among it) and the coefficients' own
// uncertainty, so the implausibility it gives a point is never more confident than the
// runs it was fitted to. Pure: a function of the runs it is given.
#include <vector>

#include <Eigen/Core>

namespace gunflow {

class RegressionEmulator {
 public:
  /// Fits y (one value per run) on the runs' points `unit` (rows, unit coordinates).
  /// Squares are used when there are at least twice as many runs as quadratic terms
  /// (2k + 1), else the linear terms with at least twice as many runs as k + 1, else the
  /// mean alone; at least two runs. With squares, the products of the m parameters whose
  /// fitted main effects (b_j·u + b_jj·u² over [0, 1]) reach furthest are added, m at
  /// most kMaxInteracting and as many as keep twice as many runs as terms (m ≥ 2).
  RegressionEmulator(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y);

  /// The emulator's mean and predictive variance at `u` (a point of the unit cube).
  [[nodiscard]] double mean(const Eigen::VectorXd& u) const { return mean_at(features(u)); }
  [[nodiscard]] double variance(const Eigen::VectorXd& u) const { return variance_at(features(u)); }
  /// The same from the point's regression terms (`features(u)`, this emulator's own: which
  /// products it fits depends on its output).
  [[nodiscard]] Eigen::VectorXd features(const Eigen::VectorXd& u) const;
  [[nodiscard]] double mean_at(const Eigen::VectorXd& f) const { return f.dot(beta_); }
  [[nodiscard]] double variance_at(const Eigen::VectorXd& f) const;
  /// Terms fitted: 2k + 1 + m(m − 1)/2, 2k + 1, k + 1 or 1.
  [[nodiscard]] Eigen::Index terms() const { return beta_.size(); }
  /// The parameters whose products are fitted (ascending; empty without products).
  [[nodiscard]] const std::vector<Eigen::Index>& interacting() const { return interacting_; }
  /// At most this many parameters interact: ten give 45 products, and held-out errors on
  /// the baseline's runs stopped falling at about ten (docs/uncertainty.md).
  static constexpr Eigen::Index kMaxInteracting = 10;
  /// Share of the runs' variance the fit explains, and the residual standard deviation.
  [[nodiscard]] double r_squared() const { return r_squared_; }
  [[nodiscard]] double residual_sd() const;

 private:
  void fit(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y, Eigen::Index terms);
  Eigen::VectorXd beta_;
  std::vector<Eigen::Index> interacting_;
  Eigen::MatrixXd inverse_gram_;  ///< (ΦᵀΦ)⁻¹
  double residual_variance_ = 0, r_squared_ = 0;
};

}  // namespace gunflow
