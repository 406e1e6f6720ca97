#include "gunflow/analysis/sweep_design.hpp"

#include <algorithm>
#include <numeric>

#include <boost/random/sobol.hpp>

#include "gunflow/rng/stream.hpp"

namespace gunflow {
namespace {
double scale(const SweepParameter& p, double u) { return p.low + u * (p.high - p.low); }

Eigen::MatrixXd grid(const std::vector<SweepParameter>& params, int levels) {
  std::vector<std::vector<double>> axes;
  for (const SweepParameter& p : params) {
    std::vector<double> axis = p.values;
    if (axis.empty())
      for (int l = 0; l < levels; ++l) axis.push_back(scale(p, levels > 1 ? l / static_cast<double>(levels - 1) : 0.5));
    axes.push_back(axis);
  }
  Eigen::Index rows = 1;
  for (const auto& a : axes) rows *= static_cast<Eigen::Index>(a.size());
  Eigen::MatrixXd m(rows, static_cast<Eigen::Index>(params.size()));
  for (Eigen::Index r = 0; r < rows; ++r) {
    Eigen::Index rest = r;
    for (std::size_t j = params.size(); j-- > 0;) {  // last parameter varies fastest
      const auto size = static_cast<Eigen::Index>(axes[j].size());
      m(r, static_cast<Eigen::Index>(j)) = axes[j][static_cast<std::size_t>(rest % size)];
      rest /= size;
    }
  }
  return m;
}

Eigen::MatrixXd latin_hypercube(const std::vector<SweepParameter>& params, int n, std::uint64_t seed) {
  Eigen::MatrixXd m(n, static_cast<Eigen::Index>(params.size()));
  for (std::size_t j = 0; j < params.size(); ++j) {
    Rng rng(seed, StreamId::kDesign, 1, j, 0);
    std::vector<int> strata(static_cast<std::size_t>(n));
    std::iota(strata.begin(), strata.end(), 0);
    for (int i = n - 1; i > 0; --i)  // Fisher–Yates with our own draws
      std::swap(strata[static_cast<std::size_t>(i)], strata[static_cast<std::size_t>(rng.uniform() * (i + 1))]);
    for (int i = 0; i < n; ++i)
      m(i, static_cast<Eigen::Index>(j)) = scale(params[j], (strata[static_cast<std::size_t>(i)] + rng.uniform()) / n);
  }
  return m;
}

void morris(Design& d, const std::vector<SweepParameter>& params, int trajectories, int levels, std::uint64_t seed) {
  const auto k = static_cast<int>(params.size());
  const double delta = levels / (2.0 * (levels - 1));
  d.points.resize(trajectories * (k + 1), k);
  d.morris_steps.assign(static_cast<std::size_t>(trajectories), {});
  for (int t = 0; t < trajectories; ++t) {
    Rng rng(seed, StreamId::kDesign, 2, static_cast<std::uint64_t>(t), 0);
    Eigen::VectorXd x(k);
    // Base point on the grid {0, 1/(p-1), ...} low enough that x + delta stays <= 1.
    const int low_levels = levels / 2;
    for (int i = 0; i < k; ++i) x(i) = static_cast<int>(rng.uniform() * low_levels) / static_cast<double>(levels - 1);
    std::vector<int> order(static_cast<std::size_t>(k));
    std::iota(order.begin(), order.end(), 0);
    for (int i = k - 1; i > 0; --i)
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(rng.uniform() * (i + 1))]);
    auto put = [&](int row) {
      for (int i = 0; i < k; ++i) d.points(row, i) = scale(params[static_cast<std::size_t>(i)], x(i));
    };
    put(t * (k + 1));
    for (int s = 0; s < k; ++s) {
      const int i = order[static_cast<std::size_t>(s)];
      x(i) += delta;
      d.morris_steps[static_cast<std::size_t>(t)].emplace_back(i, delta);
      put(t * (k + 1) + s + 1);
    }
  }
  d.base_samples = trajectories;
}

