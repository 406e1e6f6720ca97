#pragma once
// The demo's result for one run (compare.json of base vs. policies): the effects of
// the headline metrics by name and unit, their yearly timeline around the policy
// start, and the baseline and policy flow maps side by side with their difference.
#include <string>

#include <nlohmann/json.hpp>

#include "gunflow/io/geo_map.hpp"

namespace gunflow::cli {

/// `start`: the earliest policy start (YYYY-MM-DD), marked on the timeline.
std::string demo_result_html(const nlohmann::json& compare, const geo::Places& places, const std::string& start);

}  // namespace gunflow::cli
