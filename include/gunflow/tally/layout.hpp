#pragma once
// What one replication reports: a table of series (metric × key) by simulated year.
// The layout is fixed per World, so every replication fills the same cells and
// results reduce cell by cell in replication order.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace gunflow {

/// One output series: a metric and an optional breakdown key ("" for totals),
/// e.g. {"guns_trafficked", ""} or {"guns_trafficked_by_state", "TX"}.
struct SeriesKey {
  std::string metric;
  std::string key;
  auto operator<=>(const SeriesKey&) const = default;
};

/// The ordered list of series and the simulated years they cover.
class MetricLayout {
 public:
  MetricLayout() = default;
  MetricLayout(std::vector<SeriesKey> series, int first_year, int n_years);

  /// Adds a series and returns its row index. Duplicates throw std::logic_error.
  std::size_t add(std::string metric, std::string key = "");
  [[nodiscard]] std::size_t index(const std::string& metric, const std::string& key = "") const;
  [[nodiscard]] const std::vector<SeriesKey>& series() const { return series_; }
  [[nodiscard]] std::size_t size() const { return series_.size(); }
  [[nodiscard]] int first_year() const { return first_year_; }
  [[nodiscard]] int n_years() const { return n_years_; }
  void set_years(int first_year, int n_years);

 private:
  std::vector<SeriesKey> series_;
  std::map<SeriesKey, std::size_t> index_;
  int first_year_ = 0;
  int n_years_ = 0;
};

/// The outputs of one replication: values(series, year_offset).
struct ReplicationResult {
  std::uint64_t replication = 0;
  Eigen::ArrayXXd values;  // rows = layout.size(), cols = layout.n_years()
};

/// Puts results in replication order, the order every reduction and output uses.
inline void sort_by_replication(std::vector<ReplicationResult>& results) {
  std::sort(results.begin(), results.end(),
            [](const ReplicationResult& a, const ReplicationResult& b) { return a.replication < b.replication; });
}

}  // namespace gunflow
