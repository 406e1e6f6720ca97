#include "gunflow/analysis/nelder_mead.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace gunflow {

NelderMeadResult nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& start,
                             const Eigen::VectorXd& step, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                             int max_evaluations, double tolerance) {
  const Eigen::Index n = start.size();
  int evals = 0;
  auto clamp = [&](Eigen::VectorXd x) { return Eigen::VectorXd(x.cwiseMax(lower).cwiseMin(upper)); };
  auto eval = [&](const Eigen::VectorXd& x) {
    ++evals;
    return f(x);
  };
  std::vector<Eigen::VectorXd> pts;
  std::vector<double> vals;
  pts.push_back(clamp(start));
  vals.push_back(eval(pts[0]));
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::VectorXd x = pts[0];
    x(i) += step(i);
    if (x(i) > upper(i)) x(i) = pts[0](i) - step(i);  // step inward at the box edge
    pts.push_back(clamp(x));
    vals.push_back(eval(pts.back()));
  }
  std::vector<std::size_t> order(pts.size());
  bool converged = false;
  while (evals < max_evaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return vals[a] < vals[b]; });
    const std::size_t best = order.front(), worst = order.back(), second = order[order.size() - 2];
    if (vals[worst] - vals[best] < tolerance) {
      converged = true;
      break;
    }
    Eigen::VectorXd centroid = Eigen::VectorXd::Zero(n);
    for (std::size_t i = 0; i + 1 < order.size(); ++i) centroid += pts[order[i]];
    centroid /= static_cast<double>(n);
    const Eigen::VectorXd xr = clamp(centroid + (centroid - pts[worst]));
    const double fr = eval(xr);
    if (fr < vals[best]) {
      const Eigen::VectorXd xe = clamp(centroid + 2.0 * (centroid - pts[worst]));
      const double fe = eval(xe);
      if (fe < fr)
        pts[worst] = xe, vals[worst] = fe;
      else
        pts[worst] = xr, vals[worst] = fr;
    } else if (fr < vals[second]) {
      pts[worst] = xr, vals[worst] = fr;
    } else {
      const bool outside = fr < vals[worst];
      const Eigen::VectorXd xc =
          clamp(outside ? centroid + 0.5 * (xr - centroid) : centroid + 0.5 * (pts[worst] - centroid));
      const double fc = eval(xc);
      if (fc < std::min(fr, vals[worst])) {
        pts[worst] = xc, vals[worst] = fc;
      } else {  // shrink towards the best point
        for (std::size_t i = 0; i < pts.size(); ++i) {
          if (i == best) continue;
          pts[i] = clamp(pts[best] + 0.5 * (pts[i] - pts[best]));
          vals[i] = eval(pts[i]);
        }
      }
    }
  }
  const auto it = std::min_element(vals.begin(), vals.end());
  return {pts[static_cast<std::size_t>(it - vals.begin())], *it, evals, converged};
}

}  // namespace gunflow
