#pragma once
// Whether and when a gun held in Mexico will be recovered, drawn the day it arrives.
//
// The law (docs/ODD.md §7.10): on every day d from its arrival on, each gun held in a
// Mexican state is lost to attrition with probability a (`mexico.attrition_rate`/365),
// and if not, recovered by the authorities with probability r(d) (`mexico.recovery_rate`
// × (1 − corruption in force on d)/365), independently of every other gun and of
// everything else in the model. When the armed conflict moves which guns the
// authorities take (conflict_demand.hpp), r(d) is the class's: r_c(d).
//
// How it is sampled. A gun has two independent clocks: the day L its loss coin first
// comes up (geometric, P(L − arrival ≥ k) = (1 − a)^k) and the day R its recovery coin
// first comes up; it is recovered on R if R < L, lost on L if L ≤ R (a loss comes first
// on a day). R is built by thinning: the authorities get a chance at the gun each day
// with the fixed probability r̄ = `mexico.recovery_rate`/365 (its largest year's when it
// is given by year, times the largest factor of a class) ≥ r_c(d), and a chance on day d
// succeeds with probability r_c(d)/r̄ (it fails to corruption, or to a year or class of a
// lower rate). A gun with no chance
// before the end — about four in five — can only be lost, and its loss clock is
// independent of everything: the arsenal pools such guns and draws each day's losses
// among them as one Binomial(pool, a) (arsenal.hpp), so they cost one compare here. A gun
// with a chance gets its first chance's day, that chance's outcome, the later recovery
// if it failed (a SurvivalTable look-up in the products of 1 − r), and a loss day if the
// loss comes first.
//
// Common random numbers: whether a gun has a chance depends on r̄ only, not on r(d), so a
// policy that changes corruption from some date on (vetting) leaves every draw, the pool
// and all fates before that date exactly as in the baseline. Each gun uses one 64-bit
// draw, and a gun with a chance a second one.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/rng/stream.hpp"
#include "gunflow/rng/survival_table.hpp"

namespace gunflow {

class GunFates {
 public:
  GunFates() = default;
  /// Days [first_day, end_day); `recovery_per_day[i]` is r on day first_day + i, at most
  /// `recovery_chance` (r̄) on every day.
  GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
           const std::vector<double>& recovery_per_day, double recovery_chance);
  /// The same with a recovery rate per day for each class (`recovery_per_day[c]`);
  /// classes with equal rates share one table.
  GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day,
           const std::array<std::vector<double>, kNumClasses>& recovery_per_day, double recovery_chance);

  /// Draws the fates of `count` guns of class `cls` first exposed on `day` (they face
  /// that day's losses and recoveries; first_day <= day < end_day), in order, from `rng`: one 64-bit draw
  /// per gun, two for a gun with a chance of recovery before the end. For each gun with a
  /// chance, calls on_lost(day) or on_recovered(day) if it leaves before the end (days
  /// as Date::days()). Returns how many guns have no chance: they leave, if at all, by
  /// the daily attrition of the pool they join (attrition_per_day()).
  template <class OnLost, class OnRecovered>
  std::int64_t draw(std::int32_t day, std::int64_t count, FirearmClass cls, Rng& rng, OnLost&& on_lost,
                    OnRecovered&& on_recovered) const;

  [[nodiscard]] std::int32_t first_day() const { return first_day_; }
  [[nodiscard]] std::int32_t end_day() const { return end_day_; }
  /// a: the chance that a held gun is lost on a given day.
  [[nodiscard]] double attrition_per_day() const { return attrition_per_day_; }

 private:
  /// The days, the loss clock and the chances, checked; no recovery law yet.
  GunFates(std::int32_t first_day, std::int32_t end_day, double attrition_per_day, double recovery_chance);
  /// Adds the recovery law of daily rates `rates` (checked against the chance); its index.
  std::uint8_t add_recoveries(const std::vector<double>& rates, double recovery_chance);

  static double unit(std::uint64_t bits32) {  // (k + 1/2) / 2^32: never 0 or 1
    return (static_cast<double>(bits32) + 0.5) * (1.0 / 4294967296.0);
  }
  std::int32_t first_day_ = 0;
  std::int32_t end_day_ = 0;
  double attrition_per_day_ = 0;
  double log_kept_ = 0;  ///< log(1 − a), 0 when nothing is lost
  /// kept_[k] = (1 − a)^k: chance that a gun escapes attrition on k days in a row.
  std::vector<double> kept_;
  double log_no_chance_ = 0;  ///< log(1 − r̄), 0 when there are no chances
  /// no_chance_[k] = (1 − r̄)^k: chance of k days in a row without a chance of recovery.
  std::vector<double> no_chance_;
  /// One law of recovery over the days, shared by the classes recovered at the same rates.
  struct Recoveries {
    /// success[i] = r(first_day + i) / r̄: a chance that day succeeds.
    std::vector<double> success;
    /// unrecovered[i] = Π_{j<i} (1 − r(first_day + j)): chance of escaping recovery
    /// from the first day to day first_day + i (exclusive), ignoring attrition.
    SurvivalTable unrecovered;
  };
  std::vector<Recoveries> recoveries_;
  std::array<std::uint8_t, kNumClasses> recoveries_of_{};  ///< by class, its entry of recoveries_
};

