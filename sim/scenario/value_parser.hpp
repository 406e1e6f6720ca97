#pragma once
// Converting one located YAML node to a schema value. Internal to scenario/.
#include <optional>
#include <string>

#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/yaml_source.hpp"

namespace gunflow::scenario_detail {

/// The value, or nullopt after appending a located problem.
std::optional<Value> parse_value(const SchemaEntry& entry, const LocatedNode& leaf,
                                 std::vector<InputProblem>& problems);

}  // namespace gunflow::scenario_detail
