#pragma once
// Samplers written out here (not <random>'s distributions, whose algorithms are
// implementation-defined) so a seed gives the same numbers with any standard library.
// The short samplers a trip calls several times (bernoulli, exponential, categorical) are
// inline: the samplers and the model are separate translation units, and the calls and
// their lost specialisation (a four-entry categorical) cost 2-3% of a replication.
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "gunflow/rng/stream.hpp"

namespace gunflow {

/// True with probability p (p <= 0: never, p >= 1: always). Always takes one draw, so
/// switching p to or from 0 does not move the draws after it.
inline bool bernoulli(Rng& rng, double p) { return rng.uniform() < p; }
/// Exponential with the given mean.
inline double exponential(Rng& rng, double mean) { return -mean * std::log(rng.uniform()); }
/// The exponential a uniform u in (0, 1) gives.
inline double exponential_at(double u, double mean) { return -mean * std::log(u); }
/// Standard normal (Box–Muller, one value per call).
double standard_normal(Rng& rng);
/// Poisson: inversion by sequential search below mean 10 (one 64-bit draw a value), PTRS
/// (Hörmann 1993) from 10.
std::int64_t poisson(Rng& rng, double mean);
/// Poisson with a mean fixed in advance: the values poisson(rng, mean) gives, with the
/// probabilities it searches (below mean 10) tabled once instead of computed each draw.
class Poisson {
 public:
  explicit Poisson(double mean);
  std::int64_t operator()(Rng& rng) const;

 private:
  double mean_ = 0;
  std::vector<double> pmf_;  // P(X = k), k = 0 … 64, when 0 < mean < 10
};
/// Binomial, exact throughout. With p' = min(p, 1-p) (p > 1/2 samples n - X(n, 1-p)):
/// sequential-search inversion while n·p' < 10; beyond that BTRS, transformed rejection
/// with a squeeze (W. Hörmann, "The generation of binomial random variates",
/// J. Statist. Comput. Simul. 46 (1993) 101–110), log-factorials by Stirling's series
/// with the paper's correction table. Uses only rng.uniform(), two per BTRS trial.
std::int64_t binomial(Rng& rng, std::int64_t n, double p);
/// Index i with probability weights[i] / sum(weights), given that sum (formed in index
/// order). Weights must be >= 0 with a positive sum; linear scan.
inline std::size_t categorical(Rng& rng, std::span<const double> weights, double total);
/// The index a uniform u in (0, 1) picks (what categorical gives when its draw is u).
inline std::size_t categorical_at(double u, std::span<const double> weights, double total) {
  double target = u * total;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    last_positive = i;
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  return last_positive;  // rounding at the top end
}
inline std::size_t categorical(Rng& rng, std::span<const double> weights, double total) {
  return categorical_at(rng.uniform(), weights, total);
}
/// categorical_at, forming the sum.
inline std::size_t categorical_at(double u, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  return categorical_at(u, weights, total);
}
/// The same, forming the sum.
inline std::size_t categorical(Rng& rng, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  return categorical(rng, weights, total);
}
/// Index into a table of cumulative weights (non-decreasing, last > 0); binary search.
std::size_t categorical_cumulative(Rng& rng, std::span<const double> cumulative);

}  // namespace gunflow
