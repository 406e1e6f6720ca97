// emulator.hpp: a regression emulator recovers what it can fit, reads the rest as noise,
// and uses fewer terms when there are few runs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gunflow/analysis/emulator.hpp"
#include "gunflow/rng/distributions.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

namespace {
Eigen::MatrixXd uniform_points(Eigen::Index n, Eigen::Index k, std::uint64_t seed) {
  Rng rng(seed, StreamId::kSelfTest, 0, 0, 0);
  Eigen::MatrixXd u(n, k);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < k; ++j) u(i, j) = rng.uniform();
  return u;
}
}  // namespace

TEST_CASE("RegressionEmulator recovers a quadratic exactly", "[analysis][emulator]") {
  const Eigen::MatrixXd u = uniform_points(40, 2, 1);
  const Eigen::VectorXd y = (3 + 2 * u.col(0).array() - u.col(1).array() + 4 * u.col(0).array().square()).matrix();
  const RegressionEmulator e(u, y);
  CHECK(e.terms() == 6);  // 1, u0, u1, u0², u1² and, with 40 runs, the product u0·u1
  const Eigen::Vector2d at(0.25, 0.8);
  CHECK(e.mean(at) == Approx(3 + 0.5 - 0.8 + 0.25).margin(1e-9));
  CHECK(e.r_squared() == Approx(1.0));
  CHECK(e.residual_sd() < 1e-6);
}

TEST_CASE("RegressionEmulator reads what it cannot fit as noise in its variance", "[analysis][emulator]") {
  // y = 1 + u0 plus normal noise of sd 0.1: the residual sd estimates 0.1 (400 runs: its
  // relative standard error is about 1/sqrt(2 * 395), 3.6%; the tolerance is 4 of them),
  // and the predictive variance is at least the residual variance, more at the cube's
  // corner than at its centre (the coefficients are surer of the middle).
  const Eigen::MatrixXd u = uniform_points(400, 2, 2);
  Rng rng(9, StreamId::kSelfTest, 1, 0, 0);
  Eigen::VectorXd y(400);
  for (Eigen::Index i = 0; i < 400; ++i) y(i) = 1 + u(i, 0) + 0.1 * standard_normal(rng);
  const RegressionEmulator e(u, y);
  CHECK(e.residual_sd() == Approx(0.1).epsilon(0.15));
  const Eigen::Vector2d centre(0.5, 0.5), corner(0.0, 1.0);
  CHECK(e.mean(centre) == Approx(1.5).margin(0.03));
  CHECK(e.variance(centre) >= e.residual_sd() * e.residual_sd());
  CHECK(e.variance(corner) > e.variance(centre));
}

TEST_CASE("RegressionEmulator uses fewer terms with few runs, and needs two", "[analysis][emulator]") {
  // k = 2: quadratic needs 2 * 5 = 10 runs, linear 2 * 3 = 6 (the product, 2 * 6 = 12).
  const Eigen::MatrixXd u = uniform_points(10, 2, 3);
  const Eigen::VectorXd y = u.col(0) + u.col(1);
  CHECK(RegressionEmulator(u.topRows(10), y.head(10)).terms() == 5);
  CHECK(RegressionEmulator(u.topRows(6), y.head(6)).terms() == 3);
  const RegressionEmulator mean_only(u.topRows(5), y.head(5));
  CHECK(mean_only.terms() == 1);
  CHECK(mean_only.mean(Eigen::Vector2d(0.9, 0.9)) == Approx(y.head(5).mean()));
  CHECK_THROWS_AS(RegressionEmulator(u.topRows(1), y.head(1)), std::invalid_argument);
  // A parameter that does not vary among the runs leaves the fit defined.
  Eigen::MatrixXd flat = uniform_points(20, 2, 4);
  flat.col(1).setConstant(0.5);
  const RegressionEmulator e(flat, flat.col(0));
  CHECK(std::isfinite(e.mean(Eigen::Vector2d(0.3, 0.5))));
  CHECK(e.mean(Eigen::Vector2d(0.3, 0.5)) == Approx(0.3).margin(1e-6));
}

TEST_CASE("RegressionEmulator fits the products of the parameters that reach furthest", "[analysis][emulator]") {
  // y = 3·u0·u5 + u3 over 12 parameters: squares alone misfit the product; the emulator
  // ranks parameters by their main effects' reach, so 0, 5 and 3 are among the ten that
  // interact, and the fit is exact (45 products: 25 + 45 = 70 terms, 400 runs).
  const Eigen::MatrixXd u = uniform_points(400, 12, 5);
  const Eigen::VectorXd y = (3 * u.col(0).array() * u.col(5).array() + u.col(3).array()).matrix();
  const RegressionEmulator e(u, y);
  CHECK(e.terms() == 70);
  REQUIRE(e.interacting().size() == 10);
  const auto& in = e.interacting();
  for (const Eigen::Index j : {0, 3, 5}) CHECK(std::find(in.begin(), in.end(), j) != in.end());
  CHECK(e.residual_sd() < 1e-6);
  Eigen::VectorXd at = Eigen::VectorXd::Constant(12, 0.5);
  at(0) = 0.9;
  at(5) = 0.2;
  CHECK(e.mean(at) == Approx(3 * 0.9 * 0.2 + 0.5).margin(1e-8));
  // Fewer runs, fewer products: 60 runs hold 30 terms, so 25 + 3 (three parameters). The
  // three that reach furthest are the three that matter, so the product is still fitted.
  const RegressionEmulator few(u.topRows(60), y.head(60));
  CHECK(few.terms() == 28);
  CHECK(few.interacting() == std::vector<Eigen::Index>{0, 3, 5});
  CHECK(few.residual_sd() < 1e-6);
}
