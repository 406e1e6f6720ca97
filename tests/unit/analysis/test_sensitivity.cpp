// sensitivity.hpp: Morris and Sobol indices from model evaluations, checked on inputs
// whose indices are known exactly. (The end-to-end Ishigami checks, design plus
// analysis, stay in test_sweep_design.cpp: they exercise make_design and analyze_design.)
#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/analysis/sensitivity.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

TEST_CASE("morris_indices: mu* mu and sigma of the elementary effects", "[analysis][sensitivity]") {
  Eigen::MatrixXd effects(4, 3);
  effects << 1, 2, 0,  //
      -1, 2, 0,        //
      3, 2, 0,         //
      -3, 2, 0;
  const MorrisIndices m = morris_indices(effects);
  // Column 0: |EE| mean 2, mean 0, sample sd sqrt((1 + 1 + 9 + 9) / 3).
  CHECK(m.mu_star(0) == Approx(2.0));
  CHECK(m.mu(0) == Approx(0.0).margin(1e-15));
  CHECK(m.sigma(0) == Approx(std::sqrt(20.0 / 3.0)));
  // Column 1: a constant effect (linear input): mu* = mu = 2, sigma 0.
  CHECK(m.mu_star(1) == Approx(2.0));
  CHECK(m.mu(1) == Approx(2.0));
  CHECK(m.sigma(1) == 0.0);
  // Column 2: no effect.
  CHECK(m.mu_star(2) == 0.0);
  // One trajectory: no spread to estimate.
  CHECK(morris_indices(effects.topRows(1)).sigma(0) == 0.0);
}

TEST_CASE("sobol_indices recover the indices of a linear function", "[analysis][sensitivity][statistical]") {
  // f = x1 + 2 x2 + 0 x3 with x_i ~ U(0, 1): Var = 1/12 + 4/12, no interactions, so
  // S1 = ST = (0.2, 0.8, 0) exactly. With N = 20,000 the estimators' standard errors
  // are below 0.01; a margin of 0.05 is over 5 SE (false failure < 1e-6; fixed seed).
  constexpr Eigen::Index kN = 20000;
  Eigen::MatrixXd a(kN, 3), b(kN, 3);
  Rng rng(5, StreamId::kSelfTest, 0, 0, 0);
  for (Eigen::Index r = 0; r < kN; ++r)
    for (Eigen::Index c = 0; c < 3; ++c) {
      a(r, c) = rng.uniform();
      b(r, c) = rng.uniform();
    }
  auto f = [](const Eigen::MatrixXd& x) -> Eigen::VectorXd { return x.col(0) + 2.0 * x.col(1); };
  Eigen::MatrixXd f_ab(kN, 3);
  for (Eigen::Index i = 0; i < 3; ++i) {
    Eigen::MatrixXd ab = a;
    ab.col(i) = b.col(i);
    f_ab.col(i) = f(ab);
  }
  const SobolIndices s = sobol_indices(f(a), f(b), f_ab, 200, 9);
  const double expected[] = {0.2, 0.8, 0.0};
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(s.s1(i) == Approx(expected[i]).margin(0.05));
    CHECK(s.st(i) == Approx(expected[i]).margin(0.05));
    // The bootstrap intervals bracket the estimate and are narrow.
    CHECK(s.s1_low(i) <= s.s1(i));
    CHECK(s.s1(i) <= s.s1_high(i));
    CHECK(s.st_low(i) <= s.st(i));
    CHECK(s.st(i) <= s.st_high(i));
    CHECK(s.s1_high(i) - s.s1_low(i) < 0.1);
  }
  CHECK(s.st(2) == 0.0);  // x3 changes nothing: f_ab(:, 3) == f_a exactly
  // The same seed gives the same intervals; without bootstrap they collapse to the estimate.
  const SobolIndices again = sobol_indices(f(a), f(b), f_ab, 200, 9);
  CHECK(again.s1_low == s.s1_low);
  const SobolIndices none = sobol_indices(f(a), f(b), f_ab, 0, 9);
  CHECK(none.s1_low == none.s1);
  CHECK(none.st_high == none.st);
}

TEST_CASE("sobol_indices of a constant output are zero", "[analysis][sensitivity]") {
  const Eigen::VectorXd c = Eigen::VectorXd::Constant(10, 3.0);
  const SobolIndices s = sobol_indices(c, c, Eigen::MatrixXd::Constant(10, 2, 3.0), 0, 1);
  CHECK(s.s1.isZero());
  CHECK(s.st.isZero());
}
