#include "gunflow/model/border.hpp"

#include <algorithm>

#include "gunflow/rng/distributions.hpp"

namespace gunflow {

double crossing_detection(const StepContext& ctx, int crossing) {
  const Crossing& c = ctx.world.crossings[static_cast<std::size_t>(crossing)];
  return c.official ? ctx.settings.border.inspection_rate : ctx.settings.border.unofficial_detection;
}

void refresh_routes(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const BorderSettings& b = ctx.settings.border;
  std::vector<double> penalty(w.crossings.size());
  for (std::size_t c = 0; c < w.crossings.size(); ++c) {
    // Networks price a crossing by the larger of its known inspection rate and the
    // seizure rate they have seen there (smoothed: 2 pseudo-loads at the known rate).
    const double known = crossing_detection(ctx, static_cast<int>(c));
    const double seen = (st.crossing_learned_risk[c] + 2.0 * known) / (st.crossing_loads[c] + 2.0);
    penalty[c] = b.risk_weight_km * std::max(known, seen) + (w.crossings[c].official ? 0.0 : b.unofficial_extra_km);
    // Forget half of what was seen at every refresh, so risks can fall again.
    st.crossing_learned_risk[c] *= 0.5;
    st.crossing_loads[c] *= 0.5;
  }
  st.routes = shortest_routes(w.network, penalty);
}

void ship_load(const StepContext& ctx, ReplicationState& st, std::size_t t) {
  const World& w = ctx.world;
  TraffickerState& net = st.networks[t];
  const Route& route = st.routes[static_cast<std::size_t>(net.staging)][static_cast<std::size_t>(net.region)];
  if (route.crossing < 0 || net.inventory_count == 0) return;
  const auto c = static_cast<std::size_t>(route.crossing);
  const double guns = static_cast<double>(net.inventory_count);
  ctx.add(ctx.rows.trafficked_by_crossing[c], guns);
  st.crossing_loads[c] += 1.0;
  net.cost_sum += guns * ctx.settings.traffickers.transport_cost_per_km * route.distance_km;
  ctx.add(ctx.rows.delivered_cost_sum, net.cost_sum);
  net.cost_sum = 0;
  Rng rng = ctx.rng(StreamId::kCrossingInspection, static_cast<std::uint64_t>(w.network.trafficker_vertex[t]));
  if (bernoulli(rng, crossing_detection(ctx, route.crossing))) {
    ctx.add(ctx.rows.us_border_seizures, guns);
    st.crossing_learned_risk[c] += 1.0;
  } else {
    const bool onward = w.regions[static_cast<std::size_t>(net.region)].onward;
    ctx.add(onward ? ctx.rows.guns_onward : ctx.rows.guns_arrived, guns);
    ctx.add(ctx.rows.arrived_by_region[static_cast<std::size_t>(net.region)], guns);
    Arsenal& arsenal = st.arsenals[static_cast<std::size_t>(net.region)];
    for (const Lot& lot : net.inventory) arsenal.add(lot);
  }
  net.inventory.clear();
  net.inventory_count = 0;
}

}  // namespace gunflow
