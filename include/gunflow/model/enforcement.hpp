#pragma once
// US enforcement with finite capacity (MODEL.md stage 7): investigations are opened
// from one triaged queue of leads (model/lead_triage.hpp) at the rate the agents allow;
// dealer inspections are a budget per year.
#include "gunflow/model/lead_triage.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// The triage weights the enforcement settings give.
TriageWeights triage_weights(const EnforcementSettings& e);
/// A new lead reaches ATF today (stamped with today's date): counted, then queued by its
/// triage key (a source of weight 0 is counted but never queued).
void add_lead(const StepContext& ctx, ReplicationState& st, TallySink& tally, Lead lead);
void enforcement_day(const StepContext& ctx, ReplicationState& st, TallySink& tally);

}  // namespace gunflow
