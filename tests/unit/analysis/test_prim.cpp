// prim.hpp: PRIM recovers a box planted in uniform data, and its trajectory measures
// coverage and density as defined.
#include <catch2/catch.hpp>

#include "gunflow/analysis/prim.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

TEST_CASE("PRIM finds the box where the cases are", "[analysis][prim]") {
  // 4,000 uniform points in [0, 1]^3; the cases are exactly the box x0 < 0.3, x1 > 0.6
  // (x2 irrelevant), 12% of the points. Peeling 5% at a time moves a bound in steps of
  // about 0.05 of the remaining range, so the chosen box's bounds land within 0.06 of the
  // planted ones and its density and coverage near 1.
  constexpr Eigen::Index kN = 4000;
  Eigen::MatrixXd x(kN, 3);
  Eigen::VectorXd y(kN);
  Rng rng(3, StreamId::kSelfTest, 0, 0, 0);
  for (Eigen::Index i = 0; i < kN; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = rng.uniform();
    y(i) = (x(i, 0) < 0.3 && x(i, 1) > 0.6) ? 1.0 : 0.0;
  }
  const PrimResult r = prim(x, y, 0.05, 0.05, 0.8);
  REQUIRE(r.trajectory.size() > 2);
  CHECK(r.base_density == Approx(y.mean()));
  CHECK(r.trajectory.front().coverage == 1.0);
  CHECK(r.trajectory.front().mass == 1.0);
  const PrimBox& b = r.trajectory[static_cast<std::size_t>(r.chosen)];
  CHECK(b.coverage >= 0.8);
  CHECK(b.density > 0.9);
  CHECK(b.high(0) == Approx(0.3).margin(0.06));
  CHECK(b.low(1) == Approx(0.6).margin(0.06));
  CHECK(b.low(0) < 0.05);  // unrestricted sides stay at the data's range
  CHECK(b.high(1) > 0.95);
  CHECK(b.high(2) - b.low(2) > 0.7);
  for (std::size_t i = 1; i < r.trajectory.size(); ++i) {  // nested boxes, shrinking mass
    CHECK(r.trajectory[i].mass < r.trajectory[i - 1].mass);
    CHECK(r.trajectory[i].mass >= 0.05);
  }
}

TEST_CASE("PRIM prunes the chosen box to the restrictions that matter", "[analysis][prim]") {
  // 400 points in [0, 1]^12; a point is a case with probability 0.9 where x0 < 0.4 and 0.1
  // elsewhere: only x0 matters. Peeling 5% at a time on 400 points also trims faces of the
  // eleven noise parameters where a few non-cases happen to sit; pruning drops those
  // restrictions (their quasi-p-values are large) and keeps x0's (p far below 0.05).
  constexpr Eigen::Index kN = 400, kDims = 12;
  Eigen::MatrixXd x(kN, kDims);
  Eigen::VectorXd y(kN);
  Rng rng(5, StreamId::kSelfTest, 0, 0, 0);
  for (Eigen::Index i = 0; i < kN; ++i) {
    for (Eigen::Index j = 0; j < kDims; ++j) x(i, j) = rng.uniform();
    y(i) = rng.uniform() < (x(i, 0) < 0.4 ? 0.9 : 0.1) ? 1.0 : 0.0;
  }
  const PrimResult r = prim(x, y);
  const PrimBox& all = r.trajectory.front();
  auto restricted = [&all](const PrimBox& b) {
    int n = 0;
    for (Eigen::Index j = 0; j < b.low.size(); ++j) n += (b.low(j) > all.low(j) || b.high(j) < all.high(j)) ? 1 : 0;
    return n;
  };
  const PrimBox& chosen = r.trajectory[static_cast<std::size_t>(r.chosen)];
  INFO("chosen box restricts " << restricted(chosen) << " parameters");
  CHECK(restricted(chosen) > 1);  // peeling trimmed noise parameters too
  CHECK(restricted(r.pruned) == 1);
  CHECK(r.pruned.high(0) == chosen.high(0));
  CHECK(r.pruned.high(0) == Approx(0.4).margin(0.08));
  CHECK(r.restriction_p(0) < 1e-6);
  for (Eigen::Index j = 1; j < kDims; ++j) CHECK(r.restriction_p(j) == 1.0);
  CHECK(r.pruned.coverage >= chosen.coverage);  // a pruned box holds the chosen one
  CHECK(r.pruned.density > 0.8);
}

TEST_CASE("binomial_upper_tail is P(X >= k)", "[analysis][prim]") {
  CHECK(binomial_upper_tail(10, 3, 0.5) == Approx(968.0 / 1024));  // 1 - (1 + 10 + 45) / 2^10
  CHECK(binomial_upper_tail(10, 10, 0.5) == Approx(1.0 / 1024));
  CHECK(binomial_upper_tail(10, 0, 0.3) == 1.0);
  CHECK(binomial_upper_tail(10, 11, 0.3) == 0.0);
  CHECK(binomial_upper_tail(5, 2, 0.0) == 0.0);
  CHECK(binomial_upper_tail(5, 2, 1.0) == 1.0);
}

TEST_CASE("PRIM measures coverage and density exactly", "[analysis][prim]") {
  // Ten points on a line, cases at 0.7, 0.8, 0.9 and (a stray) 0.1.
  Eigen::MatrixXd x(10, 1);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(10);
  for (Eigen::Index i = 0; i < 10; ++i) x(i, 0) = 0.1 * static_cast<double>(i);
  y(1) = y(7) = y(8) = y(9) = 1;
  const PrimResult r = prim(x, y, 0.1, 0.3, 0.7);
  CHECK(r.base_density == Approx(0.4));
  // Peeling one point at a time from below: the densest box with coverage >= 0.7 is
  // [0.7, 0.9]: three of the four cases (0.75), density 1.
  const PrimBox& b = r.trajectory[static_cast<std::size_t>(r.chosen)];
  CHECK(b.low(0) == Approx(0.7));
  CHECK(b.high(0) == Approx(0.9));
  CHECK(b.coverage == Approx(0.75));
  CHECK(b.density == Approx(1.0));
  CHECK(b.points == 3);
}
