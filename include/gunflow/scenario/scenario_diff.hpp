#pragma once
// What a comparison's arm changes besides its policies.
//
// `compare` and `ensemble` pair each scenario with the first under common random numbers,
// so a paired difference measures everything the two files set differently. A policy file
// extends one baseline; named against another baseline (say the market-priced one) it
// carries that baseline's differences into the comparison unseen. The commands list them.
#include <string>
#include <vector>

#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

/// The scenario keys (schema paths, in documentation order) whose values, year-by-year
/// series included, differ between `base` and `arm` as resolved_yaml writes them, leaving
/// out the policies (`policies.*`) and the scenario's name and description. Empty exactly
/// when `arm` is `base` but for those (model/divergence.hpp: its days shared with the base).
[[nodiscard]] std::vector<std::string> keys_beyond_policies(const Settings& base, const Settings& arm);

/// Whether `path` (a schema key, or one entry of a map key) sets what the trade costs the
/// networks: the straw fee, the haul per km, a channel's premium (docs/ODD.md §7.7).
[[nodiscard]] bool is_trade_cost_key(const std::string& path);

/// Under cost-plus prices a load sells for its own cost times the markup, so a dearer cost
/// raises the margin it sells at: a comparison or sweep that changes a cost there measures
/// that, not what a dearer trade does to the flow (docs/ODD.md §9, "Prices and the trade's
/// costs"). The warning for `subject` (a file) when `settings` price by cost-plus and
/// `keys` name a cost of the trade; empty otherwise.
[[nodiscard]] std::string trade_cost_warning(const std::string& subject, const Settings& settings,
                                             const std::vector<std::string>& keys);

/// One warning per scenario after the first that differs from the first beyond its
/// policies, naming the keys (the first few, and how many more): its paired differences
/// measure those keys' effects too; and one more for such a scenario that changes a cost
/// of the trade under cost-plus prices (trade_cost_warning). Empty when every arm differs
/// only in its policies.
[[nodiscard]] std::vector<std::string> comparison_warnings(const std::vector<LoadedScenario>& scenarios);

}  // namespace gunflow
