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

}  // namespace gunflow
