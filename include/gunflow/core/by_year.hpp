#pragma once
// Values by calendar year from a first year, held before it and after the last: the
// yearly tables made from dated inputs (demand split by state, US sales by state).
#include <algorithm>
#include <cstddef>
#include <vector>

namespace gunflow {

template <class T>
struct ByYear {
  int first = 0;          ///< the calendar year of values[0]
  std::vector<T> values;  ///< one per year from `first`

  [[nodiscard]] bool empty() const { return values.empty(); }
  /// The entry a year reads: its own, or the first or last one outside the span.
  /// Requires !empty().
  [[nodiscard]] std::size_t index(int year) const {
    const int last = static_cast<int>(values.size()) - 1;
    return static_cast<std::size_t>(std::clamp(year - first, 0, last));
  }
  [[nodiscard]] const T& at(int year) const { return values[index(year)]; }
};

}  // namespace gunflow
