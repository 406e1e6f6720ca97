#include "gunflow/model/conflict_demand.hpp"

#include <algorithm>

namespace gunflow {

ClassMix conflict_class_mix(const ClassMix& mix_ref, const ClassMix& ratio, double conflict_ref, double conflict) {
  const double ref = std::clamp(conflict_ref, 0.0, 1.0);
  const double now = std::clamp(conflict, 0.0, 1.0);
  ClassMix mix{};
  double total = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    const double per_homicide_ref = 1.0 - ref + ref * ratio[c];
    mix[c] = per_homicide_ref > 0 ? mix_ref[c] * (1.0 - now + now * ratio[c]) / per_homicide_ref : mix_ref[c];
    total += mix[c];
  }
  if (total > 0)
    for (double& x : mix) x /= total;
  return mix;
}

ClassMix conflict_recovery_factor(const ClassMix& recovery_ratio, double conflict_ref, double conflict) {
  const double ref = std::clamp(conflict_ref, 0.0, 1.0);
  const double now = std::clamp(conflict, 0.0, 1.0);
  ClassMix factor{};
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    // Exactly 1 at ratio 1 (the formula's roundings could miss it), so such a class is
    // drawn at the calibrated rates themselves.
    const double per_gun_ref = 1.0 - ref + ref * recovery_ratio[c];
    factor[c] =
        recovery_ratio[c] == 1.0 || per_gun_ref <= 0 ? 1.0 : (1.0 - now + now * recovery_ratio[c]) / per_gun_ref;
  }
  return factor;
}

}  // namespace gunflow
