#include "gunflow/rng/stream.hpp"

namespace gunflow {

Rng::Rng(std::uint64_t seed, StreamId stream, std::uint64_t replication, std::uint64_t entity,
         std::uint64_t step) {
  key_ = {{seed, static_cast<std::uint64_t>(stream)}};
  ctr_ = {{replication, entity, step, 0}};
}

void Rng::refill() {
  block_ = Philox()(ctr_, key_);
  ++ctr_.v[3];  // the draw counter; 2^64 blocks per decision is never reached
  used_ = 0;
}

}  // namespace gunflow
