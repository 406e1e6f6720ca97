#pragma once
// Per-area key tables that together make schema(). Internal to scenario/.
#include <string>
#include <vector>

#include "gunflow/scenario/schema.hpp"

namespace gunflow::schema_detail {
void add_run_keys(std::vector<SchemaEntry>& table);
void add_model_keys(std::vector<SchemaEntry>& table);
void add_mexico_keys(std::vector<SchemaEntry>& table);
void add_policy_keys(std::vector<SchemaEntry>& table);
void add_market_keys(std::vector<SchemaEntry>& table);  ///< secondary markets, dealers' sales, class-aware violence
/// The keys of a map by US state: the state codes, and OTHER for the states not named.
std::vector<std::string> state_keys_and_other();
/// The keys of a map by firearm class: the class names.
std::vector<std::string> class_keys();
}  // namespace gunflow::schema_detail
