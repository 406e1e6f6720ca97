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

/// True when `leaf` gives a real or integer key year by year (a mapping of years).
bool is_dated_form(const SchemaEntry& entry, const LocatedNode& leaf);

/// The series, or nullopt after appending located problems (a key that may not vary by
/// year, a key that is not a year, a value out of the key's range).
std::optional<DatedSeries> parse_dated_series(const SchemaEntry& entry, const LocatedNode& leaf,
                                              std::vector<InputProblem>& problems);

}  // namespace gunflow::scenario_detail
