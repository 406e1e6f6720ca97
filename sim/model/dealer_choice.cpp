#include "gunflow/model/dealer_choice.hpp"

#include <algorithm>
#include <cmath>

namespace gunflow {

void DealerChoice::assign(int first, std::span<const DealerType> types, std::span<const std::uint8_t> revoked,
                          double attraction) {
  first_ = first;
  ids_.clear();
  place_.assign(types.size(), -1);
  n_compliant_ = n_corrupt_ = n_other_ = 0;
  attraction_ = std::max(0.0, attraction);
  for (const DealerType group : {DealerType::kCompliant, DealerType::kCorrupt, DealerType::kNegligent})
    for (std::size_t i = 0; i < types.size(); ++i)
      if (revoked[i] == 0 && types[i] == group) {
        place_[i] = static_cast<std::int32_t>(ids_.size());
        ids_.push_back(first + static_cast<std::int32_t>(i));
        if (group == DealerType::kCompliant)
          ++n_compliant_;
        else
          ++n_other_;
        if (group == DealerType::kCorrupt) ++n_corrupt_;
      }
  reweigh();
}

void DealerChoice::reweigh() {
  total_ = static_cast<double>(n_compliant_) + attraction_ * static_cast<double>(n_other_);
  corrupt_share_ = total_ > 0 ? attraction_ * static_cast<double>(n_corrupt_) / total_ : 0.0;
  none_corrupt_ = std::pow(1.0 - corrupt_share_, kCorruptTries);
}

void DealerChoice::swap_places(std::size_t a, std::size_t b) {
  std::swap(ids_[a], ids_[b]);
  place_[static_cast<std::size_t>(ids_[a] - first_)] = static_cast<std::int32_t>(a);
  place_[static_cast<std::size_t>(ids_[b] - first_)] = static_cast<std::int32_t>(b);
}

void DealerChoice::remove_at(std::size_t at) {
  // Move the entry to the end of its group; then, group by group, swap it with the last
  // entry of the next group, which fills the place the shrunk group gave up; drop it.
  const std::size_t compliant_end = n_compliant_;
  const std::size_t corrupt_end = n_compliant_ + n_corrupt_;
  if (at < compliant_end) {
    swap_places(at, compliant_end - 1);
    swap_places(compliant_end - 1, corrupt_end - 1);
    at = corrupt_end - 1;
    --n_compliant_;
  } else if (at < corrupt_end) {
    swap_places(at, corrupt_end - 1);
    at = corrupt_end - 1;
    --n_corrupt_;
    --n_other_;
  } else {
    --n_other_;
  }
  swap_places(at, ids_.size() - 1);
  place_[static_cast<std::size_t>(ids_.back() - first_)] = -1;
  ids_.pop_back();
}

void DealerChoice::insert(int dealer, DealerType type) {
  // Append (the end of the negligent group), then move it into its group the same way.
  const std::size_t compliant_end = n_compliant_;
  const std::size_t corrupt_end = n_compliant_ + n_corrupt_;
  ids_.push_back(dealer);
  place_[static_cast<std::size_t>(dealer - first_)] = static_cast<std::int32_t>(ids_.size() - 1);
  if (type == DealerType::kNegligent) {
    ++n_other_;
    return;
  }
  swap_places(ids_.size() - 1, corrupt_end);
  if (type == DealerType::kCorrupt) {
    ++n_corrupt_;
    ++n_other_;
    return;
  }
  swap_places(corrupt_end, compliant_end);
  ++n_compliant_;
}

void DealerChoice::revoke(int dealer) {
  const std::int32_t at = place_[static_cast<std::size_t>(dealer - first_)];
  if (at < 0) return;
  remove_at(static_cast<std::size_t>(at));
  reweigh();
}

void DealerChoice::retype(int dealer, DealerType now) {
  const std::int32_t at = place_[static_cast<std::size_t>(dealer - first_)];
  if (at < 0) return;  // revoked: not drawn whatever its type
  remove_at(static_cast<std::size_t>(at));
  insert(dealer, now);
  reweigh();
}

std::size_t DealerChoice::place_of(double u) const {
  const double target = u * total_;
  const auto compliant = static_cast<double>(n_compliant_);
  // The compliant group holds targets [0, n_compliant), one unit each; the others share
  // the rest, `attraction` each. The clamps absorb rounding at the top of each group.
  if (target < compliant || n_other_ == 0 || !(attraction_ > 0))
    return std::min(static_cast<std::size_t>(target), n_compliant_ - 1);
  return n_compliant_ + std::min(static_cast<std::size_t>((target - compliant) / attraction_), n_other_ - 1);
}

DealerChoice::Picked DealerChoice::pick(double u) const {
  const std::size_t at = place_of(u);
  const DealerType type = at < n_compliant_                ? DealerType::kCompliant
                          : at < n_compliant_ + n_corrupt_ ? DealerType::kCorrupt
                                                           : DealerType::kNegligent;
  return {ids_[at], type};
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
