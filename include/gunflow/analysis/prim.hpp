#pragma once
// Scenario discovery with PRIM, the patient rule induction method (Friedman & Fisher
// 1999; as used for robust decision making by Lempert, Bryant et al. 2006, 2010): find
// boxes of parameter space where the cases of interest (e.g. parameter sets where a
// policy fails a threshold) are concentrated. Peeling only (no pasting): from the box
// that holds every point, repeatedly cut the `alpha` share of the remaining points off
// whichever face leaves the highest share of cases inside, until the box holds fewer
// than `min_mass` of all points. Every box along the way is kept (the peeling
// trajectory), with its
//   coverage: the share of all cases that lie inside the box, and
//   density:  the share of the points inside the box that are cases.
// Peeling in many dimensions also cuts faces that only trim noise, so the chosen box is
// then pruned (Bryant & Lempert 2010's quasi-p-values): a restriction is dropped while the
// box's cases would not be unlikely without it — while P(X ≥ cases), X ~ Binomial(points,
// density of the box with that parameter unrestricted), exceeds the significance level —
// the least significant first.
#include <vector>

#include <Eigen/Core>

namespace gunflow {

struct PrimBox {
  Eigen::VectorXd low, high;  ///< per parameter; the data's range where not restricted
  double coverage = 0, density = 0;
  double mass = 0;  ///< share of all points inside
  int points = 0;
};

struct PrimResult {
  std::vector<PrimBox> trajectory;  ///< box 0: every point; each later box inside the one before
  int chosen = 0;                   ///< the densest box whose coverage is at least min_coverage (ties: more coverage)
  double base_density = 0;          ///< share of cases among all points
  PrimBox pruned;                   ///< the chosen box with its restrictions that are not significant dropped
  /// Per parameter, the quasi-p-value of the pruned box's restriction of it (1 where unrestricted).
  Eigen::VectorXd restriction_p;
};

/// x(i, j): parameter j of point i; is_case(i): 1 for a case of interest, else 0.
PrimResult prim(const Eigen::MatrixXd& x, const Eigen::VectorXd& is_case, double alpha = 0.05, double min_mass = 0.05,
                double min_coverage = 0.5, double significance = 0.05);

/// Whether `box` cuts parameter j's range in `all` (the box holding every point).
inline bool restricts(const PrimBox& box, const PrimBox& all, Eigen::Index j) {
  return box.low(j) > all.low(j) || box.high(j) < all.high(j);
}

/// P(X ≥ k) for X ~ Binomial(n, p).
double binomial_upper_tail(int n, int k, double p);

}  // namespace gunflow
