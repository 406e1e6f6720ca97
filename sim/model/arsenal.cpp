#include "gunflow/model/arsenal.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "gunflow/core/prefetch.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {
constexpr auto kSlot = static_cast<std::size_t>(Arsenal::kSlotDays);
static_assert(Arsenal::kSlotDays <= 256, "a day within a slot is stored in one byte");

template <class T>
void release(std::vector<T>& v) {
  v.clear();
  v.shrink_to_fit();
}
}  // namespace

Arsenal::Arsenal(const GunFates& fates, const std::array<double, kNumClasses>& class_weight)
    : weight_(class_weight),
      first_day_(fates.first_day()),
      days_(static_cast<std::size_t>(std::max(0, fates.end_day() - fates.first_day()))),
      attrition_(fates.attrition_per_day()),
      fated_(true),
      lost_on_(days_),
      recovery_log_((days_ + kSlot - 1) / kSlot),
      recovery_start_(kSlot + 1, 0) {}

std::size_t Arsenal::index_of(std::int32_t day) const {
  const auto i = static_cast<std::size_t>(day - first_day_);
  if (day < first_day_ || i >= days_) throw std::out_of_range("Arsenal: day outside the run");
  return i;
}

void Arsenal::lose_on(std::size_t day_index, double weight) {
  DayLosses& day = lost_on_[day_index];
  ++day.guns;
  day.weight += static_cast<float>(weight);
  ++losses_pending_;
}

void Arsenal::recover_on(std::uint32_t origin, std::size_t day_index) {
  const std::size_t slot = day_index / kSlot;
  const Recovery r{origin, first_day_ + static_cast<std::int32_t>(day_index)};
  if (slot == open_)
    late_.push_back(r);
  else
    recovery_log_[slot].push_back(r);
  ++recoveries_pending_;
}

void Arsenal::add(const Lot& lot, std::int32_t day, const GunFates& fates, Rng& fate_rng) {
  if (lot.count <= 0) return;
  const double w = weight_[gunflow::index_of(lot.cls)];
  if (!fated_) {
    total_ += lot.count;
    weighted_total_ += w * static_cast<double>(lot.count);
    return;
  }
  (void)index_of(day);  // refuses a day outside the calendars before anything changes
  total_ += lot.count;
  weighted_total_ += w * static_cast<double>(lot.count);
  bool origin_kept = false;  // the lot's origin is stored at its first gun to be recovered
  const std::int64_t pooled = fates.draw(
      day, lot.count, lot.cls, fate_rng,
      [this, w](std::int32_t d) { lose_on(static_cast<std::size_t>(d - first_day_), w); },
      [this, &lot, &origin_kept](std::int32_t d) {
        if (!origin_kept) {
          origins_.push_back(lot);
          origin_kept = true;
        }
        recover_on(static_cast<std::uint32_t>(origins_.size() - 1), static_cast<std::size_t>(d - first_day_));
      });
  pooled_ += pooled;
  pooled_weight_ += w * static_cast<double>(pooled);
}

void Arsenal::open_slot(std::size_t slot) {
  open_ = slot;
  // A stable counting sort by day: the day's guns stay in arrival order.
  std::vector<Recovery>& log = recovery_log_[slot];
  const std::int32_t slot_first = first_day_ + static_cast<std::int32_t>(slot * kSlot);
  std::fill(recovery_start_.begin(), recovery_start_.end(), 0);
  for (const Recovery& r : log) ++recovery_start_[static_cast<std::size_t>(r.day - slot_first) + 1];
  for (std::size_t d = 0; d < kSlot; ++d) recovery_start_[d + 1] += recovery_start_[d];
  recoveries_.resize(log.size());
  std::array<std::uint32_t, kSlot> next{};
  std::copy(recovery_start_.begin(), recovery_start_.end() - 1, next.begin());
  for (const Recovery& r : log) recoveries_[next[static_cast<std::size_t>(r.day - slot_first)]++] = r;
  release(log);
  late_.clear();
}

void Arsenal::settle(std::int32_t day, std::vector<Lot>& recovered, Rng& attrition_rng) {
  recovered.clear();
  if (!fated_) return;
  const std::size_t i = index_of(day);
  if (day == settled_) return;  // a second call the same day hands over nothing
  settled_ = day;
  if (i / kSlot != open_) open_slot(i / kSlot);
  const std::size_t d = i % kSlot;
  auto hand_over = [this, &recovered](std::uint32_t index) {
    const GunOrigin& origin = origins_[index];
    weighted_total_ -= weight_[gunflow::index_of(origin.cls)];
    Lot gun;
    static_cast<GunOrigin&>(gun) = origin;
    gun.count = 1;
    recovered.push_back(gun);
  };
  for (std::uint32_t e = recovery_start_[d]; e < recovery_start_[d + 1]; ++e) hand_over(recoveries_[e].origin);
  for (const Recovery& r : late_)
    if (r.day == day) hand_over(r.origin);
  std::erase_if(late_, [day](const Recovery& r) { return r.day == day; });
  const std::int64_t lost = lost_on_[i].guns;
  const double lost_weight = lost_on_[i].weight;
  lost_on_[i] = {};
  const std::int64_t pool_lost = binomial(attrition_rng, pooled_, attrition_);
  const double pool_weight_lost =
      pooled_ > 0 ? pooled_weight_ * static_cast<double>(pool_lost) / static_cast<double>(pooled_) : 0.0;
  pooled_weight_ -= pool_weight_lost;
  weighted_total_ -= lost_weight + pool_weight_lost;
  pooled_ -= pool_lost;
  const auto n_recovered = static_cast<std::int64_t>(recovered.size());
  total_ -= lost + pool_lost + n_recovered;
  losses_pending_ -= lost;
  recoveries_pending_ -= n_recovered;
  // Tomorrow's recovered guns are known: start fetching their origins (scattered over
  // the run's lots) now, so tomorrow's hand-over does not wait for them.
  if (d + 1 < kSlot)
    for (std::uint32_t e = recovery_start_[d + 1]; e < recovery_start_[d + 2]; ++e)
      prefetch_for_read(&origins_[recoveries_[e].origin]);
}

}  // namespace gunflow
