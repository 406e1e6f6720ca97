#include "gunflow/model/dealer_choice.hpp"

#include <algorithm>
#include <cmath>

namespace gunflow {

void DealerChoice::assign(int first, std::span<const DealerType> types, std::span<const std::uint8_t> revoked,
                          double attraction) {
  ids_.clear();
  n_compliant_ = n_corrupt_ = n_other_ = 0;
  attraction_ = std::max(0.0, attraction);
  auto add_open = [&](auto wanted) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < types.size(); ++i)
      if (revoked[i] == 0 && wanted(types[i])) {
        ids_.push_back(first + static_cast<std::int32_t>(i));
        ++n;
      }
    return n;
  };
  n_compliant_ = add_open([](DealerType t) { return t == DealerType::kCompliant; });
  n_corrupt_ = add_open([](DealerType t) { return t == DealerType::kCorrupt; });
  n_other_ = n_corrupt_ + add_open([](DealerType t) { return t == DealerType::kNegligent; });
  const double other_weight = attraction_ * static_cast<double>(n_other_);
  total_ = static_cast<double>(n_compliant_) + other_weight;
  corrupt_share_ = total_ > 0 ? attraction_ * static_cast<double>(n_corrupt_) / total_ : 0.0;
  none_corrupt_ = std::pow(1.0 - corrupt_share_, kCorruptTries);
}

int DealerChoice::pick(double u) const {
  const double target = u * total_;
  const auto compliant = static_cast<double>(n_compliant_);
  // The compliant group holds targets [0, n_compliant), one unit each; the others share
  // the rest, `attraction` each. The clamps absorb rounding at the top of each group.
  if (target < compliant || n_other_ == 0 || !(attraction_ > 0))
    return ids_[std::min(static_cast<std::size_t>(target), n_compliant_ - 1)];
  const auto j = static_cast<std::size_t>((target - compliant) / attraction_);
  return ids_[n_compliant_ + std::min(j, n_other_ - 1)];
}

int DealerChoice::pick_corrupt(Rng& rng) const {
  if (n_corrupt_ == 0) return -1;  // none to find: every try misses
  // The tries are independent, each finding a corrupt dealer with probability
  // corrupt_share; all miss with probability none_corrupt. A try that finds one finds
  // each corrupt dealer alike (they weigh the same).
  if (rng.uniform() < none_corrupt_) return -1;
  const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(n_corrupt_));
  return ids_[n_compliant_ + std::min(j, n_corrupt_ - 1)];
}

}  // namespace gunflow
