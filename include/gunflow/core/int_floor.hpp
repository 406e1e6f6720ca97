#pragma once
// ⌊x⌋ as an integer without a libm call. Baseline x86-64 (what Debian and this build
// target) has no rounding instruction, so std::floor is an out-of-line call; on the
// trip's hot path (a network's budget, backlog and a dealer's room, every trip) that call
// was about 1% of a replication.
#include <cstdint>

namespace gunflow {

/// ⌊x⌋ for finite x with |x| < 2^63: exactly static_cast<std::int64_t>(std::floor(x)).
/// The cast truncates toward zero; the truncated value is an integer no wider than x,
/// so converting it back is exact and the comparison says whether x lay below it.
inline std::int64_t int_floor(double x) {
  const auto toward_zero = static_cast<std::int64_t>(x);
  return toward_zero - (static_cast<double>(toward_zero) > x ? 1 : 0);
}

}  // namespace gunflow
