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

struct FlowColumn {
  std::string title;
  std::vector<Bar> nodes;  ///< value = flow through the node
};

/// Schematic flow map: columns of nodes (e.g. source states → crossings → Mexican
/// states) with link widths proportional to flow, links split in proportion to the
/// next column's shares (the model tallies each stage, not origin-destination pairs).
std::string flow_map(const std::vector<FlowColumn>& columns);

/// Escapes text for HTML/SVG.
std::string escape(const std::string& text);
/// Compact number: 12,345 / 0.123 / 1.2e6.
std::string number(double x);

}  // namespace gunflow::svg
