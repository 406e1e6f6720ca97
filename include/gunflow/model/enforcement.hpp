#pragma once
// US enforcement with finite capacity (MODEL.md stage 7): investigations are a
// queue served at the rate the agents allow; dealer inspections are a budget per year.
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

void enforcement_day(const StepContext& ctx, ReplicationState& st, TallySink& tally);

}  // namespace gunflow
