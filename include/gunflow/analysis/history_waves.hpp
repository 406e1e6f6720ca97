#pragma once
// Later waves of history matching (Vernon, Goldstein & Bower 2010; Andrianakis et al.
// 2015): after a wave, the next draws only where the targets have not ruled the
// parameters out. Without an emulator the not-ruled-out-yet space is known only through
// the kept draws, so the next wave draws a Latin hypercube in the box they span on the
// prior's probability scale (the unit cube), widened on each side by a margin. Under the
// prior's uniform measure on that cube, the draws a wave keeps are then uniform on the
// not-ruled-out space inside its box, as the first wave's are on all of it, so the kept
// draws of every wave pool with equal weights, as long as the box holds the whole space.
// kept_near_edge counts what says it may not. Pure functions of their inputs.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace gunflow {

/// Where a wave draws: per parameter, an interval of the unit cube.
struct WaveBox {
  Eigen::VectorXd low, high;
  /// The box's prior probability: the share of the first wave's draws expected inside it.
  [[nodiscard]] double probability() const { return (high - low).prod(); }
};

/// The whole unit cube (the first wave's box) for `parameters` parameters.
WaveBox whole_cube(Eigen::Index parameters);

/// The box around the kept draws (rows, in unit coordinates; at least one), widened by
/// `margin` on each side and cut to the unit cube.
WaveBox wave_box(const Eigen::MatrixXd& kept_unit, double margin);

/// `n` points of a Latin hypercube in `box` (unit coordinates), keyed by `seed` and `wave`.
Eigen::MatrixXd draw_in_box(const WaveBox& box, std::uint64_t n, std::uint64_t seed, std::uint64_t wave);

/// Per parameter: the kept draws (rows, unit coordinates) that lie within a quarter of
/// `margin` (at least a fortieth of the box's side) of a side of `box` that is not the
/// prior's own limit. Draws kept that close to
/// a side the margin put there say the not-ruled-out space may reach past it, and the
/// pooled draws then under-represent what lies beyond: widen the margin.
std::vector<std::size_t> kept_near_edge(const WaveBox& box, const Eigen::MatrixXd& kept_unit, double margin);

}  // namespace gunflow
