#include "gunflow/model/gun_fates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

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
  unrecovered_.resize(horizon + 1);
  kept_[0] = 1.0;
  unrecovered_[0] = 1.0;
  for (std::size_t i = 0; i < horizon; ++i) {
    kept_[i + 1] = kept_[i] * (1.0 - attrition_per_day);
    unrecovered_[i + 1] = unrecovered_[i] * (1.0 - std::clamp(recovery_per_day[i], 0.0, 1.0));
  }
  // The guide to first_below: one slice per day of the run. Slice bounds and the table
  // both run monotonically, so one merged pass fills it. v_0 = lowest_ answers past the
  // end; it is never asked for (thresholds lie above lowest_), so it is clamped to it.
  // Must compute v_j exactly as first_below does.
  lowest_ = unrecovered_.back();
  const std::size_t slices = std::max<std::size_t>(horizon, 1);
  slice_width_ = (1.0 - lowest_) / static_cast<double>(slices);
  per_slice_ = slice_width_ > 0 ? 1.0 / slice_width_ : 0.0;
  guide_.assign(slices + 1, 0);
  std::size_t i = horizon;  // the answer for v_0 (clamped), falling as the bound rises
  for (std::size_t j = 0; j <= slices; ++j) {
    // The top bound is 1 itself (no threshold reaches it), whatever the rounding.
    const double v = j == slices ? 1.0 : lowest_ + static_cast<double>(j) * slice_width_;
    while (i > 0 && unrecovered_[i - 1] < v) --i;  // first i with unrecovered_[i] < v
    guide_[j] = static_cast<std::uint32_t>(i);
  }
}

}  // namespace gunflow
