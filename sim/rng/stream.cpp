#include "gunflow/rng/stream.hpp"

namespace gunflow {

Rng::Rng(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity,
         std::uint64_t step) {
  key_ = {{seed, static_cast<std::uint64_t>(stream)}};
  ctr_ = {{replication, entity, step, 0}};
}

std::uint64_t Rng::next_u64() {
  if (used_ == 4) {
    block_ = Philox()(ctr_, key_);
    ++ctr_.v[3];  // the draw counter; 2^64 blocks per decision is never reached
    used_ = 0;
  }
  return block_.v[used_++];
}

double Rng::uniform() {
  // Top 52 bits plus half a step: (k + 0.5) / 2^52 is exact in a double for every k,
  // so neither 0 nor 1 can occur (log(u) is safe, u * n < n). With 53 bits the sum
  // 2^53 - 1 + 0.5 would round up to 2^53 and give exactly 1.0.
  constexpr double kScale = 1.0 / 4503599627370496.0;  // 2^-52
  return (static_cast<double>(next_u64() >> 12) + 0.5) * kScale;
}

}  // namespace gunflow
