#include "gunflow/analysis/prim.hpp"

#include <algorithm>
#include <cmath>

namespace gunflow {
namespace {
PrimBox measure(const Eigen::VectorXd& low, const Eigen::VectorXd& high, const Eigen::MatrixXd& x,
                const Eigen::VectorXd& y, std::vector<char>& inside) {
  PrimBox b{low, high, 0, 0, 0, 0};
  double cases = 0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const bool in =
        ((x.row(i).transpose().array() >= low.array()) && (x.row(i).transpose().array() <= high.array())).all();
    inside[static_cast<std::size_t>(i)] = in ? 1 : 0;
    if (!in) continue;
    ++b.points;
    cases += y(i);
  }
  const double all_cases = y.sum();
  b.mass = static_cast<double>(b.points) / static_cast<double>(x.rows());
  b.density = b.points > 0 ? cases / b.points : 0.0;
  b.coverage = all_cases > 0 ? cases / all_cases : 0.0;
  return b;
}
/// The number of cases in `b` (its density times its points, exactly an integer).
int cases_in(const PrimBox& b) { return static_cast<int>(std::lround(b.density * b.points)); }

/// The quasi-p-value of restriction j of `box`: how likely its cases would be if the points
/// inside fell as in the box with parameter j unrestricted.
double quasi_p(const PrimBox& box, Eigen::Index j, const PrimBox& all, const Eigen::MatrixXd& x,
               const Eigen::VectorXd& y, std::vector<char>& scratch) {
  Eigen::VectorXd low = box.low, high = box.high;
  low(j) = all.low(j);
  high(j) = all.high(j);
  return binomial_upper_tail(box.points, cases_in(box), measure(low, high, x, y, scratch).density);
}

/// Drops the chosen box's restrictions that are not significant, the least significant first.
void prune(PrimResult& r, const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double significance) {
  const PrimBox& all = r.trajectory.front();
  PrimBox box = r.trajectory[static_cast<std::size_t>(r.chosen)];
  std::vector<char> scratch(static_cast<std::size_t>(x.rows()));
  r.restriction_p = Eigen::VectorXd::Ones(x.cols());
  while (true) {
    Eigen::Index weakest = -1;
    double weakest_p = significance;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (!restricts(box, all, j)) continue;
      const double p = quasi_p(box, j, all, x, y, scratch);
      r.restriction_p(j) = p;
      if (p > weakest_p) {
        weakest = j;
        weakest_p = p;
      }
    }
    if (weakest < 0) break;
    box.low(weakest) = all.low(weakest);
    box.high(weakest) = all.high(weakest);
    r.restriction_p(weakest) = 1;
    box = measure(box.low, box.high, x, y, scratch);
  }
  r.pruned = box;
}
}  // namespace

double binomial_upper_tail(int n, int k, double p) {
  if (k <= 0) return 1.0;
  if (k > n) return 0.0;
  if (p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  const double log_n_factorial = std::lgamma(n + 1.0);
  double sum = 0;
  for (int j = k; j <= n; ++j)
    sum += std::exp(log_n_factorial - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) + j * std::log(p) +
                    (n - j) * std::log1p(-p));
  return std::min(1.0, sum);
}

PrimResult prim(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha, double min_mass, double min_coverage,
                double significance) {
  PrimResult r;
  if (x.rows() == 0) return r;
  std::vector<char> inside(static_cast<std::size_t>(x.rows()));
  r.trajectory.push_back(measure(x.colwise().minCoeff(), x.colwise().maxCoeff(), x, y, inside));
  r.base_density = r.trajectory.front().density;
  while (true) {
    const PrimBox& box = r.trajectory.back();
    const auto n_in = static_cast<std::size_t>(box.points);
    const std::size_t remove =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(n_in))));
    bool found = false;
    PrimBox best;
    std::vector<char> best_inside;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      std::vector<double> v;
      for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (inside[static_cast<std::size_t>(i)]) v.push_back(x(i, j));
      std::sort(v.begin(), v.end());
      if (v.size() <= remove) continue;
      for (int side = 0; side < 2; ++side) {
        Eigen::VectorXd low = box.low, high = box.high;
        if (side == 0) {
          if (v[remove] == v.front()) continue;  // ties: the cut would remove nothing
          low(j) = v[remove];
        } else {
          if (v[v.size() - 1 - remove] == v.back()) continue;
          high(j) = v[v.size() - 1 - remove];
        }
        std::vector<char> in(inside.size());
        const PrimBox cand = measure(low, high, x, y, in);
        if (cand.mass < min_mass || cand.points == 0) continue;
        if (!found || cand.density > best.density || (cand.density == best.density && cand.points > best.points)) {
          best = cand;
          best_inside = in;
          found = true;
        }
      }
    }
    if (!found) break;
    r.trajectory.push_back(best);
    inside = best_inside;
  }
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) {
    const PrimBox& b = r.trajectory[i];
    const PrimBox& c = r.trajectory[static_cast<std::size_t>(r.chosen)];
    if (b.coverage >= min_coverage && (b.density > c.density || (b.density == c.density && b.coverage > c.coverage)))
      r.chosen = static_cast<int>(i);
  }
  prune(r, x, y, significance);
  return r;
}

}  // namespace gunflow
