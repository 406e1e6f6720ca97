#pragma once
// Values by calendar year from a first year, held before it and after the last: the
// yearly tables made from dated inputs (demand split by state, US sales by state).
#include <algorithm>
#include <cstddef>
#include <utility>
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

/// A series given at some years, read in `year`: linear between the years written (or,
/// with `step`, the last value written at or before it) and held at the first (last)
/// value before (after) them. `points` needs increasing years and at least one point.
inline double value_in_year(const std::vector<std::pair<int, double>>& points, int year, bool step = false) {
  const auto after = std::upper_bound(points.begin(), points.end(), year,
                                      [](int y, const std::pair<int, double>& p) { return y < p.first; });
  if (after == points.begin()) return points.front().second;
  const auto before = after - 1;
  if (after == points.end() || step || before->first == year) return before->second;
  const double f = static_cast<double>(year - before->first) / static_cast<double>(after->first - before->first);
  return before->second + f * (after->second - before->second);
}

}  // namespace gunflow
