#pragma once
// Text forms of a paired comparison (`gunflow compare`): tidy CSV and JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gunflow/tally/paired.hpp"

namespace gunflow {

struct NamedComparison {
  std::string scenario;  ///< the compared scenario's name
  PairedTable table;     ///< against the base scenario
};

/// scenario,base,year,metric,key,n,base_mean,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,diff_pct,diff_pct_low,diff_pct_high
/// One row per compared scenario (never the base against itself); diff_pct and its
/// interval are empty (null in JSON) where the base mean is 0.
std::string compare_csv(const std::string& base, const std::vector<NamedComparison>& comparisons);
nlohmann::json compare_json(const std::string& base, const std::vector<NamedComparison>& comparisons);

}  // namespace gunflow
