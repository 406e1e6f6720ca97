// history_waves.hpp: a wave's screen, the draws it lets through, and the balance
// heuristic's weights, which keep the pooled draws a sample of what the targets allow even
// where a screen refused part of it.
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

#include "gunflow/analysis/history_waves.hpp"
#include "gunflow/analysis/sweep_design.hpp"
#include "gunflow/rng/distributions.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

namespace {
/// A screen on the first coordinate alone: an emulator fitted exactly to y = u0, and a band
/// [low, high] read as centre ± 2 σ_obs, so with cutoff 3 it allows |u0 − centre| ≤ 0.75 (high − low).
WaveScreen first_coordinate_screen(double low, double high) {
  const std::vector<SweepParameter> cube{{"a", 0, 1, {}}, {"b", 0, 1, {}}, {"c", 0, 1, {}}};
  const Eigen::MatrixXd runs = make_design(DesignKind::kLatinHypercube, cube, 50, 0, 3).points;
  return WaveScreen({RegressionEmulator(runs, runs.col(0))}, {{low, high}}, 3.0);
}
/// The region the "targets" allow: an elliptic cylinder around (0.3, 0.6), half-axes 0.1
/// and 0.15, any third coordinate; 4.7% of the cube.
bool allowed(const Eigen::RowVectorXd& u) {
  const double a = (u(0) - 0.3) / 0.1, b = (u(1) - 0.6) / 0.15;
  return a * a + b * b <= 1;
}
Eigen::MatrixXd keep(const Eigen::MatrixXd& draws) {
  Eigen::MatrixXd kept(0, draws.cols());
  for (Eigen::Index i = 0; i < draws.rows(); ++i)
    if (allowed(draws.row(i))) {
      kept.conservativeResize(kept.rows() + 1, Eigen::NoChange);
      kept.row(kept.rows() - 1) = draws.row(i);
    }
  return kept;
}
}  // namespace

TEST_CASE("WaveScreen allows the points every target's emulated implausibility admits", "[analysis][waves]") {
  const WaveScreen screen = first_coordinate_screen(0.45, 1.05);  // centre 0.75, allows u0 >= 0.3
  CHECK(screen.allows(Eigen::Vector3d(0.31, 0.1, 0.9)));
  CHECK(screen.allows(Eigen::Vector3d(0.99, 0.5, 0.5)));
  CHECK_FALSE(screen.allows(Eigen::Vector3d(0.29, 0.5, 0.5)));
}

TEST_CASE("WaveScreen widens each target's window by what its emulator cannot explain", "[analysis][waves]") {
  // y = u0 plus noise of sd 0.1 over 400 runs: the emulator's variance is about 0.01, so with
  // a band [0.45, 0.55] (sigma_obs 0.025) and cutoff 3 a point is admitted while its
  // emulated mean lies within 3 sqrt(0.025^2 + 0.01), about 0.31, of 0.5, not only within
  // 3 x 0.025 = 0.075 as for an exact emulator.
  const std::vector<SweepParameter> cube{{"a", 0, 1, {}}, {"b", 0, 1, {}}};
  const Eigen::MatrixXd runs = make_design(DesignKind::kLatinHypercube, cube, 400, 0, 4).points;
  Rng rng(8, StreamId::kSelfTest, 2, 0, 0);
  Eigen::VectorXd y(400);
  for (Eigen::Index i = 0; i < 400; ++i) y(i) = runs(i, 0) + 0.1 * standard_normal(rng);
  const WaveScreen screen({RegressionEmulator(runs, y)}, {{0.45, 0.55}}, 3.0);
  CHECK(screen.allows(Eigen::Vector2d(0.5, 0.5)));
  CHECK(screen.allows(Eigen::Vector2d(0.7, 0.5)));
  CHECK_FALSE(screen.allows(Eigen::Vector2d(0.95, 0.5)));
}

