#include "gunflow/tally/layout.hpp"

#include <stdexcept>

namespace gunflow {

MetricLayout::MetricLayout(std::vector<SeriesKey> series, int first_year, int n_years) {
  set_years(first_year, n_years);
  // Through add() so a duplicate in the list is caught exactly as a later add() would be.
  series_.reserve(series.size());
  for (auto& s : series) add(std::move(s.metric), std::move(s.key));
}

std::size_t MetricLayout::add(std::string metric, std::string key) {
  SeriesKey series_key{std::move(metric), std::move(key)};
  const std::size_t row = series_.size();
  // A duplicate would make two model tallies write the same row, silently summing or
  // overwriting one of them, so it is a programming error rather than bad input.
  const auto [it, inserted] = index_.try_emplace(series_key, row);
  if (!inserted) {
    throw std::logic_error("MetricLayout: duplicate series '" + it->first.metric + "' key '" + it->first.key + "'");
  }
  series_.push_back(std::move(series_key));
  return row;
}

std::size_t MetricLayout::index(const std::string& metric, const std::string& key) const {
  const auto it = index_.find(SeriesKey{metric, key});
  if (it == index_.end()) {
    throw std::out_of_range("MetricLayout: no series '" + metric + "' key '" + key + "'");
  }
  return it->second;
}

void MetricLayout::set_years(int first_year, int n_years) {
  if (n_years < 0) {
    throw std::invalid_argument("MetricLayout: n_years must be >= 0, got " + std::to_string(n_years));
  }
  first_year_ = first_year;
  n_years_ = n_years;
}

}  // namespace gunflow
