#include "gunflow/model/border.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/core/power.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/mexico.hpp"
#include "gunflow/model/network_entry.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/prices.hpp"
#include "gunflow/model/route_tally.hpp"
#include "gunflow/rng/decision_draws.hpp"
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
  // A vehicle is one among the day's southbound traffic: inspected with probability
  // capacity / traffic (capped at every vehicle).
  if (c.vehicles_per_day <= 0) return port_inspection_rate(ctx, crossing);  // no traffic data: the rate itself
  return std::min(1.0, port_inspections_per_day(ctx, crossing) / c.vehicles_per_day);
}

double search_finds(const StepContext& ctx, int crossing, std::int64_t guns) {
  const Crossing& c = ctx.world.crossings[static_cast<std::size_t>(crossing)];
  if (!c.official) return 1.0;  // a load stopped between ports is in the agents' hands
  // Each gun is hidden on its own; the search finds the vehicle's guns if it finds any.
  return 1.0 - power(ctx.settings.border.concealment, static_cast<double>(std::max<std::int64_t>(0, guns)));
}

double crossing_loss_rate(const StepContext& ctx, int crossing) {
  const auto per_vehicle = static_cast<std::int64_t>(ctx.settings.border.guns_per_vehicle);
  return crossing_detection(ctx, crossing) * search_finds(ctx, crossing, per_vehicle);
}

