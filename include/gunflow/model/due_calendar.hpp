#pragma once
// When each network slot next needs attention (its next trip if active, a look at the
// market if empty), and which slots are due on a given day, in slot order.
//
// A day's due slots used to be found by scanning every slot's due day: about 6,000
// comparisons a day for some 350 due slots, 4% of a replication's instructions. Here a
// slot is also filed under its due day when that day is set, and a day's list is the
// slots filed under it (or under any earlier day not yet taken), kept in slot order
// through a bitset. The list is exactly what the scan would give: every slot whose due
// day is today or earlier, in index order (tested against the scan).
#include <cstdint>
#include <span>
#include <vector>

namespace gunflow {

class DueCalendar {
 public:
  /// `slots` slots, none filed yet, over the days [first_day, end_day) (a day outside
  /// is never taken: a slot due after the run is never due within it).
  void reset(std::size_t slots, std::int32_t first_day, std::int32_t end_day);

  /// Slot t is next due on `day` (a day already taken files it under the next one, as a
  /// scan would find it then).
  void set(std::size_t t, std::int32_t day) {  // inline: called on every trip
    due_day_[t] = day;
    const auto i = static_cast<std::size_t>((day > next_day_ ? day : next_day_) - first_day_);
    if (i < filed_.size()) filed_[i].push_back(static_cast<std::uint32_t>(t));
  }
  [[nodiscard]] std::int32_t day(std::size_t t) const { return due_day_[t]; }
  [[nodiscard]] std::size_t size() const { return due_day_.size(); }

  /// The slots due on `today` (due day ≤ today), in slot order. Days up to `today` are
  /// then taken. The span is valid until the next call.
  std::span<const std::uint32_t> take(std::int32_t today);

 private:
  std::vector<std::int32_t> due_day_;
  std::vector<std::vector<std::uint32_t>> filed_;  ///< per day from first_day_: slots filed then
  std::vector<std::uint64_t> marked_;              ///< the day's candidates, one bit per slot
  std::vector<std::uint32_t> due_;                 ///< the last day's list
  std::int32_t first_day_ = 0;
  std::int32_t next_day_ = 0;  ///< the first day not yet taken
};

}  // namespace gunflow