TEST_CASE("WaveScreen raises a target's cutoff just enough to admit every draw already kept", "[analysis][waves]") {
  // Two targets, y0 = u0 and y1 = u1, both with band [0.45, 1.05] (centre 0.75, sigma_obs
  // 0.15): at cutoff 3 each allows its coordinate >= 0.3. A kept draw at u0 = 0.2 has
  // implausibility 0.55 / 0.15 = 3.67 on the first target; that target's cutoff becomes
  // 3.67, so the screen admits u0 >= 0.2, and the second target's stays at 3.
  const std::vector<SweepParameter> cube{{"a", 0, 1, {}}, {"b", 0, 1, {}}};
  const Eigen::MatrixXd runs = make_design(DesignKind::kLatinHypercube, cube, 50, 0, 3).points;
  Eigen::MatrixXd admitted(2, 2);
  admitted << 0.2, 0.5,  //
      0.6, 0.9;          // inside: changes nothing
  const WaveScreen screen({RegressionEmulator(runs, runs.col(0)), RegressionEmulator(runs, runs.col(1))},
                          {{0.45, 1.05}, {0.45, 1.05}}, 3.0, admitted);
  REQUIRE(screen.cutoffs().size() == 2);
  CHECK(screen.cutoffs()[0] == Approx(0.55 / 0.15).epsilon(1e-6));
  CHECK(screen.cutoffs()[1] == 3.0);
  CHECK(screen.allows(admitted.row(0).transpose()));
  CHECK(screen.allows(Eigen::Vector2d(0.201, 0.31)));
  CHECK_FALSE(screen.allows(Eigen::Vector2d(0.19, 0.5)));
  CHECK_FALSE(screen.allows(Eigen::Vector2d(0.5, 0.29)));  // the other target is as strict as before
  const WaveScreen plain({RegressionEmulator(runs, runs.col(0)), RegressionEmulator(runs, runs.col(1))},
                         {{0.45, 1.05}, {0.45, 1.05}}, 3.0);
  CHECK_FALSE(plain.allows(admitted.row(0).transpose()));
}

TEST_CASE("A screen that refines an earlier one allows only what both allow", "[analysis][waves]") {
  // The earlier screen allows u0 >= 0.3; the later one's own emulator, fitted to y = u1 on
  // runs inside it, allows u1 >= 0.3 (band [0.45, 1.05]). Together: both, 49% of the cube.
  const auto earlier = std::make_shared<const WaveScreen>(first_coordinate_screen(0.45, 1.05));
  const std::vector<SweepParameter> cube{{"a", 0.3, 1, {}}, {"b", 0, 1, {}}, {"c", 0, 1, {}}};
  const Eigen::MatrixXd runs = make_design(DesignKind::kLatinHypercube, cube, 50, 0, 3).points;
  const WaveScreen later({RegressionEmulator(runs, runs.col(1))}, {{0.45, 1.05}}, 3.0, {}, earlier);
  CHECK(later.allows(Eigen::Vector3d(0.5, 0.5, 0.5)));
  CHECK(later.own_emulators_allow(Eigen::Vector3d(0.1, 0.5, 0.5)));
  CHECK_FALSE(later.allows(Eigen::Vector3d(0.1, 0.5, 0.5)));  // refused by the earlier screen
  CHECK_FALSE(later.allows(Eigen::Vector3d(0.5, 0.1, 0.5)));  // refused by its own emulator
  const ScreenedDraws d = draw_screened(later, 3, 2000, 5, 3, 1000000);
  for (Eigen::Index i = 0; i < d.unit.rows(); ++i) {
    REQUIRE(d.unit(i, 0) >= 0.3);
    REQUIRE(d.unit(i, 1) >= 0.3);
  }
  // Binomial: the share's standard error is about sqrt(0.49 * 0.51 / 4082), 0.008.
  CHECK(d.share() == Approx(0.49).margin(0.04));
  // The balance heuristic sees the nested region: a draw the earlier screen refuses is
  // outside the later wave's proposal too.
  Eigen::MatrixXd kept(2, 3);
  kept << 0.5, 0.5, 0.5,  //
      0.1, 0.5, 0.5;
  const Eigen::VectorXd w = pooled_weights(kept, 100, {&later}, {100}, {0.25});
  CHECK(w(1) == Approx(5 * w(0)));
}

TEST_CASE("draw_screened finds points the screen allows and estimates the region's share", "[analysis][waves]") {
  const WaveScreen screen = first_coordinate_screen(0.45, 1.05);  // u0 in [0.3, 1]: 70% of the cube
  const ScreenedDraws d = draw_screened(screen, 3, 2000, 5, 2, 1000000);
  REQUIRE(d.unit.rows() == 2000);
  for (Eigen::Index i = 0; i < d.unit.rows(); ++i) REQUIRE(d.unit(i, 0) >= 0.3);
  // Binomial: the share's standard error is about sqrt(0.7 * 0.3 / 2857), 0.009.
  CHECK(d.share() == Approx(0.7).margin(0.035));
  CHECK(d.unit.col(1).mean() == Approx(0.5).margin(0.03));              // uniform in the other coordinates
  CHECK(d.unit == draw_screened(screen, 3, 2000, 5, 2, 1000000).unit);  // a function of seed and wave
  CHECK(d.unit != draw_screened(screen, 3, 2000, 5, 3, 1000000).unit);
  const ScreenedDraws capped = draw_screened(screen, 3, 2000, 5, 2, 100);
  CHECK(capped.tried == 100);
  CHECK(capped.unit.rows() < 100);
}

