#include "gunflow/scenario/cross_checks.hpp"

#include <algorithm>
#include <numeric>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/schema_policies.hpp"

namespace gunflow {
namespace {

class Checker {
 public:
  Checker(const ScenarioSource& src, std::vector<InputProblem>& problems) : src_(src), problems_(problems) {}

  /// Reports at the key's own location if the scenario set it, else at its nearest
  /// written parent, else at the top of the root file.
  void report(const std::string& key, const std::string& message) {
    Location at{src_.root_file, 0, 0};
    if (const auto it = src_.leaves.find(key); it != src_.leaves.end()) {
      at = it->second.where;
    } else {
      for (std::string p = key; !p.empty();) {
        const auto dot = p.rfind('.');
        p = dot == std::string::npos ? "" : p.substr(0, dot);
        if (const auto g = src_.groups.find(p); g != src_.groups.end()) {
          at = g->second;
          break;
        }
      }
    }
    problems_.push_back({at.file, at.line, at.column, key, message});
  }

 private:
  const ScenarioSource& src_;
  std::vector<InputProblem>& problems_;
};

void check_policy_dates(const Settings& s, Checker& c) {
  for (const PolicyInfo& policy : policy_registry()) {
    const PolicyWindow& w = policy.window(s.policies);
    if (w.enabled && w.end <= w.start)
      c.report("policies." + policy.name + ".end",
               "is " + w.end.to_string() + ", but must be after the policy's start (" + w.start.to_string() + ")");
  }
}

/// Of two keys that only together can be wrong (start and end), the one written by the
/// file nearest the root: the overriding value, not the base file's, is the one to blame.
std::string overriding_key(const ScenarioSource& src, const std::string& a, const std::string& b) {
  // 0 for a --set (the last layer, above the root file), then the files root first; a
  // default ranks last.
  const auto rank = [&](const std::string& key) -> std::size_t {
    const auto it = src.leaves.find(key);
    if (it == src.leaves.end()) return src.files.size() + 1;  // a default: never to blame first
    if (it->second.where.file.rfind("--set ", 0) == 0) return 0;
    return 1 + static_cast<std::size_t>(std::find(src.files.begin(), src.files.end(), it->second.where.file) -
                                        src.files.begin());
  };
  return rank(a) < rank(b) ? a : b;
}

double sum(const RealMap& m) {
  return std::accumulate(m.begin(), m.end(), 0.0, [](double a, const auto& kv) { return a + kv.second; });
}
}  // namespace

void check_consistency(const Settings& s, const ScenarioSource& src, std::vector<InputProblem>& problems) {
  Checker c(src, problems);
  const auto& sim = s.simulation;
  const bool start_to_blame = overriding_key(src, "simulation.start", "simulation.end") == "simulation.start";
  if (sim.end <= sim.start) {
    if (start_to_blame)
      c.report("simulation.start",
               "is " + sim.start.to_string() + ", but must be before simulation.end (" + sim.end.to_string() + ")");
    else
      c.report("simulation.end",
               "is " + sim.end.to_string() + ", but must be after simulation.start (" + sim.start.to_string() + ")");
  } else {
    const int years = sim.end.year() - sim.start.year() + (sim.end.month() > 1 || sim.end.day() > 1);
    if (years > kMaxHorizonYears)
      c.report(start_to_blame ? "simulation.start" : "simulation.end",
               "gives a horizon of " + std::to_string(years) + " years; at most " + std::to_string(kMaxHorizonYears));
  }
  for (const KeyConflict& k : value_conflicts(s)) c.report(k.key, k.message);
  check_policy_dates(s, c);
  const auto& sb = s.policies.southbound_inspection;
  if (sb.enabled && s.data.tables) {  // without tables, their own problems are reported
    for (std::size_t i = 0; i < sb.crossings.size(); ++i)
      if (s.data.tables->crossing_index(sb.crossings[i]) < 0)
        c.report("policies.southbound_inspection.crossings",
                 "names '" + sb.crossings[i] + "', which is not a crossing id in " + s.data.crossings);
  }
}

std::vector<KeyConflict> value_conflicts(const Settings& s) {
  std::vector<KeyConflict> out;
  const auto need = [&](bool ok, const char* key, const char* message) {
    if (!ok) out.push_back({key, message});
  };
  need(sum(s.demand.class_mix) > 0, "demand.class_mix", "must have a positive share for some class");
  // A year of nothing but armed conflict orders class_mix × ratio: it must order something.
  double conflict_orders = 0;
  for (const auto& [cls, share] : s.demand.class_mix) {
    const auto ratio = s.demand.conflict_class_ratio.find(cls);
    if (ratio != s.demand.conflict_class_ratio.end()) conflict_orders += share * ratio->second;
  }
  need(sum(s.demand.class_mix) <= 0 || conflict_orders > 0, "demand.conflict_class_ratio",
       "must be positive for some class demand.class_mix orders");
  need(sum(s.channels.preference) > 0, "channels.preference", "must have a positive weight for some channel");
  need(sum(s.traffickers.home_state_weights) > 0, "traffickers.home_state_weights",
       "must have a positive weight for some state");
  // Violence scales with the class-weighted stock relative to its start: all weights zero
  // leaves 0/0 (the run would report no homicides at all, firearm or not).
  need(sum(s.violence.class_weight) > 0, "violence.class_weight", "must have a positive weight for some class");
  need(sum(s.market.sales_class_mix) > 0, "market.sales_class_mix", "must have a positive share for some class");
  need(s.mexico.initial_source_states.empty() || sum(s.mexico.initial_source_states) > 0,
       "mexico.initial_source_states", "must be empty or have a positive weight for some state");
  need(s.dealers.corrupt_share + s.dealers.negligent_share <= 1, "dealers.negligent_share",
       "plus dealers.corrupt_share exceeds 1");
  // A map is replaced whole, so a market price map written for one class would sell every
  // other class for nothing but its haul.
  const bool every_class_priced = std::all_of(kClassNames.begin(), kClassNames.end(), [&](std::string_view c) {
    return s.traffickers.market_price_usd.count(std::string(c)) > 0;
  });
  need(
      s.traffickers.pricing != "market" || every_class_priced, "traffickers.market_price_usd",
      "must name every class (handgun, ar_rifle, ak_rifle, bmg50, other_long, kit) when traffickers.pricing is market");
  return out;
}

void refuse_value_conflicts(const Settings& settings, const std::string& file, const std::string& where) {
  for (const KeyConflict& k : value_conflicts(settings))
    throw InputError(InputProblem{file, 0, 0, k.key, k.message + where});
}

namespace {
// The policies that keep classes off the market. The guns in Mexico on a run's first day
// are laid out from the flows' path, which sees no policy (docs/ODD.md 5), so one of these
// in force before that day has not thinned, in the stock the run starts with, the classes
// it bans (the history's 1994-2004 ban, in a run started after 1994, is the case in point).
bool shapes_the_stock(const std::string& policy) {
  return policy == "assault_weapons_ban" || policy == "bmg50_ban" || policy == "import_ban_enforcement" ||
         policy == "kit_controls";
}
const char* const kStockLaidOutWithout =
    "the guns in Mexico on the run's first day are laid out as if it had never been in force (the classes it keeps "
    "off the market as common in them as without it, docs/ODD.md 5)";
}  // namespace

std::vector<InputProblem> scenario_warnings(const Settings& s, const ScenarioSource& src) {
  std::vector<InputProblem> warnings;
  Checker c(src, warnings);
  const Date first = s.simulation.first_day(), end = s.simulation.end;
  for (const PolicyInfo& policy : policy_registry()) {
    const PolicyWindow& w = policy.window(s.policies);
    if (!w.enabled || (w.start < end && w.end > first)) continue;
    const bool after = w.start >= end;
    c.report("policies." + policy.name + (after ? ".start" : ".end"),
             "puts the policy in force " + (after ? "from " + w.start.to_string() : "until " + w.end.to_string()) +
                 ", outside the run (" + first.to_string() + " to " + end.to_string() +
                 ", warm-up included): it changes nothing in the run" +
                 (!after && shapes_the_stock(policy.name) ? std::string(", and ") + kStockLaidOutWithout : ""));
  }
  // A policy that covers no state (or, for rifle reporting, no class) changes nothing
  // either; only southbound inspection reads an empty list as "every port".
  for (const PolicyInfo& policy : policy_registry()) {
    if (!policy.window(s.policies).enabled) continue;
    for (const char* scope : {".states", ".classes"}) {
      const std::string path = "policies." + policy.name + scope;
      for (const SchemaEntry& e : schema())
        if (e.path == path && e.type == ValueType::kStringList && std::get<StringList>(e.get(s)).empty())
          c.report(path, "is empty: the policy covers nothing and changes nothing (leave the key out for its default)");
    }
  }
  return warnings;
}

std::vector<InputProblem> scenario_notes(const Settings& s, const ScenarioSource& src) {
  std::vector<InputProblem> notes;
  Checker c(src, notes);
  const Date first = s.simulation.first_day();
  for (const PolicyInfo& policy : policy_registry()) {
    const PolicyWindow& w = policy.window(s.policies);
    if (w.enabled && w.start < first && w.end > first && shapes_the_stock(policy.name))
      c.report("policies." + policy.name + ".start", "puts the policy in force from " + w.start.to_string() +
                                                         ", before the run's first day (" + first.to_string() +
                                                         ", warm-up included), and " + kStockLaidOutWithout +
                                                         ": start the run before it to carry its effect on the stock");
  }
  return notes;
}

}  // namespace gunflow
