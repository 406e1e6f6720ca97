#include "gunflow/analysis/ensemble_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/chi_squared.hpp>

namespace gunflow {

double weighted_quantile(const Eigen::VectorXd& x, const Eigen::VectorXd& w, double q) {
  const auto n = static_cast<std::size_t>(x.size());
  if (n == 0) return std::nan("");
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return x(static_cast<Eigen::Index>(a)) < x(static_cast<Eigen::Index>(b));
  });
  const double total = w.sum();
  // Mid-point of each value's mass on [0, 1]; interpolate between neighbouring mid-points.
  std::vector<double> mid, val;
  double below = 0;
  for (std::size_t i : order) {
    const double wi = w(static_cast<Eigen::Index>(i));
    if (wi <= 0) continue;
    mid.push_back((below + 0.5 * wi) / total);
    val.push_back(x(static_cast<Eigen::Index>(i)));
    below += wi;
  }
  if (mid.empty()) return std::nan("");
  if (q <= mid.front()) return val.front();
  if (q >= mid.back()) return val.back();
  const auto hi = static_cast<std::size_t>(std::upper_bound(mid.begin(), mid.end(), q) - mid.begin());
  const double t = (q - mid[hi - 1]) / (mid[hi] - mid[hi - 1]);
  return val[hi - 1] + t * (val[hi] - val[hi - 1]);
}

double weighted_sd(const Eigen::VectorXd& x, const Eigen::VectorXd& w) {
  const double total = w.sum();
  if (!(total > 0)) return 0;
  const double mean = x.dot(w) / total;
  const double divisor = total - w.squaredNorm() / total;  // reliability weights: n − 1 for 0/1 weights
  if (!(divisor > 0)) return 0;
  return std::sqrt(std::max(0.0, (x.array() - mean).square().matrix().dot(w) / divisor));
}

namespace {
Eigen::VectorXd average_ranks(const Eigen::VectorXd& x) {
  const auto n = static_cast<std::size_t>(x.size());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return x(static_cast<Eigen::Index>(a)) < x(static_cast<Eigen::Index>(b));
  });
  Eigen::VectorXd r(x.size());
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && x(static_cast<Eigen::Index>(order[j + 1])) == x(static_cast<Eigen::Index>(order[i]))) ++j;
    const double rank = 0.5 * static_cast<double>(i + j) + 1.0;  // ties share their average rank
    for (std::size_t k = i; k <= j; ++k) r(static_cast<Eigen::Index>(order[k])) = rank;
    i = j + 1;
  }
  return r;
}
}  // namespace

double spearman(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  if (x.size() < 2) return 0;
  const Eigen::ArrayXd rx = average_ranks(x).array() - average_ranks(x).mean();
  const Eigen::ArrayXd ry = average_ranks(y).array() - average_ranks(y).mean();
  const double den = std::sqrt(rx.square().sum() * ry.square().sum());
  return den > 0 ? (rx * ry).sum() / den : 0.0;
}

double implausibility(double mean, double mc_variance, double low, double high) {
  const double sd_obs = 0.25 * (high - low);
  return std::abs(mean - 0.5 * (low + high)) / std::sqrt(sd_obs * sd_obs + std::max(0.0, mc_variance));
}

std::vector<Identifiability> identifiability(const Eigen::MatrixXd& draws, const Eigen::MatrixXd& outputs,
                                             const Eigen::VectorXd& accepted, const std::vector<double>& prior_sds,
                                             double threshold, const std::vector<char>& informative) {
  std::vector<Identifiability> out;
  // Under independence rho has a standard error of about 1 / sqrt(n - 1): with few draws a
  // correlation of 0.3 is noise, so the bar rises to three standard errors.
  const double bar =
      std::max(threshold, draws.rows() > 1 ? 3.0 / std::sqrt(static_cast<double>(draws.rows() - 1)) : 1.0);
  // The kept draws' spread is itself an estimate: its upper bound, (n − 1)s²/σ² ~ χ²(n − 1)
  // for normal draws (conservative for the flatter uniform ones).
  const double kept = accepted.sum() > 0 ? accepted.sum() * accepted.sum() / accepted.squaredNorm() : 0.0;
  const double noise = kept > 1.5
                           ? std::sqrt((kept - 1) / boost::math::quantile(boost::math::chi_squared(kept - 1), 0.05))
                           : std::numeric_limits<double>::infinity();
  for (Eigen::Index j = 0; j < draws.cols(); ++j) {
    Identifiability id;
    id.prior_sd = prior_sds[static_cast<std::size_t>(j)];
    id.posterior_sd = weighted_sd(draws.col(j), accepted);
    id.ratio = id.prior_sd > 0 ? id.posterior_sd / id.prior_sd : 0.0;
    id.ratio_upper = std::isfinite(noise) ? id.ratio * noise : std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index t = 0; t < outputs.cols(); ++t) {
      id.rho.push_back(spearman(draws.col(j), outputs.col(t)));
      const bool can_pin = informative.empty() || informative[static_cast<std::size_t>(t)] != 0;
      if (can_pin && std::abs(id.rho.back()) >= bar) id.pinned_by.push_back(static_cast<int>(t));
    }
    out.push_back(id);
  }
  return out;
}

const char* identifiability_verdict(const Identifiability& id) {
  if (std::isnan(id.ratio_upper)) return "too few kept";  // one kept draw: no spread to estimate
  return id.ratio_upper < 0.5 ? "pinned" : id.ratio_upper < 1.0 ? "partly" : "not pinned";
}

}  // namespace gunflow

namespace gunflow {

EffectDistribution effect_distribution(const Eigen::VectorXd& effect, const Eigen::VectorXd& mc_half_width,
                                       const Eigen::VectorXd& weights) {
  EffectDistribution d;
  if (effect.size() == 0) return d;
  d.median = weighted_quantile(effect, weights, 0.5);
  d.q05 = weighted_quantile(effect, weights, 0.05);
  d.q95 = weighted_quantile(effect, weights, 0.95);
  d.mc_half_width = weighted_quantile(mc_half_width, weights, 0.5);
  // The sign more of the weight has, not the median's own: where many sets show no effect
  // at all (a policy that does not reach the metric in their years), the median can land on
  // one of them, and a claimed sign of 0 with the zeros' small share would read as "the sign
  // is surely wrong" where it is a coin flip. Otherwise the two agree.
  double positive = 0, negative = 0;
  for (Eigen::Index s = 0; s < effect.size(); ++s) {
    if (effect(s) > 0) positive += weights(s);
    if (effect(s) < 0) negative += weights(s);
  }
  const double total = weights.sum();
  d.claimed_sign = positive > negative ? 1 : negative > positive ? -1 : 0;
  d.p_sign = d.claimed_sign > 0   ? positive / total
             : d.claimed_sign < 0 ? negative / total
                                  : (total - positive - negative) / total;
  return d;
}

double p_beats(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& weights,
               bool lower_is_better) {
  double wins = 0;
  for (Eigen::Index s = 0; s < a.size(); ++s) {
    const double better = lower_is_better ? b(s) - a(s) : a(s) - b(s);
    wins += weights(s) * (better > 0 ? 1.0 : better == 0 ? 0.5 : 0.0);
  }
  return a.size() > 0 ? wins / weights.sum() : 0.5;
}

}  // namespace gunflow
