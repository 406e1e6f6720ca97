#include "gunflow/model/networks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "gunflow/core/prefetch.hpp"
#include "gunflow/model/acquisition.hpp"
#include "gunflow/model/border.hpp"
#include "gunflow/model/demand.hpp"
#include "gunflow/model/network_entry.hpp"
#include "gunflow/model/straw_buyers.hpp"
#include "gunflow/rng/distributions.hpp"
#include "gunflow/rng/rounded_exponential.hpp"

namespace gunflow {
namespace {
std::uint64_t network_vertex(const World& w, std::size_t t) {
  return static_cast<std::uint64_t>(w.network.trafficker_vertex[t]);
}

void init_dealers(const StepContext& ctx, DealerState& d) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  const std::size_t n_dealers = w.dealer_state.size();
  d.type.assign(n_dealers, DealerType::kCompliant);
  d.revoked.assign(n_dealers, 0);
  d.offbook_sold_this_year.assign(n_dealers, 0.0);
  d.targets.reset(n_dealers);
  d.renewals.clear();
  for (std::size_t i = 0; i < n_dealers; ++i) {
    Rng rng = ctx.rng(StreamId::kDealerType, static_cast<std::uint64_t>(w.network.dealer_vertex[i]));
    const double u = rng.uniform();
    if (u < s.dealers.corrupt_share)
      d.type[i] = DealerType::kCorrupt;
    else if (u < s.dealers.corrupt_share + s.dealers.negligent_share)
      d.type[i] = DealerType::kNegligent;
  }
  d.traces_this_year.assign(n_dealers, 0);
  draw_dealer_traits(ctx, d.volume, d.negligence);
  std::vector<double> trait(n_dealers);  // a straw buyer's pick weighs volume × negligence
  for (std::size_t i = 0; i < n_dealers; ++i) trait[i] = d.volume[i] * d.negligence[i];
  // Each state's dealer choice, built once; revocations and retypes update it in place.
  d.choice.assign(w.states.size(), {});
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    const auto [first, last] = w.dealers_of_state[i];
    const auto from = static_cast<std::size_t>(first);
    const auto n = static_cast<std::size_t>(last - first);
    d.choice[i].assign(first, std::span<const DealerType>(d.type).subspan(from, n),
                       std::span<const std::uint8_t>(d.revoked).subspan(from, n), s.dealers.corrupt_attraction,
                       std::span<const double>(trait).subspan(from, n));
  }
}

void init_purchase_caches(const World& w, ReplicationCaches& cache) {
  cache.sales_law_key = 0;  // nothing built yet
  cache.channel_view_serial = 0;
  cache.channel_view_day = std::numeric_limits<std::int32_t>::min();
  cache.availability_today.assign(kNumClasses * w.states.size(), 0.0);
  cache.availability_key = 0;
  cache.availability_version.fill(0);
  const std::size_t homes = kNumClasses * w.states.size();
  cache.elsewhere_cumulative.assign(homes * w.states.size(), 0.0);
  cache.elsewhere_states.assign(homes * w.states.size(), 0);
  cache.elsewhere_count.assign(homes, 0);
  cache.elsewhere_version.assign(homes, 0);  // versions start at 1: nothing cached yet
  cache.elsewhere_mean.assign(homes, 0.0);
  cache.staging_weights.assign(w.states.size(), {});
  cache.staging_total.assign(w.states.size(), 0.0);
  cache.staging_epoch.assign(w.states.size(), std::numeric_limits<std::uint32_t>::max());
}
}  // namespace

