#include "gunflow/rng/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "gunflow/core/power.hpp"

namespace gunflow {

double standard_normal(Rng& rng) {
  const double u1 = rng.uniform();
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

namespace {
// Inversion below mean 10: X = the first k at which the running sum of P(X = i), i <= k,
// reaches one uniform (sequential search from 0; Devroye 1986, §X.3.3). One 64-bit draw
// a value — the multiplication method it replaced used mean + 1 of them. P(X = k) comes
// from the recurrence p_k = p_(k−1) · (mean · 1/k) with p_0 = exp(−mean), the same
// arithmetic whether computed on the fly (poisson) or once into a table (Poisson), so the
// two give the same value for the same draw.
constexpr std::size_t kInversionSteps = 64;  // P(X > 64) < 1e-30 for mean < 10
constexpr std::array<double, kInversionSteps + 1> kInverse = [] {
  std::array<double, kInversionSteps + 1> inv{};
  for (std::size_t k = 1; k <= kInversionSteps; ++k) inv[k] = 1.0 / static_cast<double>(k);
  return inv;
}();

/// P(X = k) from P(X = k − 1): the one recurrence both Poisson samplers use.
double next_probability(double previous, double mean, std::size_t k) { return previous * (mean * kInverse[k]); }

/// The search, with P(X = k) = next(P(X = k − 1), k) from P(X = 0) = p0. A uniform left
/// above the computed mass by rounding (~1e-16 of draws) is drawn again.
template <class Next>
std::int64_t poisson_inversion(Rng& rng, double p0, Next next) {
  for (;;) {
    double u = rng.uniform();
    double p = p0;
    for (std::size_t k = 0;; ++k) {
      if (u <= p) return static_cast<std::int64_t>(k);
      if (k == kInversionSteps) break;
      u -= p;
      p = next(p, k + 1);
    }
  }
}

// PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12 (1993) 39–45. Same constants as numpy.
std::int64_t poisson_ptrs(Rng& rng, double lam) {
  const double slam = std::sqrt(lam);
  const double loglam = std::log(lam);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform() - 0.5;
    const double v = rng.uniform();
    const double us = 0.5 - std::fabs(u);
    const auto k = static_cast<std::int64_t>(std::floor((2.0 * a / us + b) * u + lam + 0.43));
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const double kd = static_cast<double>(k);
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <= -lam + kd * loglam - std::lgamma(kd + 1.0))
      return k;
  }
}

// Sequential-search inversion from 0 (Kachitvichyanukul & Schmeiser's BINV).
std::int64_t binomial_inversion(Rng& rng, std::int64_t n, double p) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = static_cast<double>(n + 1) * s;
  double r = power(q, static_cast<double>(n));
  double u = rng.uniform();
  std::int64_t x = 0;
  while (u > r) {
    u -= r;
    ++x;
    if (x > n) {  // rounding left u above the total mass; restart
      x = 0;
      r = power(q, static_cast<double>(n));
      u = rng.uniform();
      continue;
    }
    r *= a / static_cast<double>(x) - s;
  }
  return x;
}

// log(k!) minus its Stirling approximation (k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2:
// exact values for k <= 9, the asymptotic series in 1/(k + 1) beyond (error < 1e-10
// there). Hörmann (1993), §3; the same table as TensorFlow and JAX.
double stirling_tail(double k) {
  static constexpr double kTail[] = {0.0810614667953272,  0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                                     0.0166446911898211,  0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                                     0.00925546218271273, 0.00833056343336287};
  if (k <= 9.0) return kTail[static_cast<int>(k)];
  const double kp1 = k + 1.0;
  const double kp1sq = kp1 * kp1;
  return (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / kp1sq) / kp1sq) / kp1;
}

// BTRS: W. Hörmann, "The generation of binomial random variates", J. Statist. Comput.
// Simul. 46 (1993) 101–110 — transformed rejection with a squeeze; exact for n·p >= 10
// with p <= 0.5. Constants and the log f(k)/f(m) bound as in the paper (and in
// TensorFlow's and JAX's _btrs). Two uniforms per trial, about 1.2 trials per draw.
std::int64_t binomial_btrs(Rng& rng, std::int64_t n, double p) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double vr = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double lpq = std::log(p / q);
  const double m = std::floor((nd + 1.0) * p);  // the mode
  const double h =
      (m + 0.5) * std::log((m + 1.0) / (nd - m + 1.0)) - (m + 0.5) * lpq + stirling_tail(m) + stirling_tail(nd - m);
  for (;;) {
    const double u = rng.uniform() - 0.5;
    double v = rng.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(k);  // squeeze
    if (k < 0.0 || k > nd) continue;
    v = std::log(v * alpha / (a / (us * us) + b));
    // log(f(k) / f(m)) for the binomial pmf f, via Stirling with the tail correction.
    const double bound = h + (nd + 1.0) * std::log((nd - m + 1.0) / (nd - k + 1.0)) +
                         (k + 0.5) * (std::log((nd - k + 1.0) / (k + 1.0)) + lpq) - stirling_tail(k) -
                         stirling_tail(nd - k);
    if (v <= bound) return static_cast<std::int64_t>(k);
  }
}
}  // namespace

std::int64_t poisson(Rng& rng, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean >= 10.0) return poisson_ptrs(rng, mean);
  return poisson_inversion(rng, std::exp(-mean),
                           [mean](double p, std::size_t k) { return next_probability(p, mean, k); });
}

Poisson::Poisson(double mean) : mean_(mean) {
  if (!(mean > 0.0) || mean >= 10.0) return;
  pmf_.resize(kInversionSteps + 1);
  pmf_[0] = std::exp(-mean);
  for (std::size_t k = 1; k < pmf_.size(); ++k) pmf_[k] = next_probability(pmf_[k - 1], mean, k);
}

std::int64_t Poisson::operator()(Rng& rng) const {
  if (!(mean_ > 0.0)) return 0;
  if (mean_ >= 10.0) return poisson_ptrs(rng, mean_);
  // The table holds what poisson()'s recurrence computes, so the values are the same.
  return poisson_inversion(rng, pmf_[0], [this](double, std::size_t k) { return pmf_[k]; });
}

std::int64_t binomial(Rng& rng, std::int64_t n, double p) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(rng, n, 1.0 - p);
  const double nd = static_cast<double>(n);
  return nd * p < 10.0 ? binomial_inversion(rng, n, p) : binomial_btrs(rng, n, p);
}

std::size_t categorical_cumulative(Rng& rng, std::span<const double> cumulative) {
  const double target = rng.uniform() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
  return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

}  // namespace gunflow
