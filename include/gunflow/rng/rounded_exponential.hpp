#pragma once
// An exponential wait rounded to whole days, lround(−mean · log u), without the log.
//
// A network's next trip is this many days away (at least one). The value is a
// non-increasing step function of the uniform's grid point j (u = Rng::uniform_at(j)),
// so it is k exactly on [B_k, B_(k−1)), where B_k is the first j at which it is at most
// k. The table holds B_k for the k that matter (u down to 2^-16) and a guide from j's top
// bits to the k at each bucket's start, so a draw is a look-up and a short walk instead
// of a log (7% of a replication went to log, a third of it here).
//
// The same value as the formula for every j, not just in law: the breakpoints are found
// by evaluating the formula itself, and a j within kNear grid points of a breakpoint, or
// beyond the table, is evaluated directly — so rounding in log cannot make the two
// disagree near a step (a grid point moves −mean · log u by several ulps, log errs by
// under one). Results stay bit-identical to computing the wait with exponential().
#include <array>
#include <cstdint>
#include <vector>

#include "gunflow/rng/stream.hpp"

namespace gunflow {

class RoundedExponential {
 public:
  /// Mean 1 without a table (every value by the formula).
  RoundedExponential() = default;
  /// mean > 0.
  explicit RoundedExponential(double mean);

  /// lround(exponential(rng, mean)) for the same draw: one 64-bit output of rng.
  std::int64_t operator()(Rng& rng) const { return at(rng.next_u64() >> 12); }
  /// The value at grid point j < 2^52.
  [[nodiscard]] std::int64_t at(std::uint64_t j) const;
  /// The definition: lround(−mean · log(Rng::uniform_at(j))), as the model computed it.
  [[nodiscard]] static std::int64_t formula(double mean, std::uint64_t j);

 private:
  static constexpr int kBucketBits = 8;       // the guide's buckets: j's top 8 of 52 bits
  static constexpr std::uint64_t kNear = 64;  // grid points around a breakpoint evaluated directly
  double mean_ = 1.0;
  std::vector<std::uint64_t> first_at_most_;                // B_k, k = 0 … K
  std::array<std::uint32_t, (1U << kBucketBits)> guide_{};  // min(value at the bucket's first j, K)
};

}  // namespace gunflow
