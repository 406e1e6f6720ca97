#include "gunflow/model/gun_fates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace gunflow {

GunFates::GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day, double recovery_chance)
    : first_day_(first_day), end_day_(end_day), attrition_per_day_(attrition_per_day) {
  if (!(attrition_per_day >= 0 && attrition_per_day < 1))
    throw std::invalid_argument("GunFates: daily attrition must lie in [0, 1)");
  if (!(recovery_chance >= 0 && recovery_chance < 1))
    throw std::invalid_argument("GunFates: the daily chance of recovery must lie in [0, 1)");
  const auto horizon = static_cast<std::size_t>(std::max(0, end_day - first_day));
  log_kept_ = std::log1p(-attrition_per_day);
  log_no_chance_ = std::log1p(-recovery_chance);
  kept_.resize(horizon + 1);
  no_chance_.resize(horizon + 1);
  kept_[0] = no_chance_[0] = 1.0;
  for (std::size_t i = 0; i < horizon; ++i) {
    kept_[i + 1] = kept_[i] * (1.0 - attrition_per_day);
    no_chance_[i + 1] = no_chance_[i] * (1.0 - recovery_chance);
  }
}

GunFates::GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
                   const std::vector<double>& recovery_per_day, double recovery_chance)
    : GunFates(first_day, end_day, attrition_per_day, recovery_chance) {
  recoveries_of_.fill(add_recoveries(recovery_per_day, recovery_chance));
}

GunFates::GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
                   const std::array<std::vector<double>, kNumClasses>& recovery_per_day, double recovery_chance)
    : GunFates(first_day, end_day, attrition_per_day, recovery_chance) {
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    // A class recovered at the rates of an earlier one shares its law.
    std::size_t same = 0;
    while (same < c && recovery_per_day[same] != recovery_per_day[c]) ++same;
    recoveries_of_[c] = same < c ? recoveries_of_[same] : add_recoveries(recovery_per_day[c], recovery_chance);
  }
}

std::uint8_t GunFates::add_recoveries(const std::vector<double>& rates, double recovery_chance) {
  const std::size_t horizon = kept_.size() - 1;
  if (rates.size() != horizon) throw std::invalid_argument("GunFates: one recovery rate per day");
  Recoveries law;
  law.success.resize(horizon);
  std::vector<double> unrecovered(horizon + 1);
  unrecovered[0] = 1.0;
  for (std::size_t i = 0; i < horizon; ++i) {
    const double r = rates[i];
    if (!(r >= 0 && r <= recovery_chance))
      throw std::invalid_argument("GunFates: a day's recovery must lie in [0, the daily chance]");
    law.success[i] = recovery_chance > 0 ? std::min(1.0, r / recovery_chance) : 0.0;
    unrecovered[i + 1] = unrecovered[i] * (1.0 - r);
  }
  law.unrecovered = SurvivalTable(std::move(unrecovered));
  recoveries_.push_back(std::move(law));
  return static_cast<std::uint8_t>(recoveries_.size() - 1);
}

}  // namespace gunflow
