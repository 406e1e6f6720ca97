#pragma once
// Year-end outputs of the secondary markets, dealers' sales and class-aware violence:
// the private stock by class, the armed stock weighted by class, and how concentrated
// the year's traces are over dealers (ATF reports a few dealers with most traces).
#include <cstdint>
#include <span>

#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

struct TraceConcentration {
  double top1 = 0;  ///< share of traces naming the top 1% of dealers
  double top3 = 0;  ///< … the top 3%
  double gini = 0;  ///< Gini coefficient over all dealers
};
/// Over all dealers (zeros included); the top k% are the ceil(k% × n) dealers with the
/// most traces. All zero when there is no trace.
TraceConcentration trace_concentration(std::span<const std::int32_t> traces);

/// Tallies the year-end supply outputs (the caller starts the dealers' yearly trace
/// counts anew at every year's end). Call on the last day of each tallied year.
void tally_supply_year_end(const StepContext& ctx, const ReplicationState& st, TallySink& tally);

}  // namespace gunflow
