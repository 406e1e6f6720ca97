#pragma once
// The policy registry: every policy is declared once, in the table in
// sim/scenario/schema_policies.cpp, with its block name under `policies:`, its field in
// PolicySettings, what it does, and its parameter keys (type, default, range, doc).
// The schema's `policies.*` keys, the date-window cross-check, docs/scenarios.md and the
// policy tests all iterate this registry, so a policy cannot be half-added.
#include <string>
#include <vector>

#include "gunflow/scenario/policy_settings.hpp"

namespace gunflow {

/// One policy as the registry declares it.
struct PolicyInfo {
  std::string name;  ///< block under `policies:`; its example is scenarios/policies/<name>.yaml
  std::string doc;   ///< what the policy does (also the doc of its `enabled` key)
  /// Its dated window (enabled, start, end) inside the settings.
  const PolicyWindow& (*window)(const PolicySettings&);
  PolicyWindow& (*mutable_window)(PolicySettings&);
  /// Its parameter keys below `policies.<name>.` (without enabled, start, end), in order.
  std::vector<std::string> parameters;
};

/// Every policy, in documentation order.
const std::vector<PolicyInfo>& policy_registry();
/// The policy of that block name, or nullptr.
const PolicyInfo* find_policy(const std::string& name);

}  // namespace gunflow
