#include "gunflow/tally/accumulator.hpp"

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "gunflow/rng/stream.hpp"

using gunflow::Accumulator;

namespace {

Accumulator accumulate(const std::vector<double>& xs, std::size_t begin, std::size_t end) {
  Accumulator acc;
  for (std::size_t i = begin; i < end; ++i) acc.add(xs[i]);
  return acc;
}

// Reference: two-pass algorithm (mean first, then squared deviations). Numerically
// sound because the deviations are formed from the final mean.
double two_pass_variance(const std::vector<double>& xs) {
  double sum = 0.0;
  for (double x : xs) sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  double ss = 0.0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(xs.size() - 1);
}

// The textbook formula this class exists to avoid: (Σx² − (Σx)²/n) / (n − 1).
double naive_variance(const std::vector<double>& xs) {
  double sum = 0.0;
  double sum_sq = 0.0;
  for (double x : xs) {
    sum += x;
    sum_sq += x * x;
  }
  const double n = static_cast<double>(xs.size());
  return (sum_sq - sum * sum / n) / (n - 1.0);
}

// 1e9 plus Uniform(0, 1) noise: the variance (≈ 1/12) is 19 orders of magnitude below
// Σx² ≈ n·1e18, so the naive formula keeps none of its digits.
std::vector<double> offset_data(std::size_t n) {
  gunflow::Rng rng(12345, gunflow::StreamId::kSelfTest, 0, 0, 0);
  std::vector<double> xs(n);
  for (auto& x : xs) x = 1e9 + rng.uniform();
  return xs;
}

}  // namespace

TEST_CASE("Accumulator empty and single-value cases", "[tally][accumulator]") {
  Accumulator acc;
  CHECK(acc.count() == 0);
  CHECK(acc.mean() == 0.0);
  CHECK(acc.variance() == 0.0);
  CHECK(acc.sd() == 0.0);

  acc.add(-3.25);
  CHECK(acc.count() == 1);
  CHECK(acc.mean() == -3.25);
  CHECK(acc.variance() == 0.0);  // undefined for n = 1; the header promises 0
  CHECK(acc.sd() == 0.0);
}

TEST_CASE("Accumulator matches hand-computed moments", "[tally][accumulator]") {
  // {2,4,4,4,5,5,7,9}: mean 40/8 = 5, Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32, so the sample
  // variance is 32/7 (analytic).
  Accumulator acc;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) acc.add(x);
  CHECK(acc.count() == 8);
  CHECK(acc.mean() == Approx(5.0).epsilon(1e-15));
  CHECK(acc.variance() == Approx(32.0 / 7.0).epsilon(1e-15));
  CHECK(acc.sd() == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
}

TEST_CASE("Accumulator survives a huge offset where the naive formula fails", "[tally][accumulator]") {
  const auto xs = offset_data(10'000);
  const double reference = two_pass_variance(xs);
  const Accumulator acc = accumulate(xs, 0, xs.size());

  // The data really are a stress case: Uniform(0,1) has variance 1/12, and the naive
  // formula is wrong by more than the variance itself.
  CHECK(reference == Approx(1.0 / 12.0).epsilon(0.05));
  CHECK(std::abs(naive_variance(xs) - reference) > reference);

  // Welford's per-step rounding is ~ulp(1e9) ≈ 1.2e-7 on each deviation, so agreement
  // to 1e-6 relative on a variance of 0.083 is what the algorithm guarantees here.
  CHECK(acc.variance() == Approx(reference).epsilon(1e-6));
  CHECK(acc.mean() - 1e9 == Approx(0.5).epsilon(0.02));
}

TEST_CASE("Accumulator merge equals adding every value", "[tally][accumulator]") {
  const auto xs = offset_data(1'001);  // odd size: unequal halves
  const Accumulator all = accumulate(xs, 0, xs.size());

  SECTION("two halves") {
    Accumulator merged = accumulate(xs, 0, 500);
    merged.merge(accumulate(xs, 500, xs.size()));
    CHECK(merged.count() == all.count());
    CHECK(merged.mean() == Approx(all.mean()).epsilon(1e-12));
    // The variance carries the 1e9 offset's rounding (see the test above), so the
    // comparison is against the exact two-pass value at the same level as `all`.
    CHECK(merged.variance() == Approx(two_pass_variance(xs)).epsilon(1e-6));
  }

  SECTION("many uneven chunks, in order") {
    Accumulator merged;
    for (std::size_t begin = 0, len = 1; begin < xs.size(); begin += len, len = len * 2 + 1) {
      merged.merge(accumulate(xs, begin, std::min(xs.size(), begin + len)));
    }
    CHECK(merged.count() == all.count());
    CHECK(merged.mean() == Approx(all.mean()).epsilon(1e-12));
    CHECK(merged.variance() == Approx(two_pass_variance(xs)).epsilon(1e-6));
  }
}

TEST_CASE("Accumulator merge on well-scaled data agrees to 1e-12", "[tally][accumulator]") {
  // Without a large offset both paths are accurate to a few ulps, so any algebra slip
  // in the Chan update (a wrong n_a·n_b/n weight, say) shows up far above 1e-12.
  gunflow::Rng rng(777, gunflow::StreamId::kSelfTest, 1, 0, 0);
  std::vector<double> xs(2'000);
  for (auto& x : xs) x = 10.0 * rng.uniform() - 3.0;
  const Accumulator all = accumulate(xs, 0, xs.size());
  Accumulator merged = accumulate(xs, 0, 700);
  merged.merge(accumulate(xs, 700, xs.size()));
  CHECK(merged.count() == 2'000);
  CHECK(merged.mean() == Approx(all.mean()).epsilon(1e-12));
  CHECK(merged.variance() == Approx(all.variance()).epsilon(1e-12));
  CHECK(merged.variance() == Approx(two_pass_variance(xs)).epsilon(1e-12));
}

TEST_CASE("Accumulator merge with empty accumulators is the identity", "[tally][accumulator]") {
  Accumulator some;
  for (double x : {1.0, 2.0, 6.0}) some.add(x);

  Accumulator left;  // empty.merge(some) copies some
  left.merge(some);
  CHECK(left.count() == 3);
  CHECK(left.mean() == some.mean());
  CHECK(left.variance() == some.variance());

  Accumulator right = some;  // some.merge(empty) changes nothing
  right.merge(Accumulator{});
  CHECK(right.count() == 3);
  CHECK(right.mean() == some.mean());
  CHECK(right.variance() == some.variance());

  Accumulator none;
  none.merge(Accumulator{});
  CHECK(none.count() == 0);
  CHECK(none.variance() == 0.0);
}
