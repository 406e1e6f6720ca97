#include "gunflow/rng/alias_table.hpp"

namespace gunflow {

void AliasTable::assign(std::span<const double> weights) {
  prob_.clear();
  alias_.clear();
  total_ = 0;
  for (double w : weights) total_ += w > 0 ? w : 0.0;
  if (!(total_ > 0)) return;
  const std::size_t n = weights.size();
  prob_.resize(n);
  alias_.resize(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    prob_[i] = (weights[i] > 0 ? weights[i] : 0.0) * static_cast<double>(n) / total_;
    alias_[i] = static_cast<std::uint32_t>(i);
    (prob_[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    alias_[s] = l;
    prob_[l] -= 1.0 - prob_[s];
    if (prob_[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding: kept whole.
  for (std::uint32_t i : large) prob_[i] = 1.0;
  for (std::uint32_t i : small) prob_[i] = 1.0;
}

}  // namespace gunflow
