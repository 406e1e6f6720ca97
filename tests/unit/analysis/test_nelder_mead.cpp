// nelder_mead.hpp: finds known minima, respects the box.
#include <catch2/catch.hpp>

#include "gunflow/analysis/nelder_mead.hpp"

using namespace gunflow;

TEST_CASE("Nelder-Mead finds the minimum of a quadratic and of Rosenbrock", "[engine][calibrate]") {
  const auto quad = [](const Eigen::VectorXd& x) {
    return (x(0) - 1.5) * (x(0) - 1.5) + 3 * (x(1) + 0.5) * (x(1) + 0.5);
  };
  const Eigen::Vector2d lo(-5, -5), hi(5, 5);
  NelderMeadResult r = nelder_mead(quad, Eigen::Vector2d(0, 0), Eigen::Vector2d(1, 1), lo, hi, 500, 1e-12);
  CHECK(r.x(0) == Approx(1.5).margin(1e-4));
  CHECK(r.x(1) == Approx(-0.5).margin(1e-4));
  const auto rosen = [](const Eigen::VectorXd& x) {
    return 100 * (x(1) - x(0) * x(0)) * (x(1) - x(0) * x(0)) + (1 - x(0)) * (1 - x(0));
  };
  r = nelder_mead(rosen, Eigen::Vector2d(-1.2, 1), Eigen::Vector2d(0.5, 0.5), lo, hi, 2000, 1e-14);
  CHECK(r.x(0) == Approx(1.0).margin(1e-3));
  CHECK(r.x(1) == Approx(1.0).margin(1e-3));
}

TEST_CASE("Nelder-Mead stays in the box", "[engine][calibrate]") {
  const auto f = [](const Eigen::VectorXd& x) { return -x(0); };  // wants x -> +inf
  const NelderMeadResult r =
      nelder_mead(f, Eigen::VectorXd::Constant(1, 0.2), Eigen::VectorXd::Constant(1, 0.1),
                  Eigen::VectorXd::Constant(1, 0.0), Eigen::VectorXd::Constant(1, 1.0), 200, 1e-12);
  CHECK(r.x(0) == Approx(1.0));
}
