#pragma once
// Bound-constrained, derivative-free minimisation with NLopt (Johnson, The NLopt
// nonlinear-optimization package): BOBYQA (Powell 2009), a trust-region method on a
// quadratic model, for two or more parameters, and Sbplx (Rowan's Subplex) for one,
// where BOBYQA's quadratic model needs at least two. Both are deterministic: the same
// objective values give the same sequence of points, which lets an interrupted
// calibration replay its trace. Used by `gunflow calibrate` on an objective evaluated
// under common random numbers (so a deterministic function of the parameters).
#include <functional>

#include <Eigen/Core>

namespace gunflow {

struct MinimizeResult {
  Eigen::VectorXd x;  ///< the best point evaluated
  double value = 0;
  int evaluations = 0;
  bool converged = false;  ///< stopped on a tolerance, not on the evaluation budget
  const char* algorithm = "";
};

/// Minimises f over the box [lower, upper] from `start` (clamped into the box) with
/// initial steps `step`, stopping after `max_evaluations` or when a step changes f by
/// less than `f_tolerance` (absolute). An exception thrown by f stops the search and is
/// rethrown.
MinimizeResult bounded_minimize(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& start,
                                const Eigen::VectorXd& step, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                int max_evaluations, double f_tolerance);

}  // namespace gunflow