std::vector<double> state_weights(const World& w, const RealMap& m) {
  // Named states get their weight; OTHER is spread over the rest by where the people
  // are, fading with distance to the border (networks form where buyers can be
  // recruited and loads driven south): population × exp(-km to the nearest port / 600).
  // Not by dealer counts: a state with many dealers and few people recruits few buyers.
  std::vector<double> weights(w.states.size(), 0.0);
  std::vector<double> pull(w.states.size(), 0.0);
  double unnamed = 0;
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    if (m.count(w.states[i].code)) {
      weights[i] = m.at(w.states[i].code);
      continue;
    }
    double nearest = std::numeric_limits<double>::infinity();
    for (const Crossing& c : w.crossings)
      if (c.official) nearest = std::min(nearest, distance_km(w.states[i].lat, w.states[i].lon, c.lat, c.lon));
    pull[i] = w.states[i].population * (std::isfinite(nearest) ? std::exp(-nearest / kHomeDecayKm) : 1.0);
    unnamed += pull[i];
  }
  const auto other_it = m.find("OTHER");
  const double other = other_it == m.end() ? 0.0 : other_it->second;
  if (other > 0 && unnamed > 0)
    for (std::size_t i = 0; i < w.states.size(); ++i)
      if (!m.count(w.states[i].code)) weights[i] = other * pull[i] / unnamed;
  return weights;
}

std::vector<double> home_state_weights(const World& w, const Settings& s) {
  return state_weights(w, s.traffickers.home_state_weights);
}

namespace {
/// What a crossing costs a load beyond the drive (km): its current price if routes have
/// been priced, else its known risk and detour (before the first pricing).
double crossing_price_km(const StepContext& ctx, const ReplicationState& st, int crossing) {
  const auto c = static_cast<std::size_t>(crossing);
  if (c < st.crossing_penalty_km.size()) return st.crossing_penalty_km[c];
  const BorderSettings& b = ctx.settings.border;
  return b.risk_weight_km * crossing_loss_rate(ctx, crossing) +
         (ctx.world.crossings[c].official ? 0.0 : b.unofficial_extra_km);
}
}  // namespace

std::vector<double> staging_weights(const StepContext& ctx, const ReplicationState& st, int home) {
  // Each staging city is priced by the drive from the home state to it plus its cheapest
  // way across (drive to a crossing and that crossing's price for risk and detour); the
  // network picks by logit, so cities near the border and near home share the networks
  // instead of one nearest city taking them all.
  const World& w = ctx.world;
  const double* feed_km = &w.tables.feed_km[static_cast<std::size_t>(home) * w.staging.size()];
  std::vector<double> cost(w.staging.size(), 0.0);
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < w.staging.size(); ++c) {
    double across = std::numeric_limits<double>::infinity();
    for (const DriveLeg& leg : w.drive_legs[c])
      across = std::min(across, leg.km + crossing_price_km(ctx, st, leg.crossing));
    cost[c] = feed_km[c] + across;
    best = std::min(best, cost[c]);
  }
  for (double& c : cost) c = std::exp(-(c - best) / ctx.settings.traffickers.staging_choice_km);
  return cost;
}

int choose_staging(const StepContext& ctx, const ReplicationState& st, int home, Rng& rng) {
  return static_cast<int>(categorical(rng, staging_weights(ctx, st, home)));
}

