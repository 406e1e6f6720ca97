#pragma once
// Later waves of history matching (Vernon, Goldstein & Bower 2010; Andrianakis et al.
// 2015): after a wave, emulators (emulator.hpp) stand in for the model, and the next wave
// draws only points the emulators cannot rule out, so that its runs are spent where the
// targets may still be met. Each wave refocuses: its emulators are fitted to the runs
// inside the region the wave before it screened, where the response is smoother than
// over the whole prior, and its screen lies inside that region (the screens are nested).
// The emulators' predictive variance enters each implausibility, so the screen is looser
// than the rule that keeps a run's draw. The kept draws of all waves are pooled with the
// weights of the balance heuristic (Veach & Guibas 1995; Owen & Zhou 2000): a draw is
// weighted by the prior over the mixture of the waves' proposals, which stays right where
// a screen refused part of what the targets allow, since the first wave drew from the
// whole prior. Pure functions of their inputs.
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "gunflow/analysis/emulator.hpp"

namespace gunflow {

/// The points a wave may draw: those at which every target's emulated implausibility,
/// |emulator mean − band centre| / sqrt(σ_obs² + emulator variance) (ensemble_stats.hpp:
/// implausibility), is at most that target's cutoff.
///
/// A target's cutoff is the job's, raised where needed to admit every point of `admitted`
/// (the draws earlier waves kept, whose runs met every target). A global regression misfits
/// somewhere; a kept run it would refuse shows where, and the screen must not rule out what
/// a run has already shown the targets allow (Vernon et al. validate their emulators on runs
/// the same way, and widen what fails). The pooled weights stay right either way; this keeps
/// the known part of the allowed space inside every screen, so the weights stay even.
///
/// A screen may refine an earlier one (`within`): it then allows only what that one allows
/// too. A later wave's emulators are fitted to the runs inside the earlier screen, so they
/// say nothing about points outside it.
class WaveScreen {
 public:
  /// One emulator and one band [low, high] per target; `admitted`: rows, unit coordinates.
  WaveScreen(std::vector<RegressionEmulator> emulators, std::vector<std::pair<double, double>> bands, double cutoff,
             const Eigen::MatrixXd& admitted = {}, std::shared_ptr<const WaveScreen> within = nullptr);
  /// Whether `u` passes this screen and every screen it refines.
  [[nodiscard]] bool allows(const Eigen::VectorXd& u) const;
  /// Whether `u` passes this screen's own emulators (not those of the screens it refines).
  [[nodiscard]] bool own_emulators_allow(const Eigen::VectorXd& u) const;
  [[nodiscard]] const std::vector<RegressionEmulator>& emulators() const { return emulators_; }
  /// Each target's cutoff: the job's, or higher where an admitted point needed it.
  [[nodiscard]] const std::vector<double>& cutoffs() const { return cutoffs_; }

 private:
  [[nodiscard]] double implausibility_at(std::size_t target, const Eigen::VectorXd& u) const;
  std::vector<RegressionEmulator> emulators_;
  std::vector<std::pair<double, double>> bands_;
  std::vector<double> cutoffs_;
  std::shared_ptr<const WaveScreen> within_;
};

/// A wave's draws: uniform on the screened region, found by drawing points uniformly from
/// the unit cube until `n` pass (or `max_tries` were tried).
struct ScreenedDraws {
  Eigen::MatrixXd unit;     ///< rows: the points that passed, in the order found
  std::uint64_t tried = 0;  ///< points drawn to find them
  /// The screened region's prior probability, estimated: passed / tried.
  [[nodiscard]] double share() const {
    return tried > 0 ? static_cast<double>(unit.rows()) / static_cast<double>(tried) : 0.0;
  }
};
/// `n` points the screen allows, for wave `wave` (keyed by `seed` and the wave), with
/// `parameters` coordinates each.
ScreenedDraws draw_screened(const WaveScreen& screen, Eigen::Index parameters, std::uint64_t n, std::uint64_t seed,
                            std::uint64_t wave, std::uint64_t max_tries);

/// How a screen's emulators predicted runs they were not fitted to, per target (Vernon,
/// Goldstein & Bower 2010 check theirs on such runs before trusting a screen): the root
/// mean square error of the emulated mean against the runs' values, and the share of runs
/// within three predictive standard deviations of it. An emulator honest about its
/// uncertainty puts nearly all runs there (at least 89% for any distribution, by
/// Chebyshev; 99.7% if its errors are normal); a smaller share says its screen was surer
/// than the model, and may have refused points the targets allow.
struct EmulatorCheck {
  double rmse = 0, within_3sd = 0;
};
/// `unit`: the runs' points (rows, unit coordinates); `values`: one row per run, one column
/// per target, in the screen's order. None when there are no runs.
std::vector<EmulatorCheck> check_emulators(const WaveScreen& screen, const Eigen::MatrixXd& unit,
                                           const Eigen::MatrixXd& values);

/// Balance-heuristic weights of the kept draws (rows, unit coordinates): proportional to
/// 1 / (draws_1 + Σ_w≥2 draws_w · 1{screen_w allows the point} / share_w), scaled to
/// average 1. `screens[w]`, `draws[w]` and `shares[w]` are wave w + 2's; draws_1 is
/// `first_draws`. Equal weights when every screen allows every kept draw.
Eigen::VectorXd pooled_weights(const Eigen::MatrixXd& kept_unit, std::uint64_t first_draws,
                               const std::vector<const WaveScreen*>& screens, const std::vector<std::uint64_t>& draws,
                               const std::vector<double>& shares);

}  // namespace gunflow
