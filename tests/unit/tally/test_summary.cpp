#include "gunflow/tally/summary.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

using gunflow::quantile_sorted;
using gunflow::summarize;
using gunflow::t_quantile;

TEST_CASE("t_quantile matches scipy.stats.t.ppf", "[tally][summary]") {
  // Expected values come from scipy.stats.t.ppf(0.975, dof), the two-sided 95% point,
  // as quoted in OpenMC's tests. scipy's dof = 9 value is itself off by 2.5e-11
  // relative: the A&S 26.7.3 closed form for odd dof and a 50-digit Boost evaluation
  // both give 2.26215716279820551 (see the next test), hence the 1e-10 tolerance.
  CHECK(t_quantile(0.95, 1) == Approx(12.706204736174698).epsilon(1e-10));
  CHECK(t_quantile(0.95, 9) == Approx(2.2621571627409915).epsilon(1e-10));
  CHECK(t_quantile(0.95, 1000) == Approx(1.962339).epsilon(1e-6));
}

TEST_CASE("t_quantile matches closed forms", "[tally][summary]") {
  // dof = 1 is the Cauchy distribution: t_{1-a/2} = tan(pi (1 - a)/2) (analytic).
  CHECK(t_quantile(0.95, 1) == Approx(std::tan(std::numbers::pi * 0.475)).epsilon(1e-14));
  CHECK(t_quantile(0.5, 1) == Approx(1.0).epsilon(1e-14));  // tan(pi/4)
  // dof = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)) inverts to t = c·sqrt(2 / (1 - c^2))
  // for two-sided confidence c (analytic); c = 0.9 gives 0.9·sqrt(2/0.19).
  CHECK(t_quantile(0.9, 2) == Approx(0.9 * std::sqrt(2.0 / 0.19)).epsilon(1e-14));
  // dof = 9 from A&S 26.7.3 evaluated at 50 digits with Boost.Multiprecision.
  CHECK(t_quantile(0.95, 9) == Approx(2.26215716279820551).epsilon(1e-14));
  // Large dof tends to the normal quantile 1.959963984540054 (Phi^-1(0.975)).
  CHECK(t_quantile(0.95, 10'000'000) == Approx(1.959963984540054).epsilon(1e-6));
}

TEST_CASE("t_quantile rejects meaningless arguments", "[tally][summary]") {
  CHECK_THROWS_AS(t_quantile(0.95, 0), std::invalid_argument);
  CHECK_THROWS_AS(t_quantile(0.0, 5), std::invalid_argument);
  CHECK_THROWS_AS(t_quantile(1.0, 5), std::invalid_argument);
  CHECK_THROWS_AS(t_quantile(std::numeric_limits<double>::quiet_NaN(), 5), std::invalid_argument);
}

TEST_CASE("quantile_sorted matches numpy.percentile (linear)", "[tally][summary]") {
  // Expected values are numpy.percentile(x, 100 p) worked by hand with numpy's default
  // "linear" rule (Hyndman & Fan type 7): h = (n - 1) p, x[floor h] + frac(h)·gap.
  const std::vector<double> a{1.0, 2.0, 3.0, 4.0};
  CHECK(quantile_sorted(a, 0.0) == 1.0);                           // h = 0
  CHECK(quantile_sorted(a, 0.05) == Approx(1.15).epsilon(1e-12));  // h = 0.15
  CHECK(quantile_sorted(a, 0.25) == Approx(1.75).epsilon(1e-12));  // h = 0.75
  CHECK(quantile_sorted(a, 0.5) == Approx(2.5).epsilon(1e-12));    // h = 1.5
  CHECK(quantile_sorted(a, 0.95) == Approx(3.85).epsilon(1e-12));  // h = 2.85
  CHECK(quantile_sorted(a, 1.0) == 4.0);                           // h = 3

  const std::vector<double> b{1.0, 3.0, 7.0, 15.0, 31.0};
  CHECK(quantile_sorted(b, 0.3) == Approx(3.8).epsilon(1e-12));   // h = 1.2: 3 + 0.2·4
  CHECK(quantile_sorted(b, 0.5) == 7.0);                          // h = 2
  CHECK(quantile_sorted(b, 0.9) == Approx(24.6).epsilon(1e-12));  // h = 3.6: 15 + 0.6·16

  const std::vector<double> c{-2.5, 0.5};
  CHECK(quantile_sorted(c, 0.1) == Approx(-2.2).epsilon(1e-12));  // h = 0.1: -2.5 + 0.1·3

  const std::vector<double> d{10.0};
  CHECK(quantile_sorted(d, 0.0) == 10.0);
  CHECK(quantile_sorted(d, 0.37) == 10.0);
  CHECK(quantile_sorted(d, 1.0) == 10.0);
}

