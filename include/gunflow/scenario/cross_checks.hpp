#pragma once
// Checks that involve more than one key (dates in order, shares that must add up).
// Each problem is reported at the location of the key that has to change.
#include <string>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/settings.hpp"
#include "gunflow/scenario/yaml_source.hpp"

namespace gunflow {

/// Longest run in calendar years (simulation.start to simulation.end, the warm-up not
/// counted): enough for a history run from 1995 into the 2030s. Memory grows with it
/// only through the yearly output columns.
inline constexpr int kMaxHorizonYears = 40;

void check_consistency(const Settings& settings, const ScenarioSource& source, std::vector<InputProblem>& problems);

/// One broken check between keys: the key to change and what is wrong.
struct KeyConflict {
  std::string key, message;
};
/// The checks of check_consistency that values set after a scenario was read can break
/// (weights that must not all be 0, shares that must not add up past 1): an ensemble's
/// parameter sets, applied key by key, skip the loader, so they are checked with this.
std::vector<KeyConflict> value_conflicts(const Settings& settings);
/// Throws InputError for the first of value_conflicts(settings), placed in `file`, its
/// message followed by `where` (which set, draw or point of that file broke it).
void refuse_value_conflicts(const Settings& settings, const std::string& file, const std::string& where);
/// What is valid but very likely not meant, located like a problem: a policy switched on
/// whose dates miss the whole run (warm-up included), so that it changes nothing.
std::vector<InputProblem> scenario_warnings(const Settings& settings, const ScenarioSource& source);
/// What is meant and runs but has a limit worth knowing, located like a problem: a policy
/// that keeps classes off the market (assault-weapons or .50 BMG ban, import ban, kit
/// controls) in force before the run's first day, whose effect the first day's stock of
/// guns in Mexico does not carry (docs/ODD.md 5, 9).
std::vector<InputProblem> scenario_notes(const Settings& settings, const ScenarioSource& source);

}  // namespace gunflow
