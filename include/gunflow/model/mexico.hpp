#pragma once
// In Mexico (MODEL.md stage 6 and 8): arsenals, other inflows (foreign guns,
// diverted exports), attrition, recovery by authorities, eTrace tracing — what
// researchers observe — and homicides driven by the armed stock.
#include <vector>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/rng/decision_draws.hpp"

namespace gunflow {

/// The chance a held gun is recovered on each day from ctx's to the end of the run (it
/// depends on the corruption in force that day). A gun's recovery day is drawn when it
/// arrives, from the chances of all the days ahead (gun_fates.hpp).
std::vector<double> recovery_chances(const StepContext& ctx);
/// Initial criminal arsenals: the flows' path of the stock on the first day
/// (reference_stock.hpp), spread over states by 2010 homicides, aged by its cohorts.
void init_arsenals(const StepContext& ctx, ReplicationState& st);
/// Guns arriving in region `region` today join its arsenal; each gun's fate is drawn in
/// order from `fate_rng`, the arriving load's or inflow's own stream (StreamId::kGunFate
/// keyed by who delivers), so one delivery's fates do not depend on another's.
void deliver_to_arsenal(const StepContext& ctx, ReplicationState& st, std::size_t region, const Lot& lot,
                        Rng& fate_rng);
/// One day of inflows, attrition, recoveries and traces.
void mexico_day(const StepContext& ctx, ReplicationState& st, TallySink& tally);
/// Traces one recovered gun if it is submitted: now, or queued for a later request when
/// mexico.trace_delay_days is set; the request may create a lead or flag a dealer.
void trace_recovered_gun(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Lot& gun,
                         const TraceDraws& u);
/// The trace request of a gun already submitted (trace_recovered_gun's steps after the
/// decision to submit it): counted, resolved, and a lead or a flagged dealer made today.
void request_trace(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Lot& gun, const TraceDraws& u);
/// Homicides a day in Mexican state `region` when the armed stock is on its calendar path
/// (INEGI 2010; the place where a yearly baseline by state plugs in).
double baseline_homicides_per_day(const StepContext& ctx, std::size_t region);
/// The year whose homicides baseline_homicides_per_day gives: violence is scaled to the
/// calendar stock of that year (reference_stock.hpp).
int baseline_homicides_year(const StepContext& ctx);
/// One day of homicides in every Mexican state.
void violence_day(const StepContext& ctx, const ReplicationState& st, TallySink& tally);
/// The scenario's own flows' path on violence_anchor_day(), weighted by class as the
/// classes ordered in its years are (StockPath::class_weight): what
/// `violence.reference_stock` is set to in a variant whose violence is to be read against
/// this scenario (run.json).
double own_violence_reference_stock(const World& world);

}  // namespace gunflow
