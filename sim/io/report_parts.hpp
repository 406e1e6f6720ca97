#pragma once
// Pieces shared by the report's run sections (html_report.cpp) and compare sections
// (compare_report.cpp); internal to io.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/io/html_report.hpp"
#include "gunflow/io/svg_chart.hpp"

namespace gunflow::report {

/// A metric's unit and description, from the directory's metrics.csv.
struct MetricText {
  std::string unit, description, kind;
};
/// The catalogue of metrics.csv in `dir` (empty, with a note, if it is missing).
std::map<std::string, MetricText> read_metric_catalogue(const std::filesystem::path& dir,
                                                        std::vector<std::string>& notes);
/// How a value of the metric reads on an axis: "guns per year" (flows), "guns at year end"
/// (stocks), the unit alone (shares, means, money); "" when the catalogue lacks it.
std::string per_year_unit(const std::map<std::string, MetricText>& catalogue, const std::string& metric);
/// "name (unit)" for a metric, or the name alone when the catalogue lacks it.
std::string metric_label(const std::map<std::string, MetricText>& catalogue, const std::string& metric);

/// The headline metrics of both report kinds, in the order they are shown.
inline const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> m = {
      "guns_trafficked", "guns_arrived_mexico", "us_border_seizures", "traces",
      "arrests",         "homicides",           "homicides_firearm",  "arsenal_stock"};
  return m;
}

/// The comparison sections of a compare directory.
std::string compare_sections(const std::filesystem::path& dir, const nlohmann::json& cmp, const ReportContext& ctx,
                             std::vector<std::string>& notes);

}  // namespace gunflow::report
