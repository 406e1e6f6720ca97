#pragma once
// A scalar scenario key given year by year: `border.inspection_rate: {2004: 0.01, 2011: 0.03}`.
// The value in force for a calendar year is read on 1 January of that year: a real key
// is interpolated linearly between the years written and held at the first (last) value
// before (after) them; an integer key keeps the value of the last year written at or
// before it (a step). The model switches to the year's values on each 1 January
// (model/simulation), so a dated key changes nothing inside a year.
#include <string>
#include <utility>
#include <vector>

namespace gunflow {

struct Settings;

/// Earliest and latest year a series may name (the Date range the model uses is wider).
inline constexpr int kFirstSeriesYear = 1900, kLastSeriesYear = 2200;

struct DatedSeries {
  std::string path;                            ///< the schema key
  std::vector<std::pair<int, double>> points;  ///< (year, value), years strictly increasing, at least one
  bool step = false;                           ///< integer keys: hold, do not interpolate

  /// The value in force during `year`.
  [[nodiscard]] double at(int year) const;
};

/// Keys read once, when the world and its tables are built or the run is laid out: a
/// series there would be silently ignored, so the loader refuses one.
bool may_vary_by_year(const std::string& path);

/// `settings` with every dated key at its value for `year`; the copy holds no series.
Settings settings_in_year(const Settings& settings, int year);

/// The series of `path` in `settings`, or nullptr.
const DatedSeries* dated_series(const Settings& settings, const std::string& path);

/// Removes any series of `path` (a plain value was set for the key).
void drop_dated_series(Settings& settings, const std::string& path);

}  // namespace gunflow
