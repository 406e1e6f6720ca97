#pragma once
// Nelder–Mead simplex minimisation (Nelder & Mead 1965; the standard coefficients
// reflection 1, expansion 2, contraction 0.5, shrink 0.5, as in Lagarias et al. 1998)
// over a box, on Eigen vectors. Used by `gunflow calibrate`, where the objective is
// evaluated under common random numbers and is therefore a deterministic function.
#include <functional>

#include <Eigen/Core>

namespace gunflow {

struct NelderMeadResult {
  Eigen::VectorXd x;
  double value = 0;
  int evaluations = 0;
  bool converged = false;
};

/// Minimises f over [lower, upper] (points are clamped into the box) from `start`
/// with initial steps `step`, stopping after `max_evaluations` or when the simplex's
/// values differ by less than `tolerance`.
NelderMeadResult nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& start,
                             const Eigen::VectorXd& step, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                             int max_evaluations, double tolerance);

}  // namespace gunflow
