// history_waves.hpp: the box a later wave draws in, its Latin hypercube, the check for
// kept draws near its edge, and what the waves are for: pooled with equal weights, the
// kept draws of two waves are a uniform sample of the region the targets allow.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "gunflow/analysis/history_waves.hpp"
#include "gunflow/analysis/sweep_design.hpp"

using namespace gunflow;

namespace {
/// A region the "targets" allow, in the unit cube: an elliptic cylinder around (0.3, 0.6)
/// in the first two coordinates (half-axes 0.1 and 0.15), any value of the third.
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
Eigen::MatrixXd stack(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd m(a.rows() + b.rows(), a.cols());
  m << a, b;
  return m;
}
}  // namespace

TEST_CASE("wave_box widens the kept draws' range by the margin, within the unit cube", "[analysis][waves]") {
  Eigen::MatrixXd kept(3, 2);
  kept << 0.30, 0.05,  //
      0.50, 0.90,      //
      0.40, 0.50;
  const WaveBox box = wave_box(kept, 0.1);
  CHECK(box.low(0) == Approx(0.2));
  CHECK(box.high(0) == Approx(0.6));
  CHECK(box.low(1) == 0.0);  // 0.05 - 0.1, cut at the prior's limit
  CHECK(box.high(1) == 1.0);
  CHECK(box.probability() == Approx(0.4));
  CHECK(whole_cube(3).probability() == 1.0);
}

TEST_CASE("draw_in_box: a Latin hypercube in the box; the first wave's is the prior's own", "[analysis][waves]") {
  // Wave 1 over the whole cube draws exactly the design draw_prior maps to parameters.
  const std::vector<SweepParameter> unit{{"a", 0, 1, {}}, {"b", 0, 1, {}}};
  CHECK(draw_in_box(whole_cube(2), 12, 7, 1) == make_design(DesignKind::kLatinHypercube, unit, 12, 0, 7).points);
  WaveBox box{Eigen::Vector2d(0.2, 0.5), Eigen::Vector2d(0.4, 1.0)};
  const Eigen::MatrixXd d = draw_in_box(box, 10, 7, 2);
  CHECK(d != draw_in_box(box, 10, 7, 3));  // each wave its own design
  for (Eigen::Index j = 0; j < 2; ++j) {
    std::vector<int> strata;
    for (Eigen::Index i = 0; i < d.rows(); ++i) {
      REQUIRE(d(i, j) >= box.low(j));
      REQUIRE(d(i, j) <= box.high(j));
      strata.push_back(static_cast<int>((d(i, j) - box.low(j)) / (box.high(j) - box.low(j)) * 10));
    }
    std::sort(strata.begin(), strata.end());
    for (int s = 0; s < 10; ++s) CHECK(strata[static_cast<std::size_t>(s)] == s);  // one draw per stratum
  }
}

TEST_CASE("kept_near_edge counts kept draws near the sides a margin put there, not the prior's limits",
          "[analysis][waves]") {
  WaveBox box{Eigen::Vector2d(0.2, 0.0), Eigen::Vector2d(0.6, 1.0)};
  Eigen::MatrixXd kept(4, 2);
  kept << 0.21, 0.001,  // near the low side of the first; at the prior's limit of the second
      0.59, 0.999,      // near the high side of the first
      0.40, 0.5,        //
      0.24, 0.5;        // 0.04 from the side: outside a band of 0.1 / 4
  const std::vector<std::size_t> near = kept_near_edge(box, kept, 0.1);
  CHECK(near == std::vector<std::size_t>{2, 0});
}

TEST_CASE("two waves pooled with equal weights are a uniform sample of the allowed region, with more kept draws",
          "[analysis][waves]") {
  // Uniform on the region, the first two coordinates have means 0.3 and 0.6 and standard
  // deviations 0.05 and 0.075 (half the half-axes), the third mean 0.5 and sd 0.289. The
  // region is 4.7% of the cube, so 400 draws from the whole prior keep about 19; the second
  // wave draws in a box of about 0.2 of the cube and keeps about a quarter of its 400. With
  // about 110 pooled draws the standard errors of the means are 0.005, 0.007 and 0.028:
  // the tolerances are four of them (the seeds are fixed, so this either holds or not).
  const Eigen::MatrixXd first = keep(draw_in_box(whole_cube(3), 400, 11, 1));
  const WaveBox box = wave_box(first, 0.1);
  const Eigen::MatrixXd second = keep(draw_in_box(box, 400, 11, 2));
  INFO("kept " << first.rows() << " then " << second.rows() << "; box probability " << box.probability());
  CHECK(second.rows() > 3 * first.rows());  // what a later wave is for
  const Eigen::MatrixXd pooled = stack(first, second);
  const Eigen::RowVectorXd mean = pooled.colwise().mean();
  CHECK(mean(0) == Approx(0.3).margin(0.02));
  CHECK(mean(1) == Approx(0.6).margin(0.03));
  CHECK(mean(2) == Approx(0.5).margin(0.11));
  // The box holds the whole region (which spans 0.2-0.4 and 0.45-0.75): no kept draw lies
  // near a side the margin put there.
  const std::vector<std::size_t> near = kept_near_edge(box, second, 0.1);
  CHECK(near == std::vector<std::size_t>{0, 0, 0});
  // With no margin the box is the first wave's kept range, which the region overhangs: the
  // second wave's kept draws crowd its sides, and the check says so.
  const WaveBox tight = wave_box(first, 0.0);
  const std::vector<std::size_t> cut = kept_near_edge(tight, keep(draw_in_box(tight, 400, 11, 2)), 0.0);
  CHECK(cut[0] + cut[1] > 0);
}
