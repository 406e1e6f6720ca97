// bounded_minimize.hpp: NLopt finds known minima, respects the box, counts evaluations
// and is deterministic.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "gunflow/analysis/bounded_minimize.hpp"

using namespace gunflow;

TEST_CASE("bounded_minimize finds the minimum of a quadratic and of Rosenbrock", "[analysis][calibrate]") {
  const auto quad = [](const Eigen::VectorXd& x) {
    return (x(0) - 1.5) * (x(0) - 1.5) + 3 * (x(1) + 0.5) * (x(1) + 0.5);
  };
  const Eigen::Vector2d lo(-5, -5), hi(5, 5);
  MinimizeResult r = bounded_minimize(quad, Eigen::Vector2d(0, 0), Eigen::Vector2d(1, 1), lo, hi, 500, 1e-14);
  CHECK(r.algorithm == std::string("BOBYQA"));
  CHECK(r.converged);
  CHECK(r.x(0) == Approx(1.5).margin(1e-4));
  CHECK(r.x(1) == Approx(-0.5).margin(1e-4));
  CHECK(r.evaluations <= 500);
  const auto rosen = [](const Eigen::VectorXd& x) {
    return 100 * (x(1) - x(0) * x(0)) * (x(1) - x(0) * x(0)) + (1 - x(0)) * (1 - x(0));
  };
  r = bounded_minimize(rosen, Eigen::Vector2d(-1.2, 1), Eigen::Vector2d(0.5, 0.5), lo, hi, 3000, 1e-16);
  CHECK(r.x(0) == Approx(1.0).margin(1e-3));
  CHECK(r.x(1) == Approx(1.0).margin(1e-3));
}

TEST_CASE("bounded_minimize stays in the box and stops at the budget", "[analysis][calibrate]") {
  int calls = 0;
  const auto f = [&](const Eigen::VectorXd& x) {
    ++calls;
    CHECK(x(0) >= 0.0);  // never evaluated outside the box
    CHECK(x(0) <= 1.0);
    return -x(0) - 0.1 * x(1) * x(1);  // wants x0 -> +inf, |x1| -> max
  };
  const Eigen::Vector2d lo(0, -1), hi(1, 2);
  const MinimizeResult r =
      bounded_minimize(f, Eigen::Vector2d(0.2, 0.1), Eigen::Vector2d(0.1, 0.1), lo, hi, 200, 1e-12);
  CHECK(r.x(0) == Approx(1.0));
  CHECK(r.x(1) == Approx(2.0));
  CHECK(r.evaluations == calls);
  const MinimizeResult capped =
      bounded_minimize(f, Eigen::Vector2d(0.2, 0.1), Eigen::Vector2d(0.1, 0.1), lo, hi, 7, 1e-12);
  CHECK(capped.evaluations == 7);
  CHECK_FALSE(capped.converged);
}

TEST_CASE("bounded_minimize in one dimension uses Sbplx", "[analysis][calibrate]") {
  const auto f = [](const Eigen::VectorXd& x) { return (x(0) - 0.3) * (x(0) - 0.3); };
  const MinimizeResult r = bounded_minimize(f, Eigen::VectorXd::Constant(1, 0.9), Eigen::VectorXd::Constant(1, 0.2),
                                            Eigen::VectorXd::Zero(1), Eigen::VectorXd::Ones(1), 300, 1e-14);
  CHECK(r.algorithm == std::string("Sbplx"));
  CHECK(r.x(0) == Approx(0.3).margin(1e-4));
}

TEST_CASE("bounded_minimize is deterministic and passes exceptions on", "[analysis][calibrate]") {
  const auto f = [](const Eigen::VectorXd& x) { return std::pow(x(0) - 0.2, 2) + std::pow(x(1) - 0.7, 4) + x(2); };
  const Eigen::Vector3d lo(0, 0, 0), hi(1, 1, 1), start(0.5, 0.5, 0.5), step(0.15, 0.15, 0.15);
  const MinimizeResult a = bounded_minimize(f, start, step, lo, hi, 40, 1e-6);
  const MinimizeResult b = bounded_minimize(f, start, step, lo, hi, 40, 1e-6);
  CHECK(a.x == b.x);  // bit for bit: an interrupted calibration replays its trace
  CHECK(a.evaluations == b.evaluations);
  int calls = 0;
  const auto failing = [&](const Eigen::VectorXd&) -> double {
    if (++calls == 3) throw std::invalid_argument("evaluation failed");
    return 1.0;
  };
  CHECK_THROWS_AS(bounded_minimize(failing, start, step, lo, hi, 40, 1e-6), std::invalid_argument);
  CHECK(calls == 3);
}
