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
  // Top 53 bits, shifted by half an ulp so neither 0 nor 1 can occur (log(u) is safe).
  constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53
  return (static_cast<double>(next_u64() >> 11) + 0.5) * kScale;
}

}  // namespace gunflow