namespace {
/// Where a new network would be based, stage and sell.
struct NetworkPlan {
  std::int32_t home = 0, staging = 0, region = 0;
};
NetworkPlan plan_network(const StepContext& ctx, ReplicationState& st, Rng& rng) {
  NetworkPlan p;
  const ModelTables& t = ctx.world.tables;
  p.home = static_cast<std::int32_t>(categorical(rng, t.home_weight, t.home_weight_total));
  // choose_staging's draw, with the weights and their sum kept until prices next change.
  ReplicationCaches& cache = st.caches;
  const auto h = static_cast<std::size_t>(p.home);
  if (cache.staging_epoch[h] != cache.route_epoch) {
    cache.staging_weights[h] = staging_weights(ctx, st, p.home);
    cache.staging_total[h] = 0;
    for (double x : cache.staging_weights[h]) cache.staging_total[h] += x;
    cache.staging_epoch[h] = cache.route_epoch;
  }
  p.staging = static_cast<std::int32_t>(categorical(rng, cache.staging_weights[h], cache.staging_total[h]));
  p.region = static_cast<std::int32_t>(choose_destination(ctx, p.staging, rng));
  return p;
}

/// The most a network's scale can be, against the mean network's: at the admissible
/// dispersions a larger draw is rarer than one network in a thousand.
constexpr double kMaxScale = 64;

/// A new network's scale: lognormal with mean 1 and sigma traffickers.size_dispersion,
/// in 1/kScaleUnits (at least one unit, at most kMaxScale); 1, without a draw, when the
/// dispersion is 0. Illicit enterprises are mostly small with a few large ones (a
/// long-tailed size, as in the trafficking cases' sizes, docs/ODD.md section 7.23).
std::int32_t draw_scale(const Settings& s, Rng& rng) {
  const double sigma = s.traffickers.size_dispersion;
  if (sigma <= 0) return kScaleUnits;
  const double scale = std::exp(sigma * standard_normal(rng) - 0.5 * sigma * sigma);
  return static_cast<std::int32_t>(std::clamp(std::round(scale * kScaleUnits), 1.0, kMaxScale * kScaleUnits));
}

/// A network joins, or leaves (or is replaced in), its destination's count and summed scale.
void join_destination(ReplicationState& st, const TraffickerState& net) {
  const auto r = static_cast<std::size_t>(net.region);
  ++st.serving_networks[r];
  st.serving_scale[r] += net.scale_units;
}
void leave_destination(ReplicationState& st, const TraffickerState& net) {
  const auto r = static_cast<std::size_t>(net.region);
  --st.serving_networks[r];
  st.serving_scale[r] -= net.scale_units;
}

void open_network(const StepContext& ctx, ReplicationState& st, std::size_t t, const NetworkPlan& plan, Rng& rng) {
  const Settings& s = ctx.settings;
  TraffickerState& net = st.networks[t];
  const std::uint32_t generation = net.generation + 1;
  if (net.active) leave_destination(st, net);
  net = TraffickerState{};
  net.generation = generation;
  net.home_state = plan.home;
  net.staging = plan.staging;
  net.region = plan.region;
  st.due.set(t, ctx.day() + static_cast<std::int32_t>(rng.uniform() * s.traffickers.mean_days_between_buys));
  net.scale_units = draw_scale(s, rng);
  join_destination(st, net);
  net.budget = s.traffickers.initial_budget * net.scale();
  net.settled_day = ctx.day();
  net.started_day = ctx.day();
  net.profit_day = ctx.day();
  net.orders_seen = st.cumulative_orders[static_cast<std::size_t>(net.region)];
  for (std::size_t b = 0; b < static_cast<std::size_t>(s.traffickers.buyers_per_network); ++b)
    vacate_buyer_slot(st, st.buyers[buyer_slot(s, t, b)]);
}

/// Empty slot t waits Exp(traffickers.replacement_days) before it looks at the market
/// again (substream: 0 when a network folds, 1 when a would-be network stays out).
void wait_for_entrant(const StepContext& ctx, ReplicationState& st, std::size_t t, std::uint32_t substream) {
  Rng rng = ctx.rng(StreamId::kNetworkReplacement, network_vertex(ctx.world, t), substream);
  st.due.set(t, ctx.day() + static_cast<std::int32_t>(exponential(rng, ctx.settings.traffickers.replacement_days)));
}

/// A would-be network in empty slot t looks at the market: it enters where it expects
/// to earn more than the fixed cost (network_entry.hpp), else it waits.
void try_entry(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t) {
  if (!entry_may_pay(ctx, st)) {
    wait_for_entrant(ctx, st, t, 1);
    return;
  }
  Rng rng = ctx.rng(StreamId::kNetworkStart, network_vertex(ctx.world, t));
  const NetworkPlan plan = plan_network(ctx, st, rng);
  if (entrant_profit(ctx, st, static_cast<std::size_t>(plan.region)) > ctx.settings.traffickers.fixed_cost_per_year) {
    open_network(ctx, st, t, plan, rng);
    tally.add(ctx.rows.supply.networks_entered, 1);
  } else {
    wait_for_entrant(ctx, st, t, 1);
  }
}
}  // namespace

void start_network(const StepContext& ctx, ReplicationState& st, std::size_t t) {
  Rng rng = ctx.rng(StreamId::kNetworkStart, network_vertex(ctx.world, t));
  open_network(ctx, st, t, plan_network(ctx, st, rng), rng);
}

