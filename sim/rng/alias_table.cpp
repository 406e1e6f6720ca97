#include "gunflow/rng/alias_table.hpp"

namespace gunflow {

void AliasTable::assign(std::span<const double> weights, std::span<const std::uint8_t> tags) {
  columns_.clear();
  total_ = 0;
  for (double w : weights) total_ += w > 0 ? w : 0.0;
  if (!(total_ > 0)) return;
  const std::size_t n = weights.size();
  columns_.resize(n);
  small_.clear();
  large_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    Column& c = columns_[i];
    c.prob = (weights[i] > 0 ? weights[i] : 0.0) * static_cast<double>(n) / total_;
    c.alias = static_cast<std::uint32_t>(i);
    c.tag = tags.empty() ? 0 : tags[i];
    c.alias_tag = c.tag;  // a column kept whole is its own alias
    (c.prob < 1.0 ? small_ : large_).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small_.empty() && !large_.empty()) {
    const std::uint32_t s = small_.back(), l = large_.back();
    small_.pop_back();
    columns_[s].alias = l;
    columns_[s].alias_tag = columns_[l].tag;
    columns_[l].prob -= 1.0 - columns_[s].prob;
    if (columns_[l].prob < 1.0) {
      large_.pop_back();
      small_.push_back(l);
    }
  }
  // What is left is 1 up to rounding: kept whole.
  for (std::uint32_t i : large_) columns_[i].prob = 1.0;
  for (std::uint32_t i : small_) columns_[i].prob = 1.0;
}

}  // namespace gunflow
