#include "gunflow/model/dealer_choice.hpp"

#include <algorithm>

#include "gunflow/core/power.hpp"

namespace gunflow {

void DealerChoice::assign(int first, std::span<const DealerType> types, std::span<const std::uint8_t> revoked,
                          double attraction, std::span<const double> trait) {
  first_ = first;
  attraction_ = std::max(0.0, attraction);
  types_.assign(types.begin(), types.end());
  revoked_.assign(revoked.begin(), revoked.end());
  if (trait.empty())
    trait_.assign(types.size(), 1.0);
  else
    trait_.assign(trait.begin(), trait.end());
  rebuild();
}

double DealerChoice::weight_of(std::size_t i) const {
  if (revoked_[i] != 0) return 0.0;
  return trait_[i] * (types_[i] == DealerType::kCompliant ? 1.0 : attraction_);
}

static_assert(sizeof(DealerType) == 1, "a dealer's type is the alias table's one-byte tag");

bool DealerChoice::on_corrupt_list(std::size_t i) const {
  return types_[i] == DealerType::kCorrupt && table_.weight(i) > 0;
}

void DealerChoice::rebuild() {
  std::vector<double> weights(types_.size());
  for (std::size_t i = 0; i < types_.size(); ++i) weights[i] = weight_of(i);
  table_.assign(weights, {reinterpret_cast<const std::uint8_t*>(types_.data()), types_.size()});
  corrupt_ids_.clear();
  for (std::size_t i = 0; i < types_.size(); ++i)
    if (on_corrupt_list(i)) corrupt_ids_.push_back(first_ + static_cast<std::int32_t>(i));
  rebuild_corrupt();
}

void DealerChoice::update(std::size_t i) {
  // Only dealer i's weight and membership of the corrupt list change: the table rebuilds
  // the block holding it, and the corrupt list (a few dealers) is summed again in order,
  // so the result is what rebuild() would give.
  table_.update(i, weight_of(i), static_cast<std::uint8_t>(types_[i]));
  const std::int32_t id = first_ + static_cast<std::int32_t>(i);
  const auto at = std::lower_bound(corrupt_ids_.begin(), corrupt_ids_.end(), id);
  const bool listed = at != corrupt_ids_.end() && *at == id;
  const bool corrupt = on_corrupt_list(i);
  if (listed && !corrupt) corrupt_ids_.erase(at);
  if (!listed && corrupt) corrupt_ids_.insert(at, id);
  rebuild_corrupt();
}

void DealerChoice::rebuild_corrupt() {
  corrupt_cumulative_.clear();
  double corrupt = 0;
  for (const std::int32_t id : corrupt_ids_) {
    corrupt += table_.weight(static_cast<std::size_t>(id - first_));
    corrupt_cumulative_.push_back(corrupt);
  }
  corrupt_share_ = table_.total() > 0 ? corrupt / table_.total() : 0.0;
  none_corrupt_ = power(1.0 - corrupt_share_, kCorruptTries);  // the same bits on every machine
}

int DealerChoice::pick_corrupt(Rng& rng) const {
  if (corrupt_ids_.empty()) return -1;  // none to find: every try misses
  // The tries are independent, each finding a corrupt dealer with probability
  // corrupt_share; all miss with probability none_corrupt. A try that finds one finds
  // each corrupt dealer in proportion to its weight.
  if (rng.uniform() < none_corrupt_) return -1;
  const double target = rng.uniform() * corrupt_cumulative_.back();
  const auto it = std::upper_bound(corrupt_cumulative_.begin(), corrupt_cumulative_.end(), target);
  const auto j =
      std::min<std::size_t>(static_cast<std::size_t>(it - corrupt_cumulative_.begin()), corrupt_ids_.size() - 1);
  return corrupt_ids_[j];
}

void DealerChoice::revoke(int dealer) {
  const auto i = static_cast<std::size_t>(dealer - first_);
  if (revoked_[i] != 0) return;
  revoked_[i] = 1;
  update(i);
}

void DealerChoice::retype(int dealer, DealerType now) {
  const auto i = static_cast<std::size_t>(dealer - first_);
  if (revoked_[i] != 0 || types_[i] == now) return;  // revoked: not drawn whatever its type
  types_[i] = now;
  update(i);
}

}  // namespace gunflow
