#pragma once
// The origin–destination tally: every gun of a load that crossed the border unseized,
// by the US state where it was first sold × the crossing, and by the crossing × the
// destination of the network that moved it. Together the two tables are the real
// source → crossing → destination paths the flow map draws (linked at the crossing);
// the three-way table (states × crossings × destinations, 55,539 series a year with
// the shipped tables) is kept apart, only where simulation.origin_destination_routes
// asks. The two tables are kept only when the scenario asks
// (simulation.origin_destination): ~2,800 series a year, which batch runs should not
// pay for.
#include <cstddef>
#include <vector>

#include "gunflow/model/arsenal.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/step_context.hpp"

namespace gunflow {

/// Row of the (source state, crossing) series in MetricRows::arrived_by_source_crossing.
inline std::size_t source_crossing_cell(std::size_t state, std::size_t crossing, std::size_t n_crossings) {
  return state * n_crossings + crossing;
}
/// Row of the (crossing, destination) series in MetricRows::arrived_by_crossing_region.
inline std::size_t crossing_region_cell(std::size_t crossing, std::size_t region, std::size_t n_regions) {
  return crossing * n_regions + region;
}

/// Row of the (source state, crossing, destination) series in MetricRows::arrived_by_route.
inline std::size_t route_cell(std::size_t state, std::size_t crossing, std::size_t region, std::size_t n_crossings,
                              std::size_t n_regions) {
  return (state * n_crossings + crossing) * n_regions + region;
}

/// The rows of the tallies the scenario asks for (none by default), in output order.
void add_route_rows(const World& world, const Settings& settings, MetricLayout& layout, MetricRows& rows);
/// The catalogue's entry for guns_arrived_by_route (the two tables' are in metrics.cpp).
const std::vector<MetricInfo>& route_metric_catalogue();

/// Adds a load's guns (its lots, each with its state of first sale) that crossed at
/// `crossing` unseized, bound for `region`, to the tallies the scenario keeps; nothing
/// where none is kept (the rows do not exist: outputs stay as small as without them).
void tally_arrived_routes(const StepContext& ctx, TallySink& tally, const std::vector<Lot>& inventory,
                          std::size_t crossing, std::size_t region);
/// The same for one lot (or the part of it the border search did not find).
void tally_arrived_lot(const StepContext& ctx, TallySink& tally, const Lot& lot, std::size_t crossing,
                       std::size_t region);

}  // namespace gunflow
