#pragma once
// Streaming mean/variance (Welford) with pairwise merge (Chan et al. 1979), so
// per-replication values reduce in replication order, one at a time, without the
// cancellation of the naive sum-of-squares formula.
#include <cstdint>

namespace gunflow {

class Accumulator {
 public:
  void add(double x);
  /// Chan, Golub & LeVeque (1979) parallel update; equivalent to adding other's values.
  void merge(const Accumulator& other);

  [[nodiscard]] std::int64_t count() const { return n_; }
  [[nodiscard]] double mean() const { return mean_; }
  /// Sample variance (n - 1 denominator); 0 when count < 2.
  [[nodiscard]] double variance() const;
  [[nodiscard]] double sd() const;

 private:
  std::int64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
};

}  // namespace gunflow
