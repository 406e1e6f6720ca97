#include "gunflow/tally/summary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

#include "gunflow/tally/accumulator.hpp"

namespace gunflow {

double t_quantile(double confidence, std::int64_t dof) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("t_quantile: confidence must be in (0, 1), got " + std::to_string(confidence));
  }
  if (dof < 1) {
    throw std::invalid_argument("t_quantile: dof must be >= 1, got " + std::to_string(dof));
  }
  // Upper-tail form: for confidence near 1 the tail mass (1 - c)/2 is exact, whereas
  // forming (1 + c)/2 first would round it away. Same quantity as OpenMC's t_percentile
  // and scipy.stats.t.ppf(1 - alpha/2, dof).
  const boost::math::students_t dist(static_cast<double>(dof));
  return boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
}

double quantile_sorted(std::span<const double> sorted, double prob) {
  if (sorted.empty()) throw std::invalid_argument("quantile_sorted: no values");
  if (!(prob >= 0.0 && prob <= 1.0)) {
    throw std::invalid_argument("quantile_sorted: prob must be in [0, 1], got " + std::to_string(prob));
  }
  // Hyndman & Fan (1996), "Sample quantiles in statistical packages", Am. Stat. 50(4),
  // definition 7: h = (n - 1)p, interpolate between order statistics floor(h) and
  // floor(h) + 1 (0-based). This is R's default and numpy.percentile's "linear".
  const double h = static_cast<double>(sorted.size() - 1) * prob;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();  // prob == 1 (or h rounded to n-1)
  const double frac = h - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

// An empty input gives Summary{} (n = 0, everything else 0); writers should print n so
// that is not mistaken for data.
Summary summarize(std::span<const double> values_in_replication_order, double confidence) {
  Summary s;
  if (values_in_replication_order.empty()) return s;

  // Welford in the given order: the same replication results give the same bits no
  // matter which thread or rank produced them (DESIGN.md §13).
  Accumulator acc;
  for (double v : values_in_replication_order) acc.add(v);
  s.n = acc.count();
  s.mean = acc.mean();
  s.sd = acc.sd();  // 0 when n < 2
  if (s.n >= 2) {
    const double se = s.sd / std::sqrt(static_cast<double>(s.n));
    const double half = t_quantile(confidence, s.n - 1) * se;
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  } else {
    // One replication carries no spread information; a zero-width interval at the
    // value is reported (with n = 1) rather than an infinite one.
    s.ci_low = s.mean;
    s.ci_high = s.mean;
  }

  // A NaN result is a model bug; keep it visible in every field instead of handing
  // std::sort a comparison that is not a strict weak ordering (undefined behaviour).
  if (std::isnan(s.mean)) {
    s.q05 = s.q50 = s.q95 = s.mean;
    return s;
  }
  // Sort a copy: the caller's order is the replication order and must stay intact.
  std::vector<double> sorted(values_in_replication_order.begin(), values_in_replication_order.end());
  std::sort(sorted.begin(), sorted.end());
  s.q05 = quantile_sorted(sorted, 0.05);
  s.q50 = quantile_sorted(sorted, 0.50);
  s.q95 = quantile_sorted(sorted, 0.95);
  return s;
}

}  // namespace gunflow
