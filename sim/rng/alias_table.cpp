#include "gunflow/rng/alias_table.hpp"

namespace gunflow {

void build_alias_columns(std::span<const double> weights, std::span<const std::uint8_t> tags, double total,
                         std::span<AliasColumn> columns, std::vector<std::uint32_t>& small,
                         std::vector<std::uint32_t>& large) {
  const std::size_t n = weights.size();
  small.clear();
  large.clear();
  for (std::size_t i = 0; i < n; ++i) {
    AliasColumn& c = columns[i];
    c.prob = (weights[i] > 0 ? weights[i] : 0.0) * static_cast<double>(n) / total;
    c.alias = static_cast<std::uint32_t>(i);
    c.tag = tags.empty() ? 0 : tags[i];
    c.alias_tag = c.tag;  // a column kept whole is its own alias
    (c.prob < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    columns[s].alias = l;
    columns[s].alias_tag = columns[l].tag;
    columns[l].prob -= 1.0 - columns[s].prob;
    if (columns[l].prob < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding: kept whole.
  for (std::uint32_t i : large) columns[i].prob = 1.0;
  for (std::uint32_t i : small) columns[i].prob = 1.0;
}

void AliasTable::assign(std::span<const double> weights, std::span<const std::uint8_t> tags) {
  columns_.clear();
  total_ = 0;
  for (double w : weights) total_ += w > 0 ? w : 0.0;
  if (!(total_ > 0)) return;
  columns_.resize(weights.size());
  build_alias_columns(weights, tags, total_, columns_, small_, large_);
}

}  // namespace gunflow
