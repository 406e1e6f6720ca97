#include "gunflow/tally/accumulator.hpp"

#include <cmath>

namespace gunflow {

// B. P. Welford, "Note on a method for calculating corrected sums of squares and
// products", Technometrics 4 (1962) 419–420; the update form follows Knuth, TAOCP
// vol. 2, 3rd ed., §4.2.2. Updating M2 from deviations avoids subtracting two large,
// nearly equal sums (sum x² − n·mean²), which loses every digit when |mean| ≫ sd.
void Accumulator::add(double x) {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

// T. F. Chan, G. H. Golub & R. J. LeVeque, "Updating formulae and a pairwise algorithm
// for computing sample variances", Stanford CS report STAN-CS-79-773 (1979), eq. 2.1:
//   M2 = M2_a + M2_b + delta² · n_a·n_b / n.
// Floating-point results depend on the merge order, so callers merge in replication
// order (DESIGN.md §13); this function itself is deterministic.
void Accumulator::merge(const Accumulator& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  n_ += other.n_;
}

double Accumulator::variance() const {
  if (n_ < 2) return 0.0;
  return m2_ / static_cast<double>(n_ - 1);
}

double Accumulator::sd() const { return std::sqrt(variance()); }

}  // namespace gunflow
