#include "gunflow/model/gun_fates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace gunflow {

GunFates::GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
                   const std::vector<double>& recovery_per_day)
    : first_day_(first_day), end_day_(end_day) {
  const auto horizon = static_cast<std::size_t>(std::max(0, end_day - first_day));
  if (recovery_per_day.size() != horizon) throw std::invalid_argument("GunFates: one recovery rate per day");
  if (!(attrition_per_day >= 0 && attrition_per_day < 1))
    throw std::invalid_argument("GunFates: daily attrition must lie in [0, 1)");
  log_kept_ = std::log1p(-attrition_per_day);
  kept_.resize(horizon + 1);
  std::vector<double> unrecovered(horizon + 1);
  kept_[0] = 1.0;
  unrecovered[0] = 1.0;
  for (std::size_t i = 0; i < horizon; ++i) {
    kept_[i + 1] = kept_[i] * (1.0 - attrition_per_day);
    unrecovered[i + 1] = unrecovered[i] * (1.0 - std::clamp(recovery_per_day[i], 0.0, 1.0));
  }
  unrecovered_ = SurvivalTable(std::move(unrecovered));
}

}  // namespace gunflow
