#include "gunflow/analysis/history_waves.hpp"

#include <algorithm>

#include "gunflow/analysis/sweep_design.hpp"

namespace gunflow {

WaveBox whole_cube(Eigen::Index parameters) {
  return {Eigen::VectorXd::Zero(parameters), Eigen::VectorXd::Ones(parameters)};
}

WaveBox wave_box(const Eigen::MatrixXd& kept_unit, double margin) {
  WaveBox box;
  box.low = (kept_unit.colwise().minCoeff().array() - margin).max(0.0).matrix().transpose();
  box.high = (kept_unit.colwise().maxCoeff().array() + margin).min(1.0).matrix().transpose();
  return box;
}

Eigen::MatrixXd draw_in_box(const WaveBox& box, std::uint64_t n, std::uint64_t seed, std::uint64_t wave) {
  std::vector<SweepParameter> params;
  for (Eigen::Index j = 0; j < box.low.size(); ++j) params.push_back({"", box.low(j), box.high(j), {}});
  // Each wave its own design: the seed moved by a multiple of the golden-ratio constant
  // (wave 1 keeps the prior's seed, so a one-wave job draws what it always drew).
  const std::uint64_t key = seed + 0x9E3779B97F4A7C15ULL * (wave - 1);
  return make_design(DesignKind::kLatinHypercube, params, static_cast<int>(n), 0, key).points;
}

std::vector<std::size_t> kept_near_edge(const WaveBox& box, const Eigen::MatrixXd& kept_unit, double margin) {
  std::vector<std::size_t> near(static_cast<std::size_t>(box.low.size()), 0);
  for (Eigen::Index j = 0; j < box.low.size(); ++j) {
    // At least a fortieth of the side, so that a box with no margin, which the space it
    // was fitted to must overhang, is still checked.
    const double band = std::max(margin / 4, (box.high(j) - box.low(j)) / 40);
    const bool low_set = box.low(j) > 0, high_set = box.high(j) < 1;  // sides the margin put there
    for (Eigen::Index i = 0; i < kept_unit.rows(); ++i) {
      const double u = kept_unit(i, j);
      if ((low_set && u < box.low(j) + band) || (high_set && u > box.high(j) - band))
        ++near[static_cast<std::size_t>(j)];
    }
  }
  return near;
}

}  // namespace gunflow