TEST_CASE("quantile_sorted rejects empty input and bad probabilities", "[tally][summary]") {
  const std::vector<double> empty;
  const std::vector<double> one{1.0};
  CHECK_THROWS_AS(quantile_sorted(empty, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(quantile_sorted(one, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(quantile_sorted(one, 1.1), std::invalid_argument);
  CHECK_THROWS_AS(quantile_sorted(one, std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST_CASE("summarize of a hand-worked sample", "[tally][summary]") {
  // {2,4,4,4,5,5,7,9} in a scrambled "replication order": mean 5, sample variance 32/7
  // (analytic). Type-7 quantiles of the sorted values: h = 7p, so q05 at h = 0.35 is
  // 2 + 0.35·2 = 2.7, q50 at h = 3.5 is 4.5, q95 at h = 6.65 is 7 + 0.65·2 = 8.3.
  const std::vector<double> values{5.0, 9.0, 2.0, 4.0, 7.0, 4.0, 5.0, 4.0};
  const auto s = summarize(values);
  CHECK(s.n == 8);
  CHECK(s.mean == Approx(5.0).epsilon(1e-15));
  CHECK(s.sd == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-14));
  // t_{0.975, 7} = 2.36462425159278530: A&S 26.7.3 closed form for odd dof solved by
  // bisection, matching Boost at 50 digits.
  const double half = 2.3646242515927853 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(s.ci_low == Approx(5.0 - half).epsilon(1e-13));
  CHECK(s.ci_high == Approx(5.0 + half).epsilon(1e-13));
  CHECK(s.q05 == Approx(2.7).epsilon(1e-12));
  CHECK(s.q50 == Approx(4.5).epsilon(1e-12));
  CHECK(s.q95 == Approx(8.3).epsilon(1e-12));

  // The caller's replication order is left alone.
  CHECK(values == std::vector<double>{5.0, 9.0, 2.0, 4.0, 7.0, 4.0, 5.0, 4.0});
}

TEST_CASE("summarize confidence level widens the interval", "[tally][summary]") {
  const std::vector<double> values{1.0, 2.0, 3.0, 4.0, 5.0};
  const auto s95 = summarize(values);
  const auto s99 = summarize(values, 0.99);
  const auto s50 = summarize(values, 0.5);
  CHECK(s99.ci_low < s95.ci_low);
  CHECK(s95.ci_low < s50.ci_low);
  CHECK(s50.ci_high < s95.ci_high);
  CHECK(s95.ci_high < s99.ci_high);
  // Symmetric around the mean.
  CHECK(s99.ci_high - s99.mean == Approx(s99.mean - s99.ci_low).epsilon(1e-12));
}

TEST_CASE("summarize with fewer than two values", "[tally][summary]") {
  const std::vector<double> empty;
  const auto s0 = summarize(empty);
  CHECK(s0.n == 0);
  CHECK(s0.mean == 0.0);
  CHECK(s0.sd == 0.0);
  CHECK(s0.ci_low == 0.0);
  CHECK(s0.ci_high == 0.0);

  const std::vector<double> one{42.5};
  const auto s1 = summarize(one);
  CHECK(s1.n == 1);
  CHECK(s1.mean == 42.5);
  CHECK(s1.sd == 0.0);
  CHECK(s1.ci_low == 42.5);
  CHECK(s1.ci_high == 42.5);
  CHECK(s1.q05 == 42.5);
  CHECK(s1.q50 == 42.5);
  CHECK(s1.q95 == 42.5);
}

TEST_CASE("summarize of identical values has zero width", "[tally][summary]") {
  const std::vector<double> values(17, 3.0);
  const auto s = summarize(values);
  CHECK(s.n == 17);
  CHECK(s.mean == 3.0);
  CHECK(s.sd == 0.0);
  CHECK(s.ci_low == 3.0);
  CHECK(s.ci_high == 3.0);
  CHECK(s.q05 == 3.0);
  CHECK(s.q95 == 3.0);
}

TEST_CASE("summarize propagates NaN instead of sorting it", "[tally][summary]") {
  const std::vector<double> values{1.0, std::numeric_limits<double>::quiet_NaN(), 3.0};
  const auto s = summarize(values);
  CHECK(s.n == 3);
  CHECK(std::isnan(s.mean));
  CHECK(std::isnan(s.q05));
  CHECK(std::isnan(s.q50));
  CHECK(std::isnan(s.q95));
}
