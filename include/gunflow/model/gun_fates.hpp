#pragma once
// When a gun held in Mexico leaves its arsenal, drawn the day it arrives.
//
// The law (docs/ODD.md §7.10): on every day d from its arrival on, each gun held in a
// Mexican state is lost to attrition with probability a (`mexico.attrition_rate`/365),
// and if not, recovered by the authorities with probability r(d) (`mexico.recovery_rate`
// × (1 − corruption in force on d)/365), independently of every other gun and of
// everything else in the model. Neither a nor r depends on the model's state (only on
// the scenario and the date), so a gun's whole future — lost on day D, recovered on day
// R, or still held at the end — can be drawn from one 64-bit draw when it arrives. An
// arsenal then only has to keep a count of losses per day and the guns that will be
// recovered, which is what makes it cheap (docs/performance.md, fourth round). The
// recovery day is found by inversion in a table of survival probabilities
// (survival_table.hpp), the loss day from a logarithm.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "gunflow/rng/stream.hpp"
#include "gunflow/rng/survival_table.hpp"

namespace gunflow {

class GunFates {
 public:
  GunFates() = default;
  /// Days [first_day, end_day); `recovery_per_day[i]` is r on day first_day + i.
  GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
           const std::vector<double>& recovery_per_day);

  /// Draws the fates of `count` guns first exposed on `day` (they face that day's losses
  /// and recoveries; first_day <= day < end_day), one 64-bit draw of `rng` per gun, in
  /// order: its high 32 bits decide the loss, its low 32 bits the recovery. Calls
  /// on_lost(day) or on_recovered(day) for each gun that leaves before the end (days as
  /// Date::days()); nothing for guns held to the end.
  template <class OnLost, class OnRecovered>
  void draw(std::int32_t day, std::int64_t count, Rng& rng, OnLost&& on_lost, OnRecovered&& on_recovered) const;

  [[nodiscard]] std::int32_t first_day() const { return first_day_; }
  [[nodiscard]] std::int32_t end_day() const { return end_day_; }

 private:
  static double unit(std::uint64_t bits32) {  // (k + 1/2) / 2^32: never 0 or 1
    return (static_cast<double>(bits32) + 0.5) * (1.0 / 4294967296.0);
  }
  std::int32_t first_day_ = 0;
  std::int32_t end_day_ = 0;
  double log_kept_ = 0;  ///< log(1 − a), 0 when nothing is lost
  /// kept_[k] = (1 − a)^k: chance that a gun escapes attrition on k days in a row.
  std::vector<double> kept_;
  /// unrecovered_[i] = Π_{j<i} (1 − r(first_day + j)): chance of escaping recovery
  /// from the first day to day first_day + i (exclusive), ignoring attrition.
  SurvivalTable unrecovered_;
};

template <class OnLost, class OnRecovered>
void GunFates::draw(std::int32_t day, std::int64_t count, Rng& rng, OnLost&& on_lost,
                    OnRecovered&& on_recovered) const {
  const auto first = static_cast<std::size_t>(day - first_day_);
  const std::size_t end = unrecovered_.size() - 1;
  const std::size_t days_left = end - first;
  const double held_to_end = kept_[days_left];
  const double unrecovered_first = unrecovered_[first];
  for (std::int64_t g = 0; g < count; ++g) {
    const std::uint64_t bits = rng.next_u64();
    const double u_loss = unit(bits >> 32);
    const double threshold = unit(bits & 0xffffffffU) * unrecovered_first;
    // Attrition: the days survived before the loss are geometric, P(>= k) = (1 − a)^k;
    // >= days_left (held to the end) exactly when u <= (1 − a)^days_left.
    // (A logarithm here measured as fast as a look-up in kept_ through a SurvivalTable.)
    std::size_t stop = end;  // the day the gun stops being at risk of recovery
    const bool lost = u_loss > held_to_end;
    if (lost) {
      const auto survived = static_cast<std::size_t>(std::log(u_loss) / log_kept_);
      stop = first + std::min(survived, days_left - 1);  // the clamp only absorbs rounding
    }
    // Recovered on a day before `stop` (attrition acts first on the day of a loss) when
    // P(not recovered on days first..stop-1) = unrecovered_[stop] / unrecovered_[first] < u.
    if (unrecovered_[stop] < threshold) {
      // The first i in (first, stop] with unrecovered_[i] < threshold (the first overall:
      // unrecovered_[first] > threshold): recovered on day i − 1.
      on_recovered(first_day_ + static_cast<std::int32_t>(unrecovered_.first_below(threshold)) - 1);
    } else if (lost) {
      on_lost(first_day_ + static_cast<std::int32_t>(stop));
    }
  }
}

}  // namespace gunflow
