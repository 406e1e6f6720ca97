#include "gunflow/analysis/emulator.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <Eigen/Cholesky>

namespace gunflow {
namespace {

/// How far b1·u + b2·u² moves over u in [0, 1]: the reach of one parameter's main effect.
double main_effect_range(double b1, double b2) {
  double low = std::min(0.0, b1 + b2), high = std::max(0.0, b1 + b2);
  if (b2 != 0) {
    const double vertex = -b1 / (2 * b2);
    if (vertex > 0 && vertex < 1) {
      const double at = b1 * vertex + b2 * vertex * vertex;
      low = std::min(low, at);
      high = std::max(high, at);
    }
  }
  return high - low;
}

Eigen::Index pair_count(Eigen::Index m) { return m * (m - 1) / 2; }

}  // namespace

RegressionEmulator::RegressionEmulator(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y) {
  const Eigen::Index n = unit.rows(), k = unit.cols();
  if (n < 2 || y.size() != n) throw std::invalid_argument("RegressionEmulator: at least two runs, one value each");
  const Eigen::Index quadratic = 2 * k + 1;
  fit(unit, y, n >= 2 * quadratic ? quadratic : n >= 2 * (k + 1) ? k + 1 : 1);
  if (beta_.size() != quadratic || k < 2) return;
  // Interactions among the parameters whose main effects reach furthest: a model output
  // that several parameters move together (traces follow the flow times the share of
  // recoveries submitted) is a product, which squares alone misfit.
  Eigen::Index m = std::min<Eigen::Index>(k, kMaxInteracting);
  while (m >= 2 && n < 2 * (quadratic + pair_count(m))) --m;
  if (m < 2) return;
  std::vector<Eigen::Index> order(static_cast<std::size_t>(k));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::vector<double> reach(static_cast<std::size_t>(k));
  for (Eigen::Index j = 0; j < k; ++j)
    reach[static_cast<std::size_t>(j)] = main_effect_range(beta_(1 + j), beta_(1 + k + j));
  std::stable_sort(order.begin(), order.end(), [&reach](Eigen::Index a, Eigen::Index b) {
    return reach[static_cast<std::size_t>(a)] > reach[static_cast<std::size_t>(b)];
  });
  interacting_.assign(order.begin(), order.begin() + m);
  std::sort(interacting_.begin(), interacting_.end());
  fit(unit, y, quadratic + pair_count(m));
}

void RegressionEmulator::fit(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y, Eigen::Index terms) {
  const Eigen::Index n = unit.rows();
  beta_ = Eigen::VectorXd::Zero(terms);  // sizes features()
  Eigen::MatrixXd phi(n, terms);
  for (Eigen::Index i = 0; i < n; ++i) phi.row(i) = features(unit.row(i).transpose()).transpose();
  Eigen::MatrixXd gram = phi.transpose() * phi;
  // A parameter that does not vary among the runs makes the Gram matrix singular: a ridge
  // far below its scale keeps the solve defined and leaves that term at about zero.
  gram.diagonal().array() += 1e-10 * std::max(1.0, gram.diagonal().mean());
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(gram);
  inverse_gram_ = ldlt.solve(Eigen::MatrixXd::Identity(terms, terms));
  beta_ = ldlt.solve(phi.transpose() * y);
  const Eigen::VectorXd residual = y - phi * beta_;
  const double rss = residual.squaredNorm(), tss = (y.array() - y.mean()).square().sum();
  residual_variance_ = rss / static_cast<double>(std::max<Eigen::Index>(1, n - terms));
  r_squared_ = tss > 0 ? 1 - rss / tss : 1.0;
}

Eigen::VectorXd RegressionEmulator::features(const Eigen::VectorXd& u) const {
  const Eigen::Index k = u.size(), p = beta_.size();
  Eigen::VectorXd f(p);
  f(0) = 1;
  if (p > 1) f.segment(1, k) = u;
  if (p > k + 1) f.segment(k + 1, k) = u.array().square().matrix();
  Eigen::Index at = 2 * k + 1;
  for (std::size_t a = 0; a < interacting_.size(); ++a)
    for (std::size_t b = a + 1; b < interacting_.size(); ++b) f(at++) = u(interacting_[a]) * u(interacting_[b]);
  return f;
}

double RegressionEmulator::variance_at(const Eigen::VectorXd& f) const {
  return residual_variance_ * (1 + f.dot(inverse_gram_ * f));
}

double RegressionEmulator::residual_sd() const { return std::sqrt(residual_variance_); }

}  // namespace gunflow