template <class OnLost, class OnRecovered>
std::int64_t GunFates::draw(std::int32_t day, std::int64_t count, FirearmClass cls, Rng& rng, OnLost&& on_lost,
                            OnRecovered&& on_recovered) const {
  const Recoveries& law = recoveries_[recoveries_of_[index_of(cls)]];
  const SurvivalTable& unrecovered = law.unrecovered;
  const auto first = static_cast<std::size_t>(day - first_day_);
  const std::size_t end = unrecovered.size() - 1;
  const std::size_t days_left = end - first;
  const double no_chance_to_end = no_chance_[days_left];
  std::int64_t pooled = 0;
  for (std::int64_t g = 0; g < count; ++g) {
    const std::uint64_t bits = rng.next_u64();
    const double u_chance = unit(bits >> 32);
    // Days without a chance are geometric, P(>= k) = (1 − r̄)^k: none before the end
    // exactly when u <= (1 − r̄)^days_left.
    if (u_chance <= no_chance_to_end) {
      ++pooled;
      continue;
    }
    const auto quiet = static_cast<std::size_t>(std::log(u_chance) / log_no_chance_);
    const std::size_t chance = first + std::min(quiet, days_left - 1);  // the clamp only absorbs rounding
    const std::uint64_t more = rng.next_u64();
    std::size_t recovery = end;  // none before the end
    if (unit(more >> 32) < law.success[chance]) {
      recovery = chance;
    } else {
      // Recovered later on the first day d > chance with unrecovered[d + 1] <
      // unrecovered[chance + 1] × u (P(no recovery on chance + 1 … d) is their ratio).
      const double threshold = unit(more & 0xffffffffU) * unrecovered[chance + 1];
      if (unrecovered[end] < threshold) recovery = unrecovered.first_below(threshold) - 1;
    }
    // The loss comes first if L <= R: within the days first … R (or to the end).
    const std::size_t at_risk = (recovery < end ? recovery + 1 : end) - first;
    const double u_loss = unit(bits & 0xffffffffU);
    if (u_loss > kept_[at_risk]) {
      const auto survived = static_cast<std::size_t>(std::log(u_loss) / log_kept_);
      on_lost(first_day_ + static_cast<std::int32_t>(first + std::min(survived, at_risk - 1)));
    } else if (recovery < end) {
      on_recovered(first_day_ + static_cast<std::int32_t>(recovery));
    }
  }
  return pooled;
}

}  // namespace gunflow
