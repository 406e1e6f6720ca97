#pragma once
// `gunflow calibrate --posterior`: the parameter sets the targets cannot rule out, by
// history matching (Craig et al. 1997; Vernon, Goldstein & Bower 2010; Andrianakis et
// al. 2015 for agent-based models). Parameter sets are drawn from the prior (a Latin
// hypercube), each is run for the same few replications with the same seed (common
// random numbers: draws differ by their parameters only), and a draw is kept when every
// target's implausibility (analysis/ensemble_stats.hpp: the band read as observation
// error of two standard deviations, plus the Monte Carlo error of the mean) is at most
// the cutoff (3, Pukelsheim's three-sigma rule). The kept draws, equally weighted, are
// the posterior ensemble: with one wave, an approximation to rejection ABC with a
// Gaussian kernel of the band's width. Later waves (`posterior.waves`) draw only where
// emulators fitted to the runs so far cannot rule the targets out (analysis/history_waves.hpp),
// so that the same budget keeps more draws; every wave's kept draws are pooled with the
// balance heuristic's weights.
#include <string>
#include <vector>

#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/scenario/calibration_file.hpp"

namespace gunflow {

struct PosteriorReport {
  std::uint64_t draws = 0, finished = 0, accepted = 0, reused = 0;
  std::uint64_t waves = 0;                  ///< waves finished
  std::vector<std::uint64_t> kept_by_wave;  ///< draws each finished wave kept
  std::vector<std::string> warnings;  ///< a later wave's screen refused earlier kept draws, or passed too few points
  std::vector<std::string> keys;
  std::vector<Identifiability> identifiability;  ///< per parameter (empty while interrupted)
  bool interrupted = false;
  double wall_seconds = 0;
};

/// Writes into cfg.out_dir: posterior_draws.csv (every draw finished: its wave, parameters,
/// each target's mean and Monte Carlo variance of the mean, its largest implausibility,
/// kept or not: the trace an interrupted job resumes from), posterior.csv (the kept
/// draws of every wave: set, weight, parameters), identifiability.csv, posterior_targets.csv,
/// posterior_waves.csv (each wave's screen), posterior.identity and run.json.
/// Deterministic given the files and seeds, whatever the thread count; with cfg.resume,
/// the draws already in the trace are not run again. InputError if the calibration file
/// has no `posterior:` section.
PosteriorReport posterior_job(const CalibrationSpec& spec, const ExecutionConfig& cfg);

/// "2400/2400 draws, 111 kept in 2 waves (14 + 97)": what a job did, for its last line
/// (the waves only when there were several; the draws reused by a resumed job).
std::string posterior_digest(const PosteriorReport& r);

}  // namespace gunflow
