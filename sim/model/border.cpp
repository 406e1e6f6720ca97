#include "gunflow/model/border.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/model/mexico.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/route_tally.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
double port_inspections_per_day(const StepContext& ctx, int crossing) {
  const World& w = ctx.world;
  const Crossing& c = w.crossings[static_cast<std::size_t>(crossing)];
  if (!c.official) return 0.0;
  // CBP's outbound capacity is a budget of inspections: at baseline inspection_rate
  // × all port traffic, spread over ports by traffic; a southbound-inspection policy
  // adds officers at its ports, raising their capacity to its rate × their traffic.
  return port_inspection_rate(ctx, crossing) * c.vehicles_per_day;
}

double crossing_detection(const StepContext& ctx, int crossing) {
  const Crossing& c = ctx.world.crossings[static_cast<std::size_t>(crossing)];
  if (!c.official) return ctx.settings.border.unofficial_detection;
  // A load is one vehicle among the day's southbound traffic: inspected with
  // probability capacity / traffic (capped at every vehicle).
  if (c.vehicles_per_day <= 0) return port_inspection_rate(ctx, crossing);  // no traffic data: the rate itself
  return std::min(1.0, port_inspections_per_day(ctx, crossing) / c.vehicles_per_day);
}

void refresh_routes(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const BorderSettings& b = ctx.settings.border;
  std::vector<double>& penalty = st.crossing_penalty_km;
  penalty.assign(w.crossings.size(), 0.0);
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
  // Every list is now stale; each is rebuilt with these penalties when next used.
  ReplicationCaches& cache = st.caches;
  const std::size_t pairs = w.drive_legs.size() * w.regions.size();
  if (cache.routes.size() != pairs) {
    cache.routes.assign(pairs, {});
    cache.routes_epoch.assign(pairs, cache.route_epoch);
  }
  ++cache.route_epoch;
}

const ReplicationCaches::RouteOptions& route_options_for(const StepContext& ctx, ReplicationState& st,
                                                         std::size_t staging, std::size_t region) {
  const std::size_t i = staging * ctx.world.regions.size() + region;
  ReplicationCaches& cache = st.caches;
  ReplicationCaches::RouteOptions& options = cache.routes[i];
  if (cache.routes_epoch[i] != cache.route_epoch) {
    // The pair's routes never change, only their prices: re-sort the last list (nearly in
    // order already) instead of rebuilding and sorting it from crossing order.
    if (options.routes.empty())
      routes_between(ctx.world.drive_legs[staging], ctx.world.inland_km, region, st.crossing_penalty_km,
                     options.routes);
    else
      reprice_routes(st.crossing_penalty_km, options.routes);
    // Logit over crossings: networks differ in contacts and habits, so traffic spreads
    // over the cheaper crossings instead of all taking the single cheapest one.
    const double scale = ctx.settings.border.route_choice_km;
    options.weights.clear();
    options.total = 0;
    if (!options.routes.empty()) {
      const double best = options.routes.front().cost;
      for (const Route& r : options.routes) {
        const double w = r.cost == best ? 1.0 : std::exp(-(r.cost - best) / scale);  // exp(-0) is 1
        if (w < 1e-6) break;  // sorted by cost: the rest are negligible
        options.weights.push_back(w);
        options.total += w;
      }
    }
    cache.routes_epoch[i] = cache.route_epoch;
  }
  return options;
}

namespace {
const Route* choose_route(const ReplicationCaches::RouteOptions& options, Rng& rng) {
  if (options.routes.empty()) return nullptr;
  return &options.routes[categorical(rng, options.weights, options.total)];
}
}  // namespace

void ship_load(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t) {
  const World& w = ctx.world;
  TraffickerState& net = st.networks[t];
  if (net.inventory_count == 0) return;
  Rng rng = ctx.rng(StreamId::kRoute, static_cast<std::uint64_t>(w.network.trafficker_vertex[t]));
  const Route* route = choose_route(
      route_options_for(ctx, st, static_cast<std::size_t>(net.staging), static_cast<std::size_t>(net.region)), rng);
  if (route == nullptr) return;
  const auto c = static_cast<std::size_t>(route->crossing);
  const double guns = static_cast<double>(net.inventory_count);
  tally.add(ctx.rows.trafficked_by_crossing[c], guns);
  st.crossing_loads[c] += 1.0;
  const double transport = guns * ctx.settings.traffickers.transport_cost_per_km * route->distance_km;
  net.cost_sum += transport;
  net.budget -= transport;  // drivers are paid whether or not the load gets through
  tally.add(ctx.rows.delivered_cost_sum, net.cost_sum);
  const double delivered_cost = net.cost_sum;
  net.cost_sum = 0;
  Rng inspect = ctx.rng(StreamId::kCrossingInspection, static_cast<std::uint64_t>(w.network.trafficker_vertex[t]));
  if (bernoulli(inspect, crossing_detection(ctx, route->crossing))) {
    tally.add(ctx.rows.us_border_seizures, guns);
    st.crossing_learned_risk[c] += 1.0;
  } else {
    const bool onward = w.regions[static_cast<std::size_t>(net.region)].onward;
    tally.add(onward ? ctx.rows.guns_onward : ctx.rows.guns_arrived, guns);
    tally.add(ctx.rows.arrived_by_region[static_cast<std::size_t>(net.region)], guns);
    tally_arrived_routes(ctx, tally, net.inventory, c, static_cast<std::size_t>(net.region));
    // The load's guns meet their fates in Mexico with the load's own draws.
    Rng fate_rng = ctx.rng(StreamId::kGunFate, static_cast<std::uint64_t>(w.network.trafficker_vertex[t]));
    for (const Lot& lot : net.inventory)
      deliver_to_arsenal(ctx, st, static_cast<std::size_t>(net.region), lot, fate_rng);
    // Sold to the group that ordered it: revenue funds the next purchases.
    net.budget += delivered_cost * ctx.settings.traffickers.markup;
  }
  net.inventory.clear();
  net.inventory_count = 0;
}

}  // namespace gunflow
