// ensemble_stats.hpp: weighted quantiles, Spearman, implausibility and the
// identifiability summary on inputs with known answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

TEST_CASE("weighted_quantile and weighted_sd", "[analysis][ensemble]") {
  Eigen::VectorXd x(4), w = Eigen::VectorXd::Ones(4);
  x << 4, 1, 3, 2;
  // Equal weights: mid-points 1/8, 3/8, 5/8, 7/8 of the sorted values 1..4.
  CHECK(weighted_quantile(x, w, 0.5) == Approx(2.5));
  CHECK(weighted_quantile(x, w, 0.125) == Approx(1.0));
  CHECK(weighted_quantile(x, w, 0.0) == 1.0);
  CHECK(weighted_quantile(x, w, 1.0) == 4.0);
  w << 0, 1, 0, 1;  // only the values 1 and 2 count
  CHECK(weighted_quantile(x, w, 0.5) == Approx(1.5));
  CHECK(weighted_quantile(x, w, 0.25) == Approx(1.0));
  CHECK(weighted_sd(x, w) == Approx(std::sqrt(0.5)));  // the sample sd of {1, 2}: n − 1 divisor
  w << 0, 2, 0, 2;                                     // scaling the weights changes nothing
  CHECK(weighted_sd(x, w) == Approx(std::sqrt(0.5)));
  w << 0, 1, 0, 0;  // one value: no spread to estimate
  CHECK(weighted_sd(x, w) == 0.0);
}

TEST_CASE("spearman: monotone, reversed, ties and constants", "[analysis][ensemble]") {
  Eigen::VectorXd x(5), y(5);
  x << 1, 2, 3, 4, 5;
  y << 1, 8, 27, 64, 125;  // monotone, not linear
  CHECK(spearman(x, y) == Approx(1.0));
  CHECK(spearman(x, -y) == Approx(-1.0));
  CHECK(spearman(x, Eigen::VectorXd::Constant(5, 2.0)) == 0.0);
  Eigen::VectorXd t(5);
  t << 1, 1, 2, 2, 3;                                   // ranks 1.5 1.5 3.5 3.5 5
  CHECK(spearman(x, t) == Approx(0.9486832980505138));  // Pearson of (1..5) with the average ranks
}

TEST_CASE("implausibility reads the band as two standard deviations", "[analysis][ensemble]") {
  // Band [90, 110]: sd 5. A mean of 115 is 3 sd away; Monte Carlo variance 11 widens it.
  CHECK(implausibility(115, 0, 90, 110) == Approx(3.0));
  CHECK(implausibility(100, 0, 90, 110) == 0.0);
  CHECK(implausibility(85, 11, 90, 110) == Approx(15.0 / 6.0));
}

TEST_CASE("identifiability: a parameter the targets constrain, and one they do not", "[analysis][ensemble]") {
  // Two parameters uniform on [0, 1]; the one target is p0 (plus nothing of p1); the
  // posterior keeps draws with p0 in [0.4, 0.6]: p0's spread shrinks about five-fold, p1's not.
  constexpr Eigen::Index kN = 2000;
  Eigen::MatrixXd draws(kN, 2), outputs(kN, 1);
  Eigen::VectorXd accepted(kN);
  Rng rng(8, StreamId::kSelfTest, 0, 0, 0);
  for (Eigen::Index i = 0; i < kN; ++i) {
    draws(i, 0) = rng.uniform();
    draws(i, 1) = rng.uniform();
    outputs(i, 0) = 10 * draws(i, 0);
    accepted(i) = std::abs(draws(i, 0) - 0.5) <= 0.1 ? 1.0 : 0.0;
  }
  const double sd = 1.0 / std::sqrt(12.0);
  const std::vector<Identifiability> id = identifiability(draws, outputs, accepted, {sd, sd});
  REQUIRE(id.size() == 2);
  CHECK(id[0].ratio == Approx(0.2).margin(0.02));  // U(0.4, 0.6): sd 0.2 / sqrt 12
  CHECK(id[1].ratio == Approx(1.0).margin(0.1));
  CHECK(id[0].pinned_by == std::vector<int>{0});
  CHECK(id[1].pinned_by.empty());
  CHECK(id[0].rho[0] == Approx(1.0));
  CHECK(identifiability_verdict(id[0]) == std::string("pinned"));
  CHECK(identifiability_verdict(id[1]) == std::string("not pinned"));
  // A target marked uninformative (it rules out no draw) pins nothing, however it correlates.
  CHECK(identifiability(draws, outputs, accepted, {sd, sd}, 0.3, {0}).front().pinned_by.empty());
  CHECK(identifiability(draws, outputs, accepted, {sd, sd}, 0.3, {1}).front().pinned_by == std::vector<int>{0});
  // One kept draw: no spread to estimate, said so (not a ratio of 0 called "not pinned").
  Eigen::VectorXd one = Eigen::VectorXd::Zero(kN);
  one(0) = 1;
  const Identifiability single = identifiability(draws, outputs, one, {sd, sd}).front();
  CHECK(std::isnan(single.ratio_upper));
  CHECK(identifiability_verdict(single) == std::string("too few kept"));
}

