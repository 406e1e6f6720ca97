#include "gunflow/analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/rng/stream.hpp"
#include "gunflow/tally/summary.hpp"

namespace gunflow {

MorrisIndices morris_indices(const Eigen::MatrixXd& effects) {
  const auto r = static_cast<double>(effects.rows());
  MorrisIndices m;
  m.mu = effects.colwise().mean();
  m.mu_star = effects.cwiseAbs().colwise().mean();
  m.sigma = Eigen::VectorXd::Zero(effects.cols());
  if (effects.rows() > 1)
    for (Eigen::Index i = 0; i < effects.cols(); ++i)
      m.sigma(i) = std::sqrt((effects.col(i).array() - m.mu(i)).square().sum() / (r - 1.0));
  return m;
}

namespace {
struct Point {
  Eigen::VectorXd s1, st;
};

Point estimate(const Eigen::VectorXd& fa, const Eigen::VectorXd& fb, const Eigen::MatrixXd& fab) {
  const auto n = static_cast<double>(fa.size());
  // The outputs are centred on their mean first. The estimators are shift-invariant in
  // expectation, but not in their variance: model outputs (homicides, guns) have a mean
  // hundreds of times their spread, and f_B (f_ABi - f_A) on raw outputs then sums large
  // terms that nearly cancel, so S1 came out as -140 where the centred estimate is 0.56.
  Eigen::VectorXd all(fa.size() + fb.size());
  all << fa, fb;
  const double mean = all.mean();
  const double var = (all.array() - mean).square().sum() / (2.0 * n - 1.0);
  Point p{Eigen::VectorXd::Zero(fab.cols()), Eigen::VectorXd::Zero(fab.cols())};
  if (!(var > 0)) return p;
  const Eigen::ArrayXd a = fa.array() - mean, b = fb.array() - mean;
  for (Eigen::Index i = 0; i < fab.cols(); ++i) {
    const Eigen::ArrayXd ab = fab.col(i).array() - mean;
    p.s1(i) = (b * (ab - a)).sum() / n / var;             // Saltelli et al. 2010, eq. (b) of table 2
    p.st(i) = (a - ab).square().sum() / (2.0 * n) / var;  // Jansen 1999
  }
  return p;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return quantile_sorted(v, q);
}
}  // namespace

SobolIndices sobol_indices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b, const Eigen::MatrixXd& f_ab,
                           int bootstrap, std::uint64_t seed) {
  const Point p = estimate(f_a, f_b, f_ab);
  SobolIndices s{p.s1, p.st, p.s1, p.s1, p.st, p.st};
  if (bootstrap < 2) return s;
  const Eigen::Index n = f_a.size(), k = f_ab.cols();
  std::vector<std::vector<double>> s1(static_cast<std::size_t>(k)), st(static_cast<std::size_t>(k));
  Eigen::VectorXd a(n), b(n);
  Eigen::MatrixXd ab(n, k);
  for (int rep = 0; rep < bootstrap; ++rep) {
    Rng rng(seed, StreamId::kBootstrap, static_cast<std::uint64_t>(rep), 0, 0);
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto row = static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(n));
      a(j) = f_a(row);
      b(j) = f_b(row);
      ab.row(j) = f_ab.row(row);
    }
    const Point q = estimate(a, b, ab);
    for (Eigen::Index i = 0; i < k; ++i) {
      s1[static_cast<std::size_t>(i)].push_back(q.s1(i));
      st[static_cast<std::size_t>(i)].push_back(q.st(i));
    }
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    s.s1_low(i) = percentile(s1[static_cast<std::size_t>(i)], 0.025);
    s.s1_high(i) = percentile(s1[static_cast<std::size_t>(i)], 0.975);
    s.st_low(i) = percentile(st[static_cast<std::size_t>(i)], 0.025);
    s.st_high(i) = percentile(st[static_cast<std::size_t>(i)], 0.975);
  }
  return s;
}

}  // namespace gunflow