void init_us_market(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  init_dealers(ctx, st.dealers);
  TraffickerState vacant;
  vacant.active = false;
  st.networks.assign(network_slots(s), vacant);
  st.due.reset(st.networks.size(), ctx.day(), s.simulation.end.days());
  st.serving_networks.assign(w.regions.size(), 0);
  st.serving_scale.assign(w.regions.size(), 0);
  init_purchase_caches(w, st.caches);
  st.buyers.assign(st.networks.size() * static_cast<std::size_t>(s.traffickers.buyers_per_network), BuyerState{});
  st.people.assign(1, PersonRecord{});  // id 0: nobody (a slot never filled)
  // traffickers.count networks start; the rest of the pool is room for entrants.
  for (std::size_t t = 0; t < st.networks.size(); ++t) {
    if (t < static_cast<std::size_t>(s.traffickers.count))
      start_network(ctx, st, t);
    else
      wait_for_entrant(ctx, st, t, 0);
  }
  init_network_economy(ctx, st);
}

void settle_network(const StepContext& ctx, const ReplicationState& st, TraffickerState& net) {
  const int days = ctx.day() - net.settled_day;
  const double orders = st.cumulative_orders[static_cast<std::size_t>(net.region)] - net.orders_seen;
  // The orders since the network last acted take today's year's class mix (a week's
  // orders straddling 1 January take the new year's).
  const ClassMix& mix = ctx.world.tables.class_mix_in(ctx.year);
  // Orders accrue per unit of scale: a network takes its scale's share.
  const double own = orders * net.scale();
  for (std::size_t c = 0; c < kNumClasses; ++c) net.backlog[c] += own * mix[c];
  net.orders_seen += orders;
  if (days <= 0) return;
  const ModelTables& tables = ctx.world.tables;
  const bool tabled = days < kDecayTableDays;
  const double forget = tabled ? tables.risk_forget[static_cast<std::size_t>(days)]
                               : std::exp(-days / ctx.settings.traffickers.risk_memory_days);
  for (double& r : net.risk) r *= forget;
  net.home_risk *= forget;
  const double fade = tabled ? tables.recent_fade[static_cast<std::size_t>(days)] : std::exp(-days / kRecentGunsDays);
  for (double& g : net.recent_guns) g *= fade;
  net.settled_day = ctx.day();
}

void stop_network(const StepContext& ctx, ReplicationState& st, std::size_t t) {
  TraffickerState& net = st.networks[t];
  net.active = false;
  leave_destination(st, net);
  wait_for_entrant(ctx, st, t, 0);
}

