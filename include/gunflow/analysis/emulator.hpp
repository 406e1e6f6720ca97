#pragma once
// A regression emulator of one model output over the prior's unit cube, for the later
// waves of history matching (history_waves.hpp): ordinary least squares on 1, u_j and
// u_j² (Vernon, Goldstein & Bower 2010 start from such a regression; they add a Gaussian
// process for what it leaves, which this emulator reads as noise instead). Its predictive
// variance, s²·(1 + φ(u)ᵀ(ΦᵀΦ)⁻¹φ(u)), carries what the fit leaves unexplained (the
// model's Monte Carlo noise among it) and the coefficients' own uncertainty, so the
// implausibility it gives a point is never more confident than the runs it was fitted to.
// Pure: a function of the runs it is given.
#include <Eigen/Core>

namespace gunflow {

class RegressionEmulator {
 public:
  /// Fits y (one value per run) on the runs' points `unit` (rows, unit coordinates).
  /// Squares are used when there are at least twice as many runs as quadratic terms
  /// (2k + 1), else the linear terms with at least twice as many runs as k + 1, else the
  /// mean alone; at least two runs.
  RegressionEmulator(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y);

  /// The emulator's mean and predictive variance at `u` (a point of the unit cube).
  [[nodiscard]] double mean(const Eigen::VectorXd& u) const { return mean_at(features(u)); }
  [[nodiscard]] double variance(const Eigen::VectorXd& u) const { return variance_at(features(u)); }
  /// The same from the point's regression terms (features), which emulators fitted to the
  /// same runs share: a screen works them out once per point.
  [[nodiscard]] Eigen::VectorXd features(const Eigen::VectorXd& u) const;
  [[nodiscard]] double mean_at(const Eigen::VectorXd& f) const { return f.dot(beta_); }
  [[nodiscard]] double variance_at(const Eigen::VectorXd& f) const;
  /// Terms fitted: 2k + 1, k + 1 or 1.
  [[nodiscard]] Eigen::Index terms() const { return beta_.size(); }
  /// Share of the runs' variance the fit explains, and the residual standard deviation.
  [[nodiscard]] double r_squared() const { return r_squared_; }
  [[nodiscard]] double residual_sd() const;

 private:
  Eigen::VectorXd beta_;
  Eigen::MatrixXd inverse_gram_;  ///< (ΦᵀΦ)⁻¹
  double residual_variance_ = 0, r_squared_ = 0;
};

}  // namespace gunflow
