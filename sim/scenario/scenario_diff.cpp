#include "gunflow/scenario/scenario_diff.hpp"

#include <cstddef>
#include <filesystem>
#include <system_error>

#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace {
bool is_identity(const std::string& path) {
  return path.starts_with("policies.") || path == "simulation.name" || path == "simulation.description";
}

/// Whether `arm` is `base` or extends it, directly or through other files.
bool extends(const LoadedScenario& arm, const LoadedScenario& base) {
  if (base.files.empty()) return false;
  std::error_code ec;
  for (const std::string& f : arm.files)
    if (std::filesystem::equivalent(f, base.files.front(), ec)) return true;
  return false;
}

constexpr std::size_t kKeysNamed = 5;  // a baseline's differences run to a dozen keys
}  // namespace

bool is_trade_cost_key(const std::string& path) {
  return path == "traffickers.straw_fee" || path == "traffickers.transport_cost_per_km" ||
         path == "channels.extra_cost" || path.starts_with("channels.extra_cost.");
}

std::string trade_cost_warning(const std::string& subject, const Settings& settings,
                               const std::vector<std::string>& keys) {
  if (settings.traffickers.pricing != "cost_plus") return {};
  std::string named;
  for (const std::string& k : keys)
    if (is_trade_cost_key(k)) named.append(named.empty() ? "" : ", ").append(k);
  if (named.empty()) return {};
  return subject + " changes a cost of the trade (" + named +
         ") under traffickers.pricing: cost_plus, where a load sells for its own cost times the markup: a dearer "
         "cost raises the networks' margins and can raise the flow (docs/ODD.md section 9, \"Prices and the "
         "trade's costs\"); for questions about costs, use scenarios/baseline_market.yaml as the base";
}

std::vector<std::string> keys_beyond_policies(const Settings& base, const Settings& arm) {
  std::vector<std::string> keys;
  for (const SchemaEntry& e : schema())
    if (!is_identity(e.path) && resolved_value(base, e) != resolved_value(arm, e)) keys.push_back(e.path);
  return keys;
}

std::vector<std::string> comparison_warnings(const std::vector<LoadedScenario>& scenarios) {
  std::vector<std::string> warnings;
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const std::vector<std::string> keys = keys_beyond_policies(scenarios[0].settings, scenarios[i].settings);
    if (keys.empty()) continue;
    std::string named;
    for (std::size_t k = 0; k < keys.size() && k < kKeysNamed; ++k) named += (k ? ", " : "") + keys[k];
    if (keys.size() > kKeysNamed) named += ", and " + std::to_string(keys.size() - kKeysNamed) + " more";
    const bool one = keys.size() == 1;
    warnings.push_back(scenarios[i].source_file + " differs from the base scenario " + scenarios[0].source_file +
                       " in " + std::to_string(keys.size()) + (one ? " key" : " keys") + " besides its policies (" +
                       named + "): its paired differences measure " + (one ? "that key" : "those keys") +
                       " too, not only its policies" +
                       (extends(scenarios[i], scenarios[0]) ? ""
                                                            : " (it does not extend the base: a policy meant for "
                                                              "this base should)"));
    if (std::string w = trade_cost_warning(scenarios[i].source_file, scenarios[i].settings, keys); !w.empty())
      warnings.push_back(std::move(w));
  }
  return warnings;
}

}  // namespace gunflow