/// The A and B matrices of a Saltelli design, quasi-random: points 1 … n of the
/// Sobol sequence in 2k dimensions (Boost.Random's, Joe & Kuo direction numbers; point 0,
/// all zeros, is skipped), A from the first k coordinates and B from the last k, as
/// Saltelli et al. (2010) recommend. Each coordinate is shifted by a uniform keyed by
/// (seed, dimension), modulo 1 (a Cranley–Patterson rotation): the design stays
/// reproducible from its seed, different seeds give independent randomised designs (for
/// repeated estimates), and no coordinate is exactly 0 or 1.
void saltelli(Design& d, const std::vector<SweepParameter>& params, int n, std::uint64_t seed) {
  const auto k = static_cast<Eigen::Index>(params.size());
  Eigen::MatrixXd a(n, k), b(n, k);
  boost::random::sobol sequence(static_cast<std::size_t>(2 * k));
  sequence.discard(static_cast<std::uintmax_t>(2 * k));  // point 0: the origin
  std::vector<double> shift(static_cast<std::size_t>(2 * k));
  for (std::size_t j = 0; j < shift.size(); ++j) shift[j] = Rng(seed, StreamId::kDesign, 3, j, 0).uniform();
  const double scale_to_unit = 1.0 / (static_cast<double>(sequence.max()) + 1.0);
  for (Eigen::Index r = 0; r < n; ++r)
    for (Eigen::Index j = 0; j < 2 * k; ++j) {
      double u = static_cast<double>(sequence()) * scale_to_unit + shift[static_cast<std::size_t>(j)];
      if (u >= 1.0) u -= 1.0;
      u = std::clamp(u, 1e-12, 1.0 - 1e-12);
      const SweepParameter& p = params[static_cast<std::size_t>(j % k)];
      (j < k ? a(r, j) : b(r, j - k)) = scale(p, u);
    }
  d.points.resize(n * (k + 2), k);
  d.points.topRows(n) = a;
  d.points.middleRows(n, n) = b;
  for (Eigen::Index i = 0; i < k; ++i) {
    Eigen::MatrixXd ab = a;
    ab.col(i) = b.col(i);
    d.points.middleRows(n * (2 + i), n) = ab;
  }
  d.base_samples = n;
}
}  // namespace

Design make_design(DesignKind kind, const std::vector<SweepParameter>& params, int n, int levels, std::uint64_t seed) {
  Design d;
  d.kind = kind;
  switch (kind) {
    case DesignKind::kGrid:
      d.points = grid(params, levels);
      break;
    case DesignKind::kLatinHypercube:
      d.points = latin_hypercube(params, n, seed);
      break;
    case DesignKind::kMorris:
      morris(d, params, n, levels, seed);
      break;
    case DesignKind::kSaltelli:
      saltelli(d, params, n, seed);
      break;
  }
  return d;
}

SweepSensitivity analyze_design(const Design& d, const Eigen::VectorXd& y, const std::vector<SweepParameter>& params,
                                int bootstrap, std::uint64_t seed) {
  SweepSensitivity out;
  const auto k = static_cast<Eigen::Index>(params.size());
  if (d.kind == DesignKind::kMorris) {
    Eigen::MatrixXd effects(d.base_samples, k);
    for (int t = 0; t < d.base_samples; ++t)
      for (Eigen::Index s = 0; s < k; ++s) {
        const auto [i, step] = d.morris_steps[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)];
        const Eigen::Index row = t * (k + 1) + s;
        // Effect per unit of the normalised range (comparable across parameters).
        effects(t, i) = (y(row + 1) - y(row)) / step;
      }
    out.morris = morris_indices(effects);
    out.has_morris = true;
  }
  if (d.kind == DesignKind::kSaltelli) {
    const Eigen::Index n = d.base_samples;
    Eigen::MatrixXd fab(n, k);
    for (Eigen::Index i = 0; i < k; ++i) fab.col(i) = y.segment(n * (2 + i), n);
    out.sobol = sobol_indices(y.head(n), y.segment(n, n), fab, bootstrap, seed);
    out.has_sobol = true;
  }
  return out;
}

DesignKind parse_design_kind(const std::string& name, bool& ok) {
  ok = true;
  if (name == "grid") return DesignKind::kGrid;
  if (name == "lhs") return DesignKind::kLatinHypercube;
  if (name == "morris") return DesignKind::kMorris;
  if (name == "saltelli" || name == "sobol") return DesignKind::kSaltelli;
  ok = false;
  return DesignKind::kGrid;
}

std::string design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::kGrid:
      return "grid";
    case DesignKind::kLatinHypercube:
      return "lhs";
    case DesignKind::kMorris:
      return "morris";
    case DesignKind::kSaltelli:
      return "saltelli";
  }
  return "?";
}

}  // namespace gunflow