TEST_CASE("identifiability: twelve kept draws of an ignored parameter are not called pinned", "[analysis][ensemble]") {
  // A parameter the targets ignore, 12 draws kept at random from its uniform prior: the
  // spread ratio alone falls below 0.8 about one time in ten; the verdict, which allows for
  // the sampling noise of 12 draws, must seldom call it pinned or partly pinned.
  constexpr Eigen::Index kN = 12;
  Rng rng(9, StreamId::kSelfTest, 0, 0, 0);
  int low_ratio = 0, called = 0;
  constexpr int kTrials = 2000;
  for (int trial = 0; trial < kTrials; ++trial) {
    Eigen::MatrixXd draws(kN, 1), outputs = Eigen::MatrixXd::Zero(kN, 1);
    for (Eigen::Index i = 0; i < kN; ++i) draws(i, 0) = rng.uniform();
    const Identifiability id =
        identifiability(draws, outputs, Eigen::VectorXd::Ones(kN), {1.0 / std::sqrt(12.0)}).front();
    low_ratio += id.ratio < 0.8 ? 1 : 0;
    called += identifiability_verdict(id) != std::string("not pinned") ? 1 : 0;
  }
  // A fixed cut-off at 0.8 calls about one in ten of them partly pinned (10.3% in 20,000
  // trials); the bound is below 1 only for a ratio below 0.65, which a one-sided 95% bound
  // allows in at most 5% of trials (1.4% for uniform draws, whose spread varies less).
  CHECK(low_ratio > kTrials / 20);
  CHECK(called < kTrials / 40);
}

TEST_CASE("effect_distribution and p_beats", "[analysis][ensemble]") {
  Eigen::VectorXd e(5), mc(5), w = Eigen::VectorXd::Ones(5);
  e << -4, -3, -2, -1, 1;
  mc << 1, 1, 2, 2, 2;
  const EffectDistribution d = effect_distribution(e, mc, w);
  CHECK(d.median == Approx(-2.0));
  CHECK(d.claimed_sign == -1);
  CHECK(d.p_sign == Approx(0.8));  // four of five sets cut the metric
  CHECK(d.mc_half_width == Approx(2.0));
  CHECK(d.q05 == Approx(-4.0));  // below the first mid-point (0.1): the smallest value
  CHECK(d.q95 == Approx(1.0));
  Eigen::VectorXd b(5);
  b << -5, -2, -2, 0, 2;  // A lower in sets 1, 3, 4 (wins), tie in 2, B lower in 0
  CHECK(p_beats(e, b, w, true) == Approx(3.5 / 5));
  CHECK(p_beats(e, b, w, false) == Approx(1.5 / 5));
  w << 0, 1, 1, 1, 1;  // without set 0: A wins 3, ties 1
  CHECK(p_beats(e, b, w, true) == Approx(3.5 / 4));
}

TEST_CASE("effect_distribution: the claimed sign is the one more weight has, even where the median is 0",
          "[analysis][ensemble]") {
  // A policy that does not move the metric: effects of either sign about equally, and some
  // sets with no effect at all, around which the median lies. The claim is the heavier sign,
  // and P(sign) near one half says it is a coin flip (not the zeros' 10%, as a sign of 0
  // taken from a median of exactly 0 would have said).
  Eigen::VectorXd e(5), mc = Eigen::VectorXd::Ones(5), w(5);
  e << -2, -1, 0, 1, 2;
  w << 22, 22, 10, 23, 23;
  const EffectDistribution d = effect_distribution(e, mc, w);
  CHECK(std::abs(d.median) < 0.1);
  CHECK(d.claimed_sign == 1);
  CHECK(d.p_sign == Approx(0.46));
  w << 23, 23, 10, 22, 22;
  CHECK(effect_distribution(e, mc, w).claimed_sign == -1);
  w << 20, 20, 20, 20, 20;  // both signs alike: none claimed, P(sign) the zeros' share
  CHECK(effect_distribution(e, mc, w).claimed_sign == 0);
  CHECK(effect_distribution(e, mc, w).p_sign == Approx(0.2));
}