namespace {
// How many due networks ahead their records, then their buyers and inventories, are
// fetched: far enough ahead for a miss to memory to complete during the trips between.
constexpr std::size_t kRecordAhead = 6;
constexpr std::size_t kBuyersAhead = 3;

/// Knowing the next due networks lets their scattered records be fetched while this one
/// acts: a trip is bound by cache misses, not arithmetic. No effect on results.
void prefetch_due(const ReplicationState& st, std::span<const std::uint32_t> due, std::size_t k, std::size_t per) {
  if (k + kRecordAhead < due.size()) prefetch_for_write(&st.networks[due[k + kRecordAhead]], sizeof(TraffickerState));
  if (k + kBuyersAhead < due.size()) {  // its record was asked for a few steps ago
    const TraffickerState& next = st.networks[due[k + kBuyersAhead]];
    prefetch_for_write(&st.buyers[due[k + kBuyersAhead] * per], per * sizeof(BuyerState));
    if (next.inventory.capacity() > next.inventory.size())
      prefetch_for_write(next.inventory.data() + next.inventory.size());
  }
}

/// Days to a network's next turn: Exp(traffickers.mean_days_between_buys) rounded, by
/// table, for a network of the mean scale or larger; a smaller one waits longer in
/// proportion, Exp(mean / scale), so that its turns, each sending one crew, come as often
/// as its scale says (a turn that sent no crew would cost a settling for nothing).
std::int64_t turn_wait(const StepContext& ctx, std::int32_t scale_units, std::uint64_t wait_bits) {
  if (scale_units >= kScaleUnits) return ctx.world.tables.trip_wait.at(wait_bits >> 12);
  const double mean = ctx.settings.traffickers.mean_days_between_buys * kScaleUnits / scale_units;
  return RoundedExponential::formula(mean, wait_bits >> 12);
}

/// How many of a network's crews go buying on its turn: one for a network of the mean
/// scale or smaller (whose turns come less often, turn_wait); for a larger one, the whole
/// part of its scale always and the fractional part with that chance, read from the low 12
/// bits of the wait's draw (the wait uses the top 52). So trips per year follow the scale.
int crews_out(std::int32_t scale_units, std::uint64_t wait_bits) {
  static_assert(4096 % kScaleUnits == 0, "the 12 spare bits must split evenly into scale units");
  if (scale_units <= kScaleUnits) return 1;
  const std::int32_t whole = scale_units / kScaleUnits, part = scale_units % kScaleUnits;
  const auto spare = static_cast<std::int32_t>(wait_bits & 0xFFFu);
  return whole + (spare < part * (4096 / kScaleUnits) ? 1 : 0);
}

/// Network t's turn: settle it, set its next turn's day, send its crews on their trips,
/// ship if it should, fold if it is broke with nothing to sell.
void network_turn(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t) {
  const World& w = ctx.world;
  TraffickerState& net = st.networks[t];
  settle_network(ctx, st, net);
  TripDraws draws(ctx.seed, ctx.replication, network_vertex(w, t), ctx.step());
  // The dealer a straw purchase would pick is known before the trip's other choices (its
  // draw has a fixed address), so its entry in the home state's list is fetched meanwhile.
  st.dealers.choice[static_cast<std::size_t>(net.home_state)].prefetch(draws.uniform(TripDecision::kDealer));
  const std::uint64_t wait_bits = draws.bits(TripDecision::kWait);
  const std::int64_t wait = turn_wait(ctx, net.scale_units, wait_bits);
  st.due.set(t, ctx.day() + static_cast<std::int32_t>(std::max<std::int64_t>(1, wait)));
  const int crews = crews_out(net.scale_units, wait_bits);
  bool unfunded = acquisition_trip(ctx, st, tally, t, draws);
  for (int k = 1; k < crews && !unfunded; ++k) {
    // Another crew's trip today: its own decisions, at an address no day's trip uses.
    TripDraws more(ctx.seed, ctx.replication, network_vertex(w, t), ctx.step() + (static_cast<std::uint64_t>(k) << 32));
    unfunded = acquisition_trip(ctx, st, tally, t, more);
  }
  // Ship a full load, or whatever is on hand once the cash for another gun is gone (the
  // sale refills the budget). A trip's price includes the channel's extra cost and the
  // straw fee, so cash above the cheapest retail price can still buy nothing: a trip that
  // could not pay asks whether any gun on order is within reach.
  const bool broke = net.budget < kCheapestGun || (unfunded && net.budget < cheapest_order_price(ctx, net));
  const bool ships = static_cast<double>(net.inventory_count) >= ctx.settings.traffickers.shipment_size ||
                     (broke && net.inventory_count > 0);
  if (ships) ship_load(ctx, st, tally, t);
  if (broke && !ships && net.active) {
    // Nothing to sell and no cash: the network folds and is replaced in time. (One that
    // shipped what it held has been paid for what got through, and buys again.)
    stop_network(ctx, st, t);
    tally.add(ctx.rows.networks_bankrupt, 1);
  } else if (ships && net.active && net.inventory_count == 0 && leaves_market(ctx, net)) {
    // Accounts are settled when a load is sold: earning less than the crew's other work
    // would pay, the network stops.
    stop_network(ctx, st, t);
    tally.add(ctx.rows.supply.networks_exited, 1);
  }
}
}  // namespace

void networks_act(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  accrue_daily_orders(ctx, st);
  // In slot order: acting changes only the actor's own due day, so this is the order of
  // a plain scan of the slots.
  const std::span<const std::uint32_t> due = st.due.take(ctx.day());
  const auto per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  for (std::size_t k = 0; k < due.size(); ++k) {
    prefetch_due(st, due, k, per);
    const std::size_t t = due[k];
    if (st.networks[t].active)
      network_turn(ctx, st, tally, t);
    else
      try_entry(ctx, st, tally, t);
  }
}

}  // namespace gunflow
