#include "gunflow/analysis/history_waves.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gunflow/analysis/ensemble_stats.hpp"
#include "gunflow/rng/stream.hpp"

namespace gunflow {

WaveScreen::WaveScreen(std::vector<RegressionEmulator> emulators, std::vector<std::pair<double, double>> bands,
                       double cutoff, const Eigen::MatrixXd& admitted, std::shared_ptr<const WaveScreen> within)
    : emulators_(std::move(emulators)),
      bands_(std::move(bands)),
      cutoffs_(emulators_.size(), cutoff),
      within_(std::move(within)) {
  if (emulators_.size() != bands_.size()) throw std::invalid_argument("WaveScreen: one band per emulator");
  if (emulators_.empty()) return;
  for (Eigen::Index i = 0; i < admitted.rows(); ++i) {
    const Eigen::VectorXd u = admitted.row(i).transpose();
    for (std::size_t t = 0; t < emulators_.size(); ++t) cutoffs_[t] = std::max(cutoffs_[t], implausibility_at(t, u));
  }
}

double WaveScreen::implausibility_at(std::size_t target, const Eigen::VectorXd& u) const {
  const RegressionEmulator& e = emulators_[target];
  const Eigen::VectorXd f = e.features(u);  // each emulator fits its own products
  return implausibility(e.mean_at(f), e.variance_at(f), bands_[target].first, bands_[target].second);
}

bool WaveScreen::allows(const Eigen::VectorXd& u) const {
  return (!within_ || within_->allows(u)) && own_emulators_allow(u);
}

bool WaveScreen::own_emulators_allow(const Eigen::VectorXd& u) const {
  for (std::size_t t = 0; t < emulators_.size(); ++t)
    if (implausibility_at(t, u) > cutoffs_[t]) return false;
  return true;
}

ScreenedDraws draw_screened(const WaveScreen& screen, Eigen::Index parameters, std::uint64_t n, std::uint64_t seed,
                            std::uint64_t wave, std::uint64_t max_tries) {
  ScreenedDraws out;
  out.unit.resize(static_cast<Eigen::Index>(n), parameters);
  Rng rng(seed, StreamId::kDesign, 2, wave, 0);  // replication 2: not the designs' Latin hypercubes (1)
  Eigen::VectorXd u(parameters);
  Eigen::Index found = 0;
  while (static_cast<std::uint64_t>(found) < n && out.tried < max_tries) {
    for (Eigen::Index j = 0; j < parameters; ++j) u(j) = rng.uniform();
    ++out.tried;
    if (screen.allows(u)) out.unit.row(found++) = u.transpose();
  }
  out.unit.conservativeResize(found, Eigen::NoChange);
  return out;
}

std::vector<EmulatorCheck> check_emulators(const WaveScreen& screen, const Eigen::MatrixXd& unit,
                                           const Eigen::MatrixXd& values) {
  const std::vector<RegressionEmulator>& emulators = screen.emulators();
  if (unit.rows() == 0) return {};
  if (values.rows() != unit.rows() || values.cols() != static_cast<Eigen::Index>(emulators.size()))
    throw std::invalid_argument("check_emulators: one row per run, one column per target");
  std::vector<EmulatorCheck> out(emulators.size());
  for (std::size_t t = 0; t < emulators.size(); ++t) {
    double squares = 0, within = 0;
    for (Eigen::Index i = 0; i < unit.rows(); ++i) {
      const Eigen::VectorXd f = emulators[t].features(unit.row(i).transpose());
      const double error = values(i, static_cast<Eigen::Index>(t)) - emulators[t].mean_at(f);
      squares += error * error;
      if (error * error <= 9 * emulators[t].variance_at(f)) ++within;
    }
    const auto n = static_cast<double>(unit.rows());
    out[t] = {std::sqrt(squares / n), within / n};
  }
  return out;
}

Eigen::VectorXd pooled_weights(const Eigen::MatrixXd& kept_unit, std::uint64_t first_draws,
                               const std::vector<const WaveScreen*>& screens, const std::vector<std::uint64_t>& draws,
                               const std::vector<double>& shares) {
  Eigen::VectorXd w(kept_unit.rows());
  for (Eigen::Index i = 0; i < kept_unit.rows(); ++i) {
    double mixture = static_cast<double>(first_draws);  // the first wave's proposal is the prior itself
    for (std::size_t s = 0; s < screens.size(); ++s)
      if (shares[s] > 0 && screens[s]->allows(kept_unit.row(i).transpose()))
        mixture += static_cast<double>(draws[s]) / shares[s];
    w(i) = 1 / mixture;
  }
  if (w.size() > 0) w *= static_cast<double>(w.size()) / w.sum();
  return w;
}

}  // namespace gunflow