void refresh_routes(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const BorderSettings& b = ctx.settings.border;
  std::vector<double>& penalty = st.crossing_penalty_km;
  penalty.assign(w.crossings.size(), 0.0);
  for (std::size_t c = 0; c < w.crossings.size(); ++c) {
    // Networks price a crossing by the larger of the share of guns they know its
    // inspections take and the share they have seen taken there (smoothed: 2
    // pseudo-loads at the known share).
    const double known = crossing_loss_rate(ctx, static_cast<int>(c));
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

namespace {
/// Southbound inspection of one load: its guns travel in vehicles of
/// border.guns_per_vehicle (in inventory order, the last one the remainder); each vehicle
/// is selected for inspection with the crossing's probability, and an inspected
/// vehicle's guns are found with the search's probability (concealment). Draws 2k and
/// 2k + 1 of the load's day are vehicle k's (so a vehicle's fate never depends on how
/// many vehicles came before it). Fills `found` with the vehicles whose guns are seized.
std::int64_t inspect_load(const StepContext& ctx, TallySink& tally, std::size_t t, int crossing, std::int64_t guns,
                          std::vector<std::int64_t>& found) {
  const std::int64_t per = std::max<std::int64_t>(1, static_cast<std::int64_t>(ctx.settings.border.guns_per_vehicle));
  const double selected = crossing_detection(ctx, crossing);
  IndexedDraws draws(ctx.seed, StreamId::kCrossingInspection, ctx.replication,
                     static_cast<std::uint64_t>(ctx.world.network.trafficker_vertex[t]), ctx.step());
  found.clear();
  std::int64_t seized = 0;
  for (std::int64_t k = 0; k * per < guns; ++k) {
    const std::int64_t in_vehicle = std::min(per, guns - k * per);
    if (!(draws.uniform(static_cast<std::uint64_t>(2 * k)) < selected)) continue;
    tally.add(ctx.rows.border_vehicles_inspected, 1);
    if (!(draws.uniform(static_cast<std::uint64_t>(2 * k + 1)) < search_finds(ctx, crossing, in_vehicle))) continue;
    tally.add(ctx.rows.border_vehicles_found, 1);
    found.push_back(k);
    seized += in_vehicle;
  }
  return seized;
}

/// Guns of inventory positions [from, to) that sit in the found vehicles.
std::int64_t found_in(const std::vector<std::int64_t>& found, std::int64_t per, std::int64_t from, std::int64_t to) {
  std::int64_t n = 0;
  for (const std::int64_t k : found)
    n += std::max<std::int64_t>(0, std::min(to, (k + 1) * per) - std::max(from, k * per));
  return n;
}

/// The courier of a seized vehicle is arrested, and the referral is a lead on the network.
void seizure_referral(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t, Channel channel,
                      std::int64_t seized) {
  Lead lead;
  lead.kind = LeadKind::kNetwork;
  lead.channel = channel;
  lead.source = LeadSource::kTip;
  lead.guns = static_cast<std::uint16_t>(std::clamp<std::int64_t>(seized, 1, 0xFFFF));
  lead.trafficker = static_cast<std::int32_t>(t);
  lead.generation = st.networks[t].generation;
  add_lead(ctx, st, tally, lead);
}

/// What got through a crossing: the guns, what they sell for, and the channel of the
/// first seized gun (the one a referral names).
struct Delivery {
  std::int64_t guns = 0;
  double sales = 0;
  Channel seized_channel = Channel::kStraw;
};

/// Hands the unseized guns of the load over to the region's arsenal; under
/// cheapest-supplier prices, sums what each lot sells for at its class's price there.
Delivery deliver_unseized(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t,
                          std::size_t crossing, const std::vector<std::int64_t>& found) {
  const World& w = ctx.world;
  TraffickerState& net = st.networks[t];
  const std::int64_t per = std::max<std::int64_t>(1, static_cast<std::int64_t>(ctx.settings.border.guns_per_vehicle));
  // The load's guns meet their fates in Mexico with the load's own draws.
  Rng fate_rng = ctx.rng(StreamId::kGunFate, static_cast<std::uint64_t>(w.network.trafficker_vertex[t]));
  const auto region = static_cast<std::size_t>(net.region);
  Delivery out;
  std::int64_t offset = 0;
  for (Lot lot : net.inventory) {
    const std::int64_t lost = found.empty() ? 0 : found_in(found, per, offset, offset + lot.count);
    if (lost > 0 && found_in(found, per, 0, offset) == 0) out.seized_channel = lot.channel;
    offset += lot.count;
    lot.count -= lost;
    if (lot.count <= 0) continue;
    out.guns += lot.count;
    if (ctx.world.tables.pricing != Pricing::kCostPlus)
      out.sales += static_cast<double>(lot.count) * mexico_price(ctx, lot.cls, region);
    tally_arrived_lot(ctx, tally, lot, crossing, region);
    deliver_to_arsenal(ctx, st, region, lot, fate_rng);
  }
  if (out.guns > 0) {
    const bool onward = w.regions[region].onward;
    tally.add(onward ? ctx.rows.guns_onward : ctx.rows.guns_arrived, static_cast<double>(out.guns));
    tally.add(ctx.rows.arrived_by_region[region], static_cast<double>(out.guns));
  }
  return out;
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
  const std::int64_t guns = net.inventory_count;
  tally.add(ctx.rows.trafficked_by_crossing[c], static_cast<double>(guns));
  tally.add(ctx.rows.shipped_by_staging[static_cast<std::size_t>(net.staging)], static_cast<double>(guns));
  st.crossing_loads[c] += 1.0;
  const double transport =
      static_cast<double>(guns) * ctx.settings.traffickers.transport_cost_per_km * route->distance_km;
  net.cost_sum += transport;
  net.budget -= transport;  // drivers are paid whether or not the load gets through
  tally.add(ctx.rows.delivered_cost_sum, net.cost_sum);
  const double delivered_cost = net.cost_sum;
  const double substitute_premium = net.substitute_premium;
  net.cost_sum = 0;
  net.substitute_premium = 0;
  std::vector<std::int64_t>& found = st.caches.vehicles_found;
  const std::int64_t seized = inspect_load(ctx, tally, t, route->crossing, guns, found);
  const Delivery delivery = deliver_unseized(ctx, st, tally, t, c, found);
  if (seized > 0) {
    tally.add(ctx.rows.us_border_seizures, static_cast<double>(seized));
    tally.add(ctx.rows.border_seizures_by_crossing[c], static_cast<double>(seized));
    if (w.crossings[c].official) tally.add(ctx.rows.us_port_seizures, static_cast<double>(seized));
    st.crossing_learned_risk[c] += static_cast<double>(seized) / static_cast<double>(guns);  // share of the load lost
    seizure_referral(ctx, st, tally, t, delivery.seized_channel, seized);
  }
  // Sold to the group that ordered it (prices.hpp): what got through funds the next
  // purchases. A substitute dearer than the gun ordered sells at the ordered gun's price
  // (its premium, marked up, is not paid for). Cost-plus keeps the order of operations
  // it always had (not × sold), so its runs keep their bits.
  const double markup = ctx.settings.traffickers.markup;
  const double sold = static_cast<double>(delivery.guns) / static_cast<double>(guns);
  const double revenue = ctx.world.tables.pricing != Pricing::kCostPlus
                             ? delivery.sales - markup * substitute_premium * sold
                             : (delivered_cost - substitute_premium) * markup * static_cast<double>(delivery.guns) /
                                   static_cast<double>(guns);
  tally.add(ctx.rows.mexico_sales, revenue);
  net.budget += revenue;
  record_profit(ctx, st, t, revenue - delivered_cost);
  net.inventory.clear();
  net.inventory_count = 0;
}

}  // namespace gunflow
