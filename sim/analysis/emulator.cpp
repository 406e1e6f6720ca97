#include "gunflow/analysis/emulator.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/Cholesky>

namespace gunflow {

RegressionEmulator::RegressionEmulator(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y) {
  const Eigen::Index n = unit.rows(), k = unit.cols();
  if (n < 2 || y.size() != n) throw std::invalid_argument("RegressionEmulator: at least two runs, one value each");
  const Eigen::Index p = n >= 2 * (2 * k + 1) ? 2 * k + 1 : n >= 2 * (k + 1) ? k + 1 : 1;
  beta_ = Eigen::VectorXd::Zero(p);  // sizes features()
  Eigen::MatrixXd phi(n, p);
  for (Eigen::Index i = 0; i < n; ++i) phi.row(i) = features(unit.row(i).transpose()).transpose();
  Eigen::MatrixXd gram = phi.transpose() * phi;
  // A parameter that does not vary among the runs makes the Gram matrix singular: a ridge
  // far below its scale keeps the solve defined and leaves that term at about zero.
  gram.diagonal().array() += 1e-10 * std::max(1.0, gram.diagonal().mean());
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(gram);
  inverse_gram_ = ldlt.solve(Eigen::MatrixXd::Identity(p, p));
  beta_ = ldlt.solve(phi.transpose() * y);
  const Eigen::VectorXd residual = y - phi * beta_;
  const double rss = residual.squaredNorm(), tss = (y.array() - y.mean()).square().sum();
  residual_variance_ = rss / static_cast<double>(std::max<Eigen::Index>(1, n - p));
  r_squared_ = tss > 0 ? 1 - rss / tss : 1.0;
}

Eigen::VectorXd RegressionEmulator::features(const Eigen::VectorXd& u) const {
  const Eigen::Index k = u.size(), p = beta_.size();
  Eigen::VectorXd f(p);
  f(0) = 1;
  if (p > 1) f.segment(1, k) = u;
  if (p > k + 1) f.segment(k + 1, k) = u.array().square().matrix();
  return f;
}

double RegressionEmulator::variance_at(const Eigen::VectorXd& f) const {
  return residual_variance_ * (1 + f.dot(inverse_gram_ * f));
}

double RegressionEmulator::residual_sd() const { return std::sqrt(residual_variance_); }

}  // namespace gunflow
