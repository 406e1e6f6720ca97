#pragma once
// Fixed-address draws for the several decisions one entity makes on one day.
//
// Common random numbers need every decision to see the same numbers in two scenarios
// whatever else happened: a decision skipped, a probability switched to 0, another
// decision drawing twice. A single stream consumed in sequence cannot promise that (one
// extra draw shifts all later ones). Here each decision has its own address in the
// entity-day's Philox blocks (key {seed, stream}, counter {replication, entity, step, b}):
//   - its first draw is a fixed slot: a whole 64-bit output ("wide"), or 32 bits of one
//     ("narrow": a uniform on a grid of 2^-32, ample for a choice among a few options,
//     a dealer among thousands, or a probability of a fraction of a percent);
//   - its later draws, if any (a second uniform, a rejection sampler's retries), come
//     from its own counter {replication, entity, step, kOwn | d << 32 | i}.
// A block is computed only when a decision in it is first asked for, so the decisions
// usually taken together share one Philox call while none depends on another.
#include <array>
#include <cstddef>
#include <cstdint>

#include "gunflow/rng/stream.hpp"

namespace gunflow {

/// Where a decision's first draw sits: `half` counts 32-bit halves from the start of
/// block 0 (eight to a block); a wide slot takes halves `half` and `half + 1` (half even).
struct DrawSlot {
  std::uint16_t half;
  bool wide;
};

/// Each of N decisions in its own wide slot, in order (four to a block).
template <std::size_t N>
constexpr std::array<DrawSlot, N> wide_slots() {
  std::array<DrawSlot, N> slots{};
  for (std::size_t d = 0; d < N; ++d) slots[d] = {static_cast<std::uint16_t>(2 * d), true};
  return slots;
}

/// Whether `layout` is usable with `blocks` blocks: every slot inside them, every wide slot
/// at an even half, and no half read by two decisions (which would see the same number).
/// Checked when a DecisionDraws is instantiated.
template <std::size_t N>
constexpr bool valid_layout(const std::array<DrawSlot, N>& layout, std::size_t blocks) {
  std::array<bool, 8 * 32> taken{};
  for (const DrawSlot& slot : layout) {
    const std::size_t width = slot.wide ? 2 : 1;
    if (slot.half / 8 >= blocks || (slot.wide && slot.half % 2 != 0)) return false;
    for (std::size_t h = slot.half; h < slot.half + width; ++h) {
      if (taken[h]) return false;
      taken[h] = true;
    }
  }
  return true;
}

/// The draws of the decisions laid out by `kLayout` (a constexpr std::array<DrawSlot, N>
/// with static storage) over `kBlocks` Philox blocks. The layout is a template argument,
/// not a member: a decision's slot is then a constant where it is asked for, and reading
/// a draw compiles to a test of one bit and a load (a trip reads a dozen; with the layout
/// behind a pointer each read also loaded and decoded its slot: 3% of a replication's
/// instructions, docs/performance.md).
template <const auto& kLayout, std::size_t kBlocks>
class DecisionDraws {
 public:
  static_assert(kBlocks > 0 && kBlocks <= 32, "one bit per block in computed_");
  static_assert(valid_layout(kLayout, kBlocks),
                "a slot outside the blocks, a wide slot at an odd half, or a shared half");
  DecisionDraws(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity,
                std::uint64_t step)
      : key_{{seed, static_cast<std::uint64_t>(stream)}}, ctr_{{replication, entity, step, 0}} {}

  /// Decision `d`'s stream: the same numbers whether or not any other decision drew.
  [[nodiscard, gnu::always_inline]] Rng rng(std::size_t d) {
    Rng::Philox::ctr_type own = ctr_;
    own.v[3] = kOwn | (static_cast<std::uint64_t>(d) << 32);
    return Rng(key_, own, first(d));
  }
  /// Decision `d`'s first draw as a uniform in (0, 1) (what rng(d).uniform() gives).
  [[nodiscard, gnu::always_inline]] double uniform(std::size_t d) { return Rng::uniform_at(first(d) >> 12); }
  /// Decision `d`'s first draw as 64 bits (what rng(d).next_u64() gives).
  [[nodiscard, gnu::always_inline]] std::uint64_t bits(std::size_t d) { return first(d); }

 private:
  static constexpr std::uint64_t kOwn = std::uint64_t{1} << 63;  // apart from the shared blocks
  static constexpr std::uint64_t kTop32 = 0xFFFFFFFF00000000u;
  // The slot's random bits, in the top of a 64-bit word (a narrow slot's low 32 are zero).
  // Inline: a trip asks for a dozen draws, and a call each cost more than the Philox
  // blocks behind them (measured with callgrind); the block itself is computed out of line.
  [[nodiscard, gnu::always_inline]] std::uint64_t first(std::size_t d) {
    const DrawSlot slot = kLayout[d];
    const std::size_t b = slot.half / 8;
    if (!(computed_ & (std::uint32_t{1} << b))) compute(b);
    const std::uint64_t word = blocks_[b].v[(slot.half % 8) / 2];
    if (slot.wide) return word;
    return slot.half % 2 == 0 ? word & kTop32 : word << 32;
  }
  [[gnu::noinline]] void compute(std::size_t b) {
    Rng::Philox::ctr_type at = ctr_;
    at.v[3] = b;
    blocks_[b] = Rng::Philox()(at, key_);
    computed_ |= std::uint32_t{1} << b;
  }
  Rng::Philox::key_type key_;
  Rng::Philox::ctr_type ctr_;
  std::array<Rng::Philox::ctr_type, kBlocks> blocks_;  // valid where computed_ has the bit
  std::uint32_t computed_ = 0;
};

/// The i-th decision of a kind an entity takes on one day (the k-th recovered gun's
/// trace, the k-th inspection), when their number varies: narrow draw i sits at half i
/// of the entity-day's blocks, so a decision's draw depends only on its index, not on
/// how many draws the ones before it took. Reads indices in increasing order cheaply
/// (one block kept).
class IndexedDraws {
 public:
  IndexedDraws(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity, std::uint64_t step)
      : key_{{seed, static_cast<std::uint64_t>(stream)}}, ctr_{{replication, entity, step, 0}} {}
  /// Draw i as a uniform in (0, 1) on a grid of 2^-32.
  [[nodiscard]] double uniform(std::uint64_t i) {
    const std::uint64_t b = i / 8;
    if (b != block_index_) {
      ctr_.v[3] = b;
      block_ = Rng::Philox()(ctr_, key_);
      block_index_ = b;
    }
    const std::uint64_t word = block_.v[(i % 8) / 2];
    return Rng::uniform_at((i % 2 == 0 ? word >> 32 : word & 0xFFFFFFFFu) << 20);
  }

 private:
  Rng::Philox::key_type key_;
  Rng::Philox::ctr_type ctr_;
  Rng::Philox::ctr_type block_{};
  std::uint64_t block_index_ = ~std::uint64_t{0};
};

}  // namespace gunflow
