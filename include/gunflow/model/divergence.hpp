#pragma once
// When two scenarios' runs part: the days a comparison's arm shares with its base.
//
// Under common random numbers a draw is addressed by what it decides, and a policy acts
// only while it is in force, so a run of a scenario that is the base but for its
// policies is the base's, day for day and state for state, until the first day one of
// those policies acts otherwise — unless a decision made earlier looks ahead at the law
// of the days it covers: a gun's recovery day is drawn when it arrives, from the
// recovery chances of every day to the end of the run, so a policy that changes them
// (vetting, through corruption) makes the runs differ from the first day on.
#include <optional>

#include "gunflow/core/date.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

/// The first day on which the policies of `arm` can act otherwise than those of `base`:
/// the earliest day a policy whose block differs is in force in either (for a block that
/// differs only in its dates, the first day it is in force in one and not the other).
/// std::nullopt if anything but the policies, the scenario's name and description
/// differs; base.simulation.end if no policy does.
[[nodiscard]] std::optional<Date> policies_part(const Settings& base, const Settings& arm);

/// The first day on which a run of `arm` can differ from a run of `base` with the same
/// seed and replication: policies_part, or the warm-up's first day when the chances of
/// recovery ahead differ (above). Up to that day both runs' replications are equal in
/// every state variable and tally.
[[nodiscard]] std::optional<Date> divergence_day(const Model& base, const Model& arm);

}  // namespace gunflow
