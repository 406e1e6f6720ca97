#pragma once
// In Mexico (MODEL.md stage 6 and 8): arsenals, other inflows (foreign guns,
// diverted exports), attrition, recovery by authorities, eTrace tracing — what
// researchers observe — and homicides driven by the armed stock.
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Initial criminal arsenals, spread over states by 2010 homicides.
void init_arsenals(const StepContext& ctx, ReplicationState& st);
/// Guns arriving in region `region` today join its arsenal; each gun's fate is drawn from
/// the region's fate stream for the day (StreamId::kGunFate), continued across arrivals.
void deliver_to_arsenal(const StepContext& ctx, ReplicationState& st, std::size_t region, const Lot& lot);
/// One day of inflows, attrition, recoveries and traces.
void mexico_day(const StepContext& ctx, ReplicationState& st);
/// Traces one recovered gun; may create a lead or flag a dealer.
void trace_recovered_gun(const StepContext& ctx, ReplicationState& st, const Lot& gun, Rng& rng);
/// One day of homicides in every Mexican state.
void violence_day(const StepContext& ctx, const ReplicationState& st);

}  // namespace gunflow
