#include "gunflow/model/divergence.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "gunflow/model/mexico.hpp"
#include "gunflow/scenario/scenario_diff.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/schema_policies.hpp"

namespace gunflow {
namespace {
/// The first day on which two windows of one policy make runs differ: the first day
/// their being in force differs if the policy's parameters are the same in both, else
/// the first day it is in force in either. Either changes only at a start or an end, so
/// that day is one of the four dates.
std::optional<Date> first_difference(const PolicyWindow& a, const PolicyWindow& b, bool same_parameters) {
  std::array<Date, 4> edges{a.start, a.end, b.start, b.end};
  std::sort(edges.begin(), edges.end());
  for (const Date d : edges)
    if (same_parameters ? a.active(d) != b.active(d) : a.active(d) || b.active(d)) return d;
  return std::nullopt;
}

bool same_parameters(const PolicyInfo& p, const Settings& a, const Settings& b) {
  for (const std::string& key : p.parameters) {
    const SchemaEntry* e = find_entry("policies." + p.name + "." + key);
    if (e == nullptr || format_value(e->get(a)) != format_value(e->get(b))) return false;
  }
  return true;
}
}  // namespace

std::optional<Date> policies_part(const Settings& base, const Settings& arm) {
  // The arm but for its policies and names must be the base: same data, parameters, dates
  // and year-by-year series (the keys a comparison warns about, scenario_diff.hpp).
  if (!keys_beyond_policies(base, arm).empty()) return std::nullopt;
  Date day = base.simulation.end;
  for (const PolicyInfo& p : policy_registry())
    if (const std::optional<Date> d =
            first_difference(p.window(base.policies), p.window(arm.policies), same_parameters(p, base, arm)))
      day = std::min(day, *d);
  return day;
}

std::optional<Date> divergence_day(const Model& base, const Model& arm) {
  const std::optional<Date> day = policies_part(base.settings(), arm.settings());
  if (!day) return std::nullopt;
  const Date first = base.settings().simulation.first_day();
  const StepContext a{base.world(), base.settings(), base.rows(), 0, 0, first};
  const StepContext b{arm.world(), arm.settings(), arm.rows(), 0, 0, first};
  if (recovery_chances(a) != recovery_chances(b)) return first;
  return std::max(first, *day);
}

}  // namespace gunflow
