#include "gunflow/model/due_calendar.hpp"

#include <algorithm>
#include <bit>

namespace gunflow {

void DueCalendar::reset(std::size_t slots, std::int32_t first_day, std::int32_t end_day) {
  due_day_.assign(slots, first_day);
  filed_.assign(static_cast<std::size_t>(std::max(0, end_day - first_day)), {});
  marked_.assign((slots + 63) / 64, 0);
  due_.clear();
  first_day_ = first_day;
  next_day_ = first_day;
  // Every slot starts due on the first day, as a zeroed due-day table would make it.
  if (!filed_.empty())
    for (std::size_t t = 0; t < slots; ++t) filed_[0].push_back(static_cast<std::uint32_t>(t));
}

std::span<const std::uint32_t> DueCalendar::take(std::int32_t today) {
  // A slot filed under a day up to today is a candidate; it is due if its due day has not
  // moved past today since (a later setting files it again under the later day).
  for (; next_day_ <= today; ++next_day_) {
    const auto i = static_cast<std::size_t>(next_day_ - first_day_);
    if (i >= filed_.size()) continue;
    for (const std::uint32_t t : filed_[i]) marked_[t / 64] |= std::uint64_t{1} << (t % 64);
    std::vector<std::uint32_t>().swap(filed_[i]);  // taken: its memory goes back
  }
  due_.clear();
  for (std::size_t w = 0; w < marked_.size(); ++w) {
    for (std::uint64_t bits = marked_[w]; bits != 0; bits &= bits - 1) {
      const auto t = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      if (due_day_[t] <= today) due_.push_back(t);
    }
    marked_[w] = 0;
  }
  return due_;
}

}  // namespace gunflow
