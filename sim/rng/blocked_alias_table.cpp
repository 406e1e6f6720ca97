#include "gunflow/rng/blocked_alias_table.hpp"

#include <stdexcept>
#include <string>

namespace gunflow {

void BlockedAliasTable::assign(std::span<const double> weights, std::span<const std::uint8_t> tags) {
  if (!tags.empty() && tags.size() != weights.size())
    throw std::invalid_argument("BlockedAliasTable: " + std::to_string(tags.size()) + " tags for " +
                                std::to_string(weights.size()) + " weights");
  weights_.assign(weights.begin(), weights.end());
  for (double& w : weights_) w = w > 0 ? w : 0.0;
  if (tags.empty())
    tags_.assign(weights_.size(), 0);
  else
    tags_.assign(tags.begin(), tags.end());
  columns_.assign(weights_.size(), AliasColumn{});
  block_total_.assign((weights_.size() + kBlock - 1) / kBlock, 0.0);
  for (std::size_t b = 0; b < block_total_.size(); ++b) build_block(b);
  build_top();
}

void BlockedAliasTable::update(std::size_t i, double w, std::uint8_t tag) {
  weights_.at(i) = w > 0 ? w : 0.0;
  tags_[i] = tag;
  const std::size_t block = i / kBlock;
  const double before = block_total_[block];
  build_block(block);
  // The top table is a function of the block totals alone: a retype that keeps the
  // weight (a negligent dealer turning corrupt) leaves it as a fresh build would.
  if (block_total_[block] != before) build_top();
}

void BlockedAliasTable::build_block(std::size_t block) {
  const std::size_t first = block * kBlock;
  const std::size_t n = std::min(kBlock, weights_.size() - first);
  const std::span<const double> w(weights_.data() + first, n);
  const std::span<const std::uint8_t> tags(tags_.data() + first, n);
  const std::span<AliasColumn> columns(columns_.data() + first, n);
  double total = 0;
  for (const double x : w) total += x;
  block_total_[block] = total;
  if (total > 0) {
    build_alias_columns(w, tags, total, columns, small_, large_);
    return;
  }
  // A block of zero weight is never picked by the top table; its columns stay valid.
  for (std::size_t i = 0; i < n; ++i) columns[i] = {1.0, static_cast<std::uint32_t>(i), tags[i], tags[i]};
}

void BlockedAliasTable::build_top() {
  total_ = 0;
  for (const double t : block_total_) total_ += t;
  top_.clear();
  if (!(total_ > 0)) return;
  top_work_.resize(block_total_.size());
  build_alias_columns(block_total_, {}, total_, top_work_, small_, large_);
  top_.resize(top_work_.size());
  for (std::size_t b = 0; b < top_.size(); ++b) {
    const AliasColumn& c = top_work_[b];
    top_[b] = {c.prob, c.prob > 0 ? 1.0 / c.prob : 0.0, c.prob < 1 ? 1.0 / (1.0 - c.prob) : 0.0, c.alias};
  }
}

}  // namespace gunflow
