#pragma once
// Summary statistics over replications for one output cell.
#include <cstdint>
#include <span>

namespace gunflow {

struct Summary {
  std::int64_t n = 0;
  double mean = 0.0;
  double sd = 0.0;      ///< sample standard deviation
  double ci_low = 0.0;  ///< 95% Student-t interval for the mean
  double ci_high = 0.0;
  double q05 = 0.0;  ///< quantiles of the replication values (Hyndman–Fan type 7)
  double q50 = 0.0;
  double q95 = 0.0;
};

/// Two-sided Student-t quantile t_{1-alpha/2, dof} (boost::math::students_t).
double t_quantile(double confidence, std::int64_t dof);
/// Quantile of already-sorted values, linear interpolation (R type 7, numpy default).
double quantile_sorted(std::span<const double> sorted, double prob);
/// Summarises values given in replication order. Mean/sd via Welford in that order,
/// so the result does not depend on how the replications were scheduled.
Summary summarize(std::span<const double> values_in_replication_order, double confidence = 0.95);

}  // namespace gunflow
