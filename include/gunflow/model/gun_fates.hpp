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
// recovered, which is what makes it cheap (docs/performance.md, fourth round).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "gunflow/rng/stream.hpp"

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
  /// The first i with unrecovered_[i] < t, for unrecovered_.back() < t < 1.
  [[nodiscard]] std::size_t first_below(double t) const;

  std::int32_t first_day_ = 0;
  std::int32_t end_day_ = 0;
  double log_kept_ = 0;  ///< log(1 − a), 0 when nothing is lost
  /// kept_[k] = (1 − a)^k: chance that a gun escapes attrition on k days in a row.
  std::vector<double> kept_;
  /// unrecovered_[i] = Π_{j<i} (1 − r(first_day + j)): chance of escaping recovery
  /// from the first day to day first_day + i (exclusive), ignoring attrition.
  std::vector<double> unrecovered_;
  /// A guide to unrecovered_ (Chen & Asau's indexed search):
  /// [lowest_, 1] cut into equal slices at v_j = lowest_ + j × slice_width_ (v_last = 1);
  /// guide_[j] = the first i with unrecovered_[i] < v_j. A threshold in (v_j, v_{j+1}]
  /// has its answer in [guide_[j + 1], guide_[j]], most often one or two entries: a
  /// recovered gun's day costs a multiplication and a short search, not ~12 dependent
  /// loads of a binary search over the whole run.
  double lowest_ = 1;
  double slice_width_ = 0;
  double per_slice_ = 0;  // 1 / slice_width_
  std::vector<std::uint32_t> guide_;
};

inline std::size_t GunFates::first_below(double t) const {
  const std::size_t slices = guide_.size() - 1;
  auto j = static_cast<std::size_t>(std::max(0.0, (t - lowest_) * per_slice_));
  j = std::min(j, slices - 1);
  // The product above may round across a slice boundary: step back into the slice that
  // holds t (both loops run at most once or twice, and usually not at all).
  auto v = [this](std::size_t k) { return lowest_ + static_cast<double>(k) * slice_width_; };
  while (j > 0 && t <= v(j)) --j;
  while (j + 1 < slices && t > v(j + 1)) ++j;
  // A branch-free binary search of [guide_[j + 1], guide_[j]] (the answer is where
  // std::partition_point would put it): unpredictable branches cost more than loads here.
  const double* base = unrecovered_.data() + guide_[j + 1];
  for (std::size_t n = guide_[j] - guide_[j + 1] + 1; n > 1;) {
    const std::size_t half = n / 2;
    base = base[half - 1] >= t ? base + half : base;
    n -= half;
  }
  base += *base >= t ? 1 : 0;
  return static_cast<std::size_t>(base - unrecovered_.data());
}

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
    std::size_t stop = end;  // the day the gun stops being at risk of recovery
    const bool lost = u_loss > held_to_end;
    if (lost) {
      const auto survived = static_cast<std::size_t>(std::log(u_loss) / log_kept_);
      stop = first + std::min(survived, days_left - 1);  // the clamp only absorbs rounding
    }
    // Recovered on a day before `stop` (attrition acts first on the day of a loss) when
    // P(not recovered on days first..stop-1) = unrecovered_[stop] / unrecovered_[first] < u.
    if (unrecovered_[stop] < threshold) {
      // The first i in (first, stop] with unrecovered_[i] < threshold: recovered on day i − 1.
      on_recovered(first_day_ + static_cast<std::int32_t>(first_below(threshold)) - 1);
    } else if (lost) {
      on_lost(first_day_ + static_cast<std::int32_t>(stop));
    }
  }
}

}  // namespace gunflow
