#pragma once
// Text forms of results: tidy per-replication CSV, summaries as CSV and JSON, run
// metadata. Pure functions returning strings; the caller writes them atomically.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/tally/layout.hpp"
#include "gunflow/tally/reduce.hpp"

namespace gunflow {

/// Shortest decimal text that reads back to the same double.
std::string format_number(double x);
/// format_number(x) appended to `out` (no temporary string: outputs hold 10^5 numbers).
void append_number(std::string& out, double x);
/// A comma, then `field`, appended to a CSV line. (GCC 12 warns, falsely, about the
/// temporaries of `line += "," + field`: its bug 105651.)
inline void append_field(std::string& line, std::string_view field) {
  line += ',';
  line += field;
}
/// A comma, then format_number(x), appended to a CSV line (through append_number: no
/// temporary string).
inline void append_number_field(std::string& line, double x) {
  line += ',';
  append_number(line, x);
}
/// `s` as one CSV field: as it is, or quoted with its quotes doubled when it holds a
/// comma, a quote or a newline (RFC 4180).
std::string csv_field(const std::string& s);

/// The `key` column of every output: the series' breakdown key, or "total" for a
/// metric's total (the layout keeps "" internally).
inline const std::string& output_key(const std::string& key) {
  static const std::string total = "total";
  return key.empty() ? total : key;
}

/// The current time as ISO 8601 UTC ("2026-01-31T12:00:00Z"), for run.json.
std::string utc_now();

/// scenario,replication,year,metric,key,value — one row per cell, replication order.
std::string replications_csv(const std::string& scenario, const MetricLayout& layout,
                             const std::vector<ReplicationResult>& results);
/// The same in pieces, for streaming: the header line, then each result's rows.
extern const char* const kReplicationsCsvHeader;
void append_replication_rows(std::string& out, const std::string& scenario, const MetricLayout& layout,
                             const ReplicationResult& result);
/// scenario,year,metric,key,n,mean,sd,ci_low,ci_high,q05,q50,q95
std::string summary_csv(const std::string& scenario, const SummaryTable& table);
/// summary.json's text: {"scenario":…, "metrics":[{"metric","key","years":[{"year","n",
/// "mean",…}]}]}, pretty-printed as nlohmann::json's dump(1) would, with a final newline.
std::string summary_json(const std::string& scenario, const SummaryTable& table);

struct RunMetadata {
  std::string scenario_file;
  std::uint64_t seed = 0;
  std::uint64_t replications_requested = 0;
  std::uint64_t replications_finished = 0;
  int threads = 0;
  double wall_seconds = 0.0;
  bool interrupted = false;
  std::string started_utc;
  std::vector<std::string> overrides;               ///< `--set key=value`, in the order given
  nlohmann::json extra = nlohmann::json::object();  ///< subcommand-specific counts (points, evaluations)
};
nlohmann::json run_metadata_json(const RunMetadata& meta);

}  // namespace gunflow
