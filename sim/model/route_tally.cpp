#include "gunflow/model/route_tally.hpp"

#include "metric_reductions.hpp"

namespace gunflow {

void add_route_rows(const World& w, const Settings& settings, MetricLayout& L, MetricRows& m) {
  m.arrived_by_source_crossing.clear();
  m.arrived_by_crossing_region.clear();
  m.arrived_by_route.clear();
  if (settings.simulation.origin_destination) {
    for (const auto& s : w.states)
      for (const auto& c : w.crossings)
        m.arrived_by_source_crossing.push_back(L.add("guns_arrived_by_source_crossing", s.code + ">" + c.id));
    for (const auto& c : w.crossings)
      for (const auto& r : w.regions)
        m.arrived_by_crossing_region.push_back(L.add("guns_arrived_by_crossing_region", c.id + ">" + r.code));
  }
  if (settings.simulation.origin_destination_routes)
    for (const auto& s : w.states)
      for (const auto& c : w.crossings)
        for (const auto& r : w.regions)
          m.arrived_by_route.push_back(L.add("guns_arrived_by_route", s.code + ">" + c.id + ">" + r.code));
}

const std::vector<MetricInfo>& route_metric_catalogue() {
  static const std::vector<MetricInfo> entries = {
      {"guns_arrived_by_route", "flow", "guns",
       "US state code>crossing id>Mexican state code (or CAC), e.g. TX>laredo>TAM",
       "Guns in unseized loads by the whole route: US state of first sale, crossing and the destination of the "
       "network that shipped them. Summed over destinations it is guns_arrived_by_source_crossing, over states "
       "guns_arrived_by_crossing_region (for lots with a state of first sale). Only with "
       "simulation.origin_destination_routes.",
       metric_text::kSum},
  };
  return entries;
}

void tally_arrived_lot(const StepContext& ctx, TallySink& tally, const Lot& lot, std::size_t crossing,
                       std::size_t region) {
  const MetricRows& rows = ctx.rows;
  // Neither tally asked for (the default): nothing to do, and nothing else is paid for.
  if (rows.arrived_by_crossing_region.empty() && rows.arrived_by_route.empty()) return;
  const std::size_t n_crossings = ctx.world.crossings.size(), n_states = ctx.world.states.size(),
                    n_regions = ctx.world.regions.size();
  const auto guns = static_cast<double>(lot.count);
  if (!rows.arrived_by_crossing_region.empty())
    tally.add(rows.arrived_by_crossing_region[crossing_region_cell(crossing, region, n_regions)], guns);
  // Every network lot is bought in a state (trip.lot); a lot without one would be a
  // model error, and is left out rather than booked to a wrong state.
  if (lot.us_state < 0 || static_cast<std::size_t>(lot.us_state) >= n_states) return;
  const auto state = static_cast<std::size_t>(lot.us_state);
  if (!rows.arrived_by_source_crossing.empty())
    tally.add(rows.arrived_by_source_crossing[source_crossing_cell(state, crossing, n_crossings)], guns);
  if (!rows.arrived_by_route.empty())
    tally.add(rows.arrived_by_route[route_cell(state, crossing, region, n_crossings, n_regions)], guns);
}

void tally_arrived_routes(const StepContext& ctx, TallySink& tally, const std::vector<Lot>& inventory,
                          std::size_t crossing, std::size_t region) {
  for (const Lot& lot : inventory) tally_arrived_lot(ctx, tally, lot, crossing, region);
}

}  // namespace gunflow
