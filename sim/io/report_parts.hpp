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

/// One row of a CSV file gunflow wrote, by column name.
using CsvRow = std::map<std::string, std::string>;
/// The rows of a CSV file gunflow wrote (quoted fields may hold commas); IoError when a
/// row's field count differs from the header's.
std::vector<CsvRow> read_output_csv(const std::filesystem::path& path);

/// A percent effect with an interval; `known` is false where there is none to show.
struct PctInterval {
  double centre = 0, low = 0, high = 0;
  bool known = false;
};

/// What an ensemble of the same scenarios adds to a comparison's effect table
/// (compare_uncertainty.cpp). The ensemble's effects are on the mean of its effect years,
/// so the comparison's own effect is recomputed over the same years for the row beside it.
struct EnsembleColumns {
  std::string dir;                    ///< the ensemble directory, as named with --ensemble
  int first_year = 0, last_year = 0;  ///< the ensemble's effect years
  std::map<std::pair<std::string, std::string>, PctInterval> across_sets;  ///< (policy, metric): median, 5%, 95%
  std::map<std::pair<std::string, std::string>, PctInterval> this_run;     ///< (scenario, metric): paired 95% MC
};
/// Reads the ensemble in `ensemble_dir` and the comparison's replications.csv. Throws
/// InputError (key --ensemble) when the directory holds no finished ensemble or its
/// baseline is not the comparison's; scenarios of one missing from the other are noted.
EnsembleColumns ensemble_columns(const std::filesystem::path& compare_dir, const nlohmann::json& cmp,
                                 const std::string& ensemble_dir, std::vector<std::string>& notes);

/// The comparison sections of a compare directory.
std::string compare_sections(const std::filesystem::path& dir, const nlohmann::json& cmp, const ReportContext& ctx,
                             std::vector<std::string>& notes);

}  // namespace gunflow::report
