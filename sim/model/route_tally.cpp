#include "gunflow/model/route_tally.hpp"

namespace gunflow {

void tally_arrived_lot(const StepContext& ctx, TallySink& tally, const Lot& lot, std::size_t crossing,
                       std::size_t region) {
  const MetricRows& rows = ctx.rows;
  if (rows.arrived_by_crossing_region.empty()) return;  // simulation.origin_destination is off
  const std::size_t n_crossings = ctx.world.crossings.size(), n_states = ctx.world.states.size();
  const auto guns = static_cast<double>(lot.count);
  tally.add(rows.arrived_by_crossing_region[crossing_region_cell(crossing, region, ctx.world.regions.size())], guns);
  // Every network lot is bought in a state (trip.lot); a lot without one would be a
  // model error, and is left out rather than booked to a wrong state.
  if (lot.us_state < 0 || static_cast<std::size_t>(lot.us_state) >= n_states) return;
  tally.add(rows.arrived_by_source_crossing[source_crossing_cell(static_cast<std::size_t>(lot.us_state), crossing,
                                                                 n_crossings)],
            guns);
}

void tally_arrived_routes(const StepContext& ctx, TallySink& tally, const std::vector<Lot>& inventory,
                          std::size_t crossing, std::size_t region) {
  for (const Lot& lot : inventory) tally_arrived_lot(ctx, tally, lot, crossing, region);
}

}  // namespace gunflow
