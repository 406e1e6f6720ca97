#pragma once
// Small SVG charts for the self-contained HTML report: no scripts, no network, so the
// report opens anywhere and prints cleanly.
#include <string>
#include <vector>

namespace gunflow::svg {

struct SeriesPoint {
  double x = 0, mean = 0, low = 0, high = 0;
};

/// A line with a shaded 95% band.
std::string line_with_band(const std::string& title, const std::string& y_label,
                           const std::vector<SeriesPoint>& points);

struct Bar {
  std::string label;
  double value = 0, low = 0, high = 0;  ///< low == high == value: no error bar
};

/// Horizontal bars (with error bars where given); negative values extend left of zero.
std::string bars(const std::string& title, const std::vector<Bar>& bars, const std::string& unit = "");

/// Round tick values covering [lo, hi], 1, 2 or 5 × 10^k apart, about `target` of them
/// (so an axis reads 0, 50,000, 100,000 rather than 0, 118,569, 237,139).
std::vector<double> nice_ticks(double lo, double hi, int target = 4);

struct LineSeries {
  std::string label;  ///< legend text
  std::vector<SeriesPoint> points;
};

/// Several lines with their 95% bands on one axis (e.g. baseline and policy), and a
/// dashed vertical marker at `marker_x` with its label (no marker when the label is empty).
std::string lines_with_bands(const std::string& title, const std::string& y_label,
                             const std::vector<LineSeries>& series, double marker_x = 0,
                             const std::string& marker_label = "");

/// Horizontal bars with intervals on one shared, labelled axis with round ticks, so every
/// bar is measured against the same scale (effects of several metrics and scenarios).
std::string shared_axis_bars(const std::string& title, const std::vector<Bar>& bars, const std::string& axis_label,
                             const std::string& unit);

/// Escapes text for HTML/SVG.
std::string escape(const std::string& text);
/// Compact number: 12,345 / 0.123 / 1.2e6.
std::string number(double x);

}  // namespace gunflow::svg