TEST_CASE("pooled_weights: equal where every screen allows a draw, the prior's share of the mixture otherwise",
          "[analysis][waves]") {
  const WaveScreen screen = first_coordinate_screen(0.45, 1.05);
  Eigen::MatrixXd kept(3, 3);
  kept << 0.5, 0.5, 0.5,  //
      0.9, 0.1, 0.2,      //
      0.1, 0.5, 0.5;      // refused by the screen
  const Eigen::VectorXd w = pooled_weights(kept, 100, {&screen}, {100}, {0.25});
  // Inside: 1 / (100 + 100 / 0.25) = 1/500; outside: 1/100, five times as much.
  CHECK(w(0) == Approx(w(1)));
  CHECK(w(2) == Approx(5 * w(0)));
  CHECK(w.sum() == Approx(3.0));
  const Eigen::VectorXd equal = pooled_weights(kept.topRows(2), 100, {&screen}, {100}, {0.25});
  CHECK(equal(0) == 1.0);
  CHECK(equal(1) == 1.0);
}

TEST_CASE(
    "two waves pooled with the balance heuristic's weights are a sample of the allowed region, "
    "even through a screen that cuts it",
    "[analysis][waves]") {
  // The screen refuses u0 < 0.3, half the region. The first wave's 4,000 prior draws keep
  // about 190 points over all of it; the second wave's 4,000, drawn where the screen allows
  // (70% of the cube), keep about 135 in its right half, whose mean u0 is 0.3 + 4 (0.1) /
  // (3 pi) = 0.342. Pooled with equal weights the mean is pulled to about 0.318; with the
  // balance heuristic's it is the region's 0.3. Its standard error, with an effective
  // sample of about 250 and a spread of 0.05, is about 0.003: the tolerance is 0.01.
  const WaveScreen screen = first_coordinate_screen(0.45, 1.05);
  const std::vector<SweepParameter> cube{{"a", 0, 1, {}}, {"b", 0, 1, {}}, {"c", 0, 1, {}}};
  const Eigen::MatrixXd first = keep(make_design(DesignKind::kLatinHypercube, cube, 4000, 0, 11).points);
  const ScreenedDraws second_draws = draw_screened(screen, 3, 4000, 11, 2, 1000000);
  const Eigen::MatrixXd second = keep(second_draws.unit);
  Eigen::MatrixXd pooled(first.rows() + second.rows(), 3);
  pooled << first, second;
  INFO("kept " << first.rows() << " then " << second.rows() << "; share " << second_draws.share());
  const Eigen::VectorXd w = pooled_weights(pooled, 4000, {&screen}, {4000}, {second_draws.share()});
  const double weighted = pooled.col(0).dot(w) / w.sum();
  CHECK(weighted == Approx(0.3).margin(0.01));
  CHECK(pooled.col(0).mean() > weighted + 0.01);  // what equal weights would have said
  CHECK(pooled.col(1).dot(w) / w.sum() == Approx(0.6).margin(0.015));
}

TEST_CASE("An emulator check counts the runs within three predictive standard deviations", "[analysis][waves]") {
  // Fitted to y = u0 + noise of sd 0.1 on 200 runs, an emulator predicts 400 new runs of the
  // same model within 3 sd nearly always (normal errors: 99.7%; 400 runs: the tolerance,
  // 0.98, is more than 5 binomial sd below), with an error near the noise's sd.
  const std::vector<SweepParameter> cube{{"a", 0, 1, {}}, {"b", 0, 1, {}}};
  const Eigen::MatrixXd runs = make_design(DesignKind::kLatinHypercube, cube, 200, 0, 7).points;
  const Eigen::MatrixXd fresh = make_design(DesignKind::kLatinHypercube, cube, 400, 0, 8).points;
  Rng rng(11, StreamId::kSelfTest, 0, 0, 0);
  const auto model = [&rng](const Eigen::MatrixXd& u, double slope) {
    Eigen::MatrixXd y(u.rows(), 1);
    for (Eigen::Index i = 0; i < u.rows(); ++i) y(i, 0) = slope * u(i, 0) + 0.1 * standard_normal(rng);
    return y;
  };
  const WaveScreen screen({RegressionEmulator(runs, model(runs, 1.0).col(0))}, {{0.4, 0.6}}, 3.0);
  const std::vector<EmulatorCheck> honest = check_emulators(screen, fresh, model(fresh, 1.0));
  REQUIRE(honest.size() == 1);
  CHECK(honest[0].within_3sd >= 0.98);
  CHECK(honest[0].rmse == Approx(0.1).epsilon(0.2));
  // Runs of another model (slope 2) fall outside for most points: the check shows an
  // emulator surer than the model it stands in for.
  const std::vector<EmulatorCheck> wrong = check_emulators(screen, fresh, model(fresh, 2.0));
  CHECK(wrong[0].within_3sd < 0.7);
  CHECK(wrong[0].rmse > 0.4);
  CHECK(check_emulators(screen, Eigen::MatrixXd(0, 2), Eigen::MatrixXd(0, 1)).empty());
  CHECK_THROWS_AS(check_emulators(screen, fresh, Eigen::MatrixXd(400, 2)), std::invalid_argument);
}
