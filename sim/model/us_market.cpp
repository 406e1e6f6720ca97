// US side of the pipeline: dealers (compliance types), networks (orders, channel,
// state and dealer choice, adaptation) and straw buyers (recruitment, purchase
// history, multiple-sale reports). MODEL.md stages 2–4.
#include "gunflow/model/us_market.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "gunflow/core/int_floor.hpp"
#include "gunflow/model/border.hpp"
#include "gunflow/model/demand.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {

// No gun costs less than the cheapest retail price: below it a network cannot buy.
constexpr double kCheapestGun = 450.0;
static_assert(kCheapestGun <= kUsRetailPrice[0] && kCheapestGun <= kUsRetailPrice[4]);

std::uint64_t vertex_id(const std::vector<Vertex>& v, std::size_t i) { return static_cast<std::uint64_t>(v[i]); }

// Buyers live in slots t * per + b.
std::size_t buyer_slot(const Settings& s, std::size_t t, std::size_t b) {
  return t * static_cast<std::size_t>(s.traffickers.buyers_per_network) + b;
}

/// Guns this buyer bought on or after `counted_from` (the first day of the rule's window
/// of business days ending today: first_day_of_business_window) that count toward the
/// same report as `cls`.
int reportable_in_window(const StepContext& ctx, const BuyerState& b, int state, FirearmClass cls,
                         std::int32_t counted_from) {
  int n = 0;
  for (std::size_t i = 0; i < b.recent_day.size(); ++i) {
    if (b.recent_count[i] == 0 || b.recent_day[i] < counted_from) continue;
    const auto other = static_cast<FirearmClass>(b.recent_class[i]);
    const bool same_report = other == cls || (cls != FirearmClass::kHandgun && other != FirearmClass::kHandgun &&
                                              reporting_rule(ctx, state, other).threshold > 0);
    if (same_report) n += b.recent_count[i];
  }
  return n;
}

void add_lead(const StepContext& ctx, ReplicationState& st, Lead lead, bool priority) {
  lead.created_day = ctx.day();
  (priority ? st.priority_leads : st.routine_leads).push_back(lead);
  ctx.add(ctx.rows.leads, 1);
}

DealerChoice::Picked pick_dealer(ReplicationState& st, int state, double u) {
  const DealerChoice& choice = st.dealers.choice[static_cast<std::size_t>(state)];
  return choice.empty() ? DealerChoice::Picked{-1, DealerType::kCompliant} : choice.pick(u);
}

struct Trip {
  std::size_t t;
  FirearmClass cls;
  int state;
  std::int64_t wanted;
  std::uint32_t generation;
  double dealer_u;  ///< the uniform a straw purchase picks its dealer with (drawn first)
};

Lot make_lot(const StepContext& ctx, const Trip& trip, Channel ch, std::int64_t k) {
  const std::uint32_t st_generation = trip.generation;
  Lot lot;
  lot.cls = trip.cls;
  lot.origin = trip.cls == FirearmClass::kKit ? Origin::kUsKit : Origin::kUsRetail;
  lot.channel = ch;
  lot.us_state = static_cast<std::int16_t>(trip.state);
  lot.purchase_day = ctx.day();
  lot.trafficker = static_cast<std::int32_t>(trip.t);
  lot.network_generation = st_generation;
  lot.count = k;
  return lot;
}

/// Straw purchase at a licensed dealer. Returns guns bought.
std::int64_t straw_purchase(const StepContext& ctx, ReplicationState& st, const Trip& trip, Rng& rng) {
  const Settings& s = ctx.settings;
  TraffickerState& net = st.networks[trip.t];
  const auto per = static_cast<std::size_t>(s.traffickers.buyers_per_network);
  const ReportingRule rule = reporting_rule(ctx, trip.state, trip.cls);
  const bool reportable = rule.threshold > 0;
  const std::int32_t counted_from =
      reportable ? first_day_of_business_window(ctx.date, rule.window_business_days).days() : 0;
  // Use an active buyer who would not trigger a report if the network has learned to
  // split purchases; otherwise recruit into a free slot.
  std::size_t slot = per;
  std::size_t free_slot = per;
  const std::size_t start = static_cast<std::size_t>(rng.uniform() * static_cast<double>(per)) % per;
  for (std::size_t j = 0; j < per; ++j) {
    const std::size_t b = start + j < per ? start + j : start + j - per;  // (start + j) % per, without a division
    const BuyerState& buyer = st.buyers[buyer_slot(s, trip.t, b)];
    if (!buyer.active) {
      if (free_slot == per) free_slot = b;
      continue;
    }
    if (net.splits_purchases && reportable &&
        reportable_in_window(ctx, buyer, trip.state, trip.cls, counted_from) + 1 >= rule.threshold)
      continue;
    slot = b;
    break;
  }
  if (slot == per) {
    if (free_slot == per) return 0;  // every buyer busy this week: try again later
    slot = free_slot;
    BuyerState fresh;
    fresh.active = true;
    fresh.serial = st.buyers[buyer_slot(s, trip.t, slot)].serial + 1;
    fresh.state = trip.state;
    st.buyers[buyer_slot(s, trip.t, slot)] = fresh;
    ctx.add(ctx.rows.straw_buyers_recruited, 1);
  }
  BuyerState& buyer = st.buyers[buyer_slot(s, trip.t, slot)];
  std::int64_t k = std::min<std::int64_t>(trip.wanted, static_cast<std::int64_t>(s.traffickers.max_guns_per_purchase));
  if (net.splits_purchases && reportable)  // stay under the threshold, counting what this buyer already has
    k = std::min<std::int64_t>(k, rule.threshold - 1 - reportable_in_window(ctx, buyer, trip.state, trip.cls, counted_from));
  const auto [dealer, type] = pick_dealer(st, trip.state, trip.dealer_u);
  if (dealer < 0) return 0;
  const Lead lead{LeadKind::kStrawBuyer, Channel::kStraw, static_cast<std::int32_t>(trip.t), net.generation,
                  static_cast<std::int32_t>(buyer_slot(s, trip.t, slot)), buyer.serial, 0};
  if (type == DealerType::kCompliant && k >= 2 && bernoulli(rng, s.dealers.refusal_probability)) {
    // The dealer refuses the sale and tips off ATF; the network drops this buyer.
    ctx.add(ctx.rows.dealer_refusals, 1);
    add_lead(ctx, st, lead, true);
    buyer.active = false;
    net.risk[index_of(Channel::kStraw)] += 1.0;
    if (trip.state == net.home_state) net.home_risk += 1.0;
    return 0;
  }
  buyer.state = trip.state;
  buyer.recent_day[buyer.ring_pos] = ctx.day();
  buyer.recent_class[buyer.ring_pos] = static_cast<std::uint8_t>(index_of(trip.cls));
  buyer.recent_count[buyer.ring_pos] = static_cast<std::uint8_t>(std::min<std::int64_t>(k, 255));
  buyer.ring_pos = static_cast<std::uint8_t>((buyer.ring_pos + 1) % buyer.recent_day.size());
  buyer.guns_bought += k;
  // Multiple-sale reports (handguns: federal Form 3310.4; listed rifles where a
  // reporting policy is in force): the report is a routine ATF lead.
  if (reportable && reportable_in_window(ctx, buyer, trip.state, trip.cls, counted_from) >= rule.threshold) {
    ctx.add(ctx.rows.multiple_sale_reports, 1);
    add_lead(ctx, st, lead, false);
  }
  Lot lot = make_lot(ctx, trip, Channel::kStraw, k);
  lot.buyer = lead.buyer;
  lot.buyer_serial = buyer.serial;
  // Buyers buy a few guns over weeks, then the network lets them go (less exposure).
  if (static_cast<double>(buyer.guns_bought) >= s.traffickers.guns_per_buyer) buyer.active = false;
  lot.dealer = dealer;
  net.inventory.push_back(lot);
  return k;
}

std::int64_t corrupt_purchase(const StepContext& ctx, ReplicationState& st, const Trip& trip, Rng& rng) {
  const DealerChoice& choice = st.dealers.choice[static_cast<std::size_t>(trip.state)];
  if (choice.empty()) return 0;
  // A few tries at finding a dealer who sells off the books (networks know them), each a
  // dealer drawn as pick_dealer draws, kept only if corrupt (DealerChoice::pick_corrupt).
  const int d = choice.pick_corrupt(rng);
  if (d < 0) return 0;
  const auto di = static_cast<std::size_t>(d);
  const double room = ctx.settings.channels.corrupt_dealer_volume - st.dealers.offbook_sold_this_year[di];
  const std::int64_t k = std::min<std::int64_t>(trip.wanted, int_floor(room));
  if (k <= 0) return 0;
  st.dealers.offbook_sold_this_year[di] += static_cast<double>(k);
  Lot lot = make_lot(ctx, trip, Channel::kCorruptDealer, k);
  lot.dealer = d;
  st.networks[trip.t].inventory.push_back(lot);
  return k;
}

/// Unlicensed sellers, gun shows and thefts sell guns first sold at retail earlier.
std::int64_t secondhand_purchase(const StepContext& ctx, ReplicationState& st, const Trip& trip, Channel ch, Rng& rng) {
  static const Poisson kTheftExtra(0.5), kSellerExtra(2.0);  // guns beyond the first
  const std::int64_t extra = ch == Channel::kTheft ? kTheftExtra(rng) : kSellerExtra(rng);
  const std::int64_t k = std::min<std::int64_t>(trip.wanted, 1 + extra);
  Lot lot = make_lot(ctx, trip, ch, k);
  const double age_years = ch == Channel::kTheft ? 5.0 : 1.0;
  lot.purchase_day = ctx.day() - static_cast<std::int32_t>(exponential(rng, 365.0 * age_years));
  if (ch == Channel::kUnlicensed) {
    if (bernoulli(rng, ctx.settings.channels.gun_show_share)) ctx.add(ctx.rows.gun_show_guns, static_cast<double>(k));
  }
  st.networks[trip.t].inventory.push_back(lot);
  return k;
}

/// How available a channel is for `cls` in `state` today (0 = closed).
double channel_availability(const StepContext& ctx, Channel ch, int state, FirearmClass cls) {
  switch (ch) {
    case Channel::kStraw:
    case Channel::kCorruptDealer: return retail_sale_allowed(ctx, state, cls) ? 1.0 : 0.0;
    case Channel::kUnlicensed:
      // Background checks on private sales make unlicensed sellers scarcer and warier.
      return secondhand_availability(ctx, state, cls) * (private_sales_checked(ctx, state) ? 0.3 : 1.0);
    case Channel::kTheft: return secondhand_availability(ctx, state, cls);
    case Channel::kKit: return 0.0;
  }
  return 0.0;
}

double any_availability(const StepContext& ctx, int state, FirearmClass cls) {
  double a = 0;
  for (Channel ch : {Channel::kStraw, Channel::kUnlicensed, Channel::kTheft})
    a = std::max(a, channel_availability(ctx, ch, state, cls));
  return a;
}

/// exp(-risk_aversion × risk): how much a perceived risk (>= 0) deters. Most networks
/// have never been burnt in most channels, and exp(-0) is exactly 1, so the call is
/// skipped for them (same value, five calls fewer per trip).
double risk_weight(const Settings& s, double risk) {
  return risk > 0 ? std::exp(-s.traffickers.risk_aversion * risk) : 1.0;
}

/// any_availability for every state, computed once per class and day (it depends on
/// nothing else) instead of 50 times per out-of-state trip. The class's version changes
/// when a value does (a policy starts or ends, a grandfathered stock decays).
std::span<const double> availability_by_state(const StepContext& ctx, ReplicationState& st, FirearmClass cls) {
  const std::size_t n = ctx.world.states.size();
  const std::size_t c = index_of(cls);
  double* row = st.availability_today.data() + c * n;
  if (st.availability_day[c] != ctx.day()) {
    bool changed = st.availability_version[c] == 0;  // never computed
    for (std::size_t i = 0; i < n; ++i) {
      const double a = any_availability(ctx, static_cast<int>(i), cls);
      changed = changed || a != row[i];
      row[i] = a;
    }
    if (changed) ++st.availability_version[c];
    st.availability_day[c] = ctx.day();
  }
  return {row, n};
}

/// Where an out-of-state trip for `cls` from `home` buys: the states other than home,
/// weighted by dealers × availability × distance decay. Rebuilt only when that class's
/// availability changes (they depend on nothing else), as the positive weights' running
/// sums, heaviest state first: a draw walks a few entries instead of fifty (the nearest
/// states carry most of the weight).
struct ElsewhereChoice {
  std::span<const double> cumulative;       // running sums, heaviest first
  std::span<const std::uint16_t> states;    // the state of each entry
  [[nodiscard]] bool empty() const { return states.empty(); }
  [[nodiscard]] int draw(Rng& rng) const {
    const double target = rng.uniform() * cumulative.back();
    std::size_t k = 0;
    while (k + 1 < states.size() && cumulative[k] <= target) ++k;  // the clamp absorbs rounding at the top
    return states[k];
  }
};
ElsewhereChoice elsewhere_choice(const StepContext& ctx, ReplicationState& st, int home, FirearmClass cls,
                                 std::span<const double> availability) {
  const World& w = ctx.world;
  const std::size_t n = w.states.size();
  const std::size_t k = index_of(cls) * n + static_cast<std::size_t>(home);
  double* cumulative = st.elsewhere_cumulative.data() + k * n;
  std::uint16_t* states = st.elsewhere_states.data() + k * n;
  if (st.elsewhere_version[k] != st.availability_version[index_of(cls)]) {
    const std::span<const double> proximity = w.tables.proximity_from(home);
    std::vector<std::pair<double, std::uint16_t>>& weighted = st.elsewhere_scratch;
    weighted.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const double weight = static_cast<int>(i) == home ? 0.0 : w.states[i].retail_dealers * availability[i] * proximity[i];
      if (weight > 0) weighted.emplace_back(weight, static_cast<std::uint16_t>(i));
    }
    std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;  // a total order: the same on every platform
    });
    double total = 0;
    for (std::size_t j = 0; j < weighted.size(); ++j) {
      total += weighted[j].first;
      cumulative[j] = total;
      states[j] = weighted[j].second;
    }
    st.elsewhere_count[k] = static_cast<std::uint16_t>(weighted.size());
    st.elsewhere_version[k] = st.availability_version[index_of(cls)];
  }
  const std::size_t count = st.elsewhere_count[k];
  return {{cumulative, count}, {states, count}};
}

/// Where this trip buys: home state, or elsewhere — by habit, because the network
/// feels watched at home (`home_risk`), or because the class cannot be had at home
/// (the displacement of state bans).
int choose_purchase_state(const StepContext& ctx, ReplicationState& st, const TraffickerState& net, FirearmClass cls,
                          Rng& rng) {
  const Settings& s = ctx.settings;
  const std::span<const double> availability = availability_by_state(ctx, st, cls);
  // Home if the class is to be had there (availability) and the network stays (stay):
  // one uniform decides both (the chance of home is their product).
  const double stay = (1.0 - s.traffickers.out_of_state_share) * risk_weight(s, net.home_risk);
  if (rng.uniform() < availability[static_cast<std::size_t>(net.home_state)] * stay) return net.home_state;
  // Nearby states, weighted by dealers, availability and a 600 km distance decay.
  const ElsewhereChoice elsewhere = elsewhere_choice(ctx, st, net.home_state, cls, availability);
  return elsewhere.empty() ? net.home_state : elsewhere.draw(rng);
}

Channel choose_channel(const StepContext& ctx, const TraffickerState& net, int state, FirearmClass cls, Rng& rng) {
  const Settings& s = ctx.settings;
  std::array<double, 4> weights{};
  for (std::size_t c = 0; c < weights.size(); ++c)
    weights[c] = ctx.world.tables.channel_preference[c] *
                 risk_weight(s, net.risk[c]) *
                 channel_availability(ctx, static_cast<Channel>(c), state, cls);
  if (weights[0] + weights[1] + weights[2] + weights[3] <= 0) return Channel::kKit;  // nothing open
  return static_cast<Channel>(categorical(rng, weights));
}

/// The class actually sought: supply-side policies turn some orders into others
/// (blocked AK imports → AR-type; blocked kits → handguns; a ban at home → the
/// substitute class instead of a trip elsewhere).
FirearmClass substitute_class(const StepContext& ctx, const TraffickerState& net, FirearmClass cls, Rng& rng) {
  const PolicySettings& p = ctx.settings.policies;
  if (cls == FirearmClass::kAk && p.import_ban_enforcement.active(ctx.date) &&
      bernoulli(rng, p.import_ban_enforcement.share_blocked))
    cls = FirearmClass::kAr;
  if (cls == FirearmClass::kKit && p.kit_controls.active(ctx.date) && bernoulli(rng, p.kit_controls.share_blocked))
    cls = FirearmClass::kHandgun;
  if (const SalesBan* ban = blocking_ban(ctx, net.home_state, cls); ban && bernoulli(rng, ban->substitution))
    cls = cls == FirearmClass::kBmg50 ? FirearmClass::kAr : FirearmClass::kOtherLong;
  return cls;
}

/// What a network pays per gun: retail price, channel premium, straw buyer's fee.
double unit_cost(const Settings& s, const ModelTables& tables, FirearmClass cls, Channel ch) {
  double unit = kUsRetailPrice[index_of(cls)];
  if (ch != Channel::kKit) unit += tables.channel_extra_cost[index_of(ch)];
  if (ch == Channel::kStraw) unit += s.traffickers.straw_fee;
  return unit;
}

/// Guns the network can pay for at `unit` USD each (its budget is finite).
std::int64_t affordable(const TraffickerState& net, double unit, std::int64_t wanted) {
  return std::min<std::int64_t>(wanted, int_floor(net.budget / unit));
}

void acquisition_trip(const StepContext& ctx, ReplicationState& st, std::size_t t, Rng& rng) {
  const Settings& s = ctx.settings;
  TraffickerState& net = st.networks[t];
  double total = 0;
  for (double b : net.backlog) total += std::max(0.0, b);
  if (total < 1.0) return;
  // The dealer a straw purchase will pick is drawn first, so that its entry in the home
  // state's dealer list (a likely cache miss) is fetched while the other choices are
  // made; the uniform is independent of them, so it serves whichever state is chosen.
  const double dealer_u = rng.uniform();
  st.dealers.choice[static_cast<std::size_t>(net.home_state)].prefetch(dealer_u);
  std::array<double, kNumClasses> weights{};
  for (std::size_t c = 0; c < kNumClasses; ++c) weights[c] = std::max(0.0, net.backlog[c]);
  const auto ordered = static_cast<FirearmClass>(categorical(rng, weights));
  const std::int64_t wanted = std::max<std::int64_t>(1, int_floor(net.backlog[index_of(ordered)]));
  const FirearmClass cls = substitute_class(ctx, net, ordered, rng);
  Trip trip{t, cls, net.home_state, wanted, net.generation, dealer_u};
  Channel ch = Channel::kKit;
  std::int64_t got = 0;
  if (cls == FirearmClass::kKit) {
    // Kits and parts by mail or online: no check.
    got = std::min<std::int64_t>(affordable(net, unit_cost(s, ctx.world.tables, cls, ch), wanted), 10);
    if (got <= 0) {
      ctx.add(ctx.rows.trips_unfunded, 1);
      return;
    }
    Lot lot = make_lot(ctx, trip, ch, got);
    const KitControls& kc = s.policies.kit_controls;
    if (kc.active(ctx.date) && bernoulli(rng, kc.serialized_share)) lot.origin = Origin::kUsRetail;  // serialized: traceable
    net.inventory.push_back(lot);
  } else {
    trip.state = choose_purchase_state(ctx, st, net, cls, rng);
    ch = choose_channel(ctx, net, trip.state, cls, rng);
    if (ch == Channel::kKit) {  // the class cannot be had anywhere reachable
      ctx.add(ctx.rows.trips_blocked, 1);
      return;
    }
    // Price the trip at the dearer of the channel and the straw fallback.
    trip.wanted = affordable(net, std::max(unit_cost(s, ctx.world.tables, cls, ch), unit_cost(s, ctx.world.tables, cls, Channel::kStraw)), wanted);
    if (trip.wanted <= 0) {
      ctx.add(ctx.rows.trips_unfunded, 1);
      return;
    }
    if (ch == Channel::kCorruptDealer) got = corrupt_purchase(ctx, st, trip, rng);
    if (ch == Channel::kCorruptDealer && got == 0) ch = Channel::kStraw;  // none nearby: fall back
    if (ch == Channel::kStraw) got = straw_purchase(ctx, st, trip, rng);
    if (ch == Channel::kUnlicensed || ch == Channel::kTheft) got = secondhand_purchase(ctx, st, trip, ch, rng);
  }
  if (got <= 0) return;
  const double k = static_cast<double>(got);
  net.backlog[index_of(ordered)] -= k;  // a substitute fills the order
  net.inventory_count += got;
  const double cost = unit_cost(s, ctx.world.tables, cls, ch) * k;
  net.cost_sum += cost;
  net.budget -= cost;
  net.recent_guns[index_of(ch)] += k;
  ctx.add(ctx.rows.guns_trafficked, k);
  ctx.add(ctx.rows.purchases, 1);
  ctx.add(ctx.rows.trafficked_by_class[index_of(cls)], k);
  ctx.add(ctx.rows.trafficked_by_state[static_cast<std::size_t>(trip.state)], k);
  ctx.add(ctx.rows.trafficked_by_channel[index_of(ch)], k);
  const BulkAmmunitionReporting& ammo = s.policies.bulk_ammunition_reporting;
  if (ammo.active(ctx.date) && bernoulli(rng, ammo.flag_probability)) {
    // A flagged bulk ammunition purchase points ATF at the network behind it.
    Lead lead{LeadKind::kNetwork, ch, static_cast<std::int32_t>(t), net.generation, -1, 0, 0};
    add_lead(ctx, st, lead, false);
    ctx.add(ctx.rows.ammunition_flags, 1);
  }
}
}  // namespace

/// Network bases: named states get their weight; OTHER is spread over the rest in
/// proportion to their dealers.
std::vector<double> home_state_weights(const World& w, const Settings& s) {
  const RealMap& m = s.traffickers.home_state_weights;
  std::vector<double> weights(w.states.size(), 0.0);
  double unnamed_dealers = 0;
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    if (m.count(w.states[i].code)) weights[i] = m.at(w.states[i].code);
    else unnamed_dealers += w.states[i].retail_dealers;
  }
  const auto other_it = m.find("OTHER");
  const double other = other_it == m.end() ? 0.0 : other_it->second;
  if (other > 0 && unnamed_dealers > 0)
    for (std::size_t i = 0; i < w.states.size(); ++i)
      if (!m.count(w.states[i].code)) weights[i] = other * w.states[i].retail_dealers / unnamed_dealers;
  return weights;
}


void start_network(const StepContext& ctx, ReplicationState& st, std::size_t t) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  Rng rng = ctx.rng(StreamId::kInitWorld, vertex_id(w.network.trafficker_vertex, t));
  TraffickerState& net = st.networks[t];
  const std::uint32_t generation = net.generation + 1;
  if (net.active) --st.serving_networks[static_cast<std::size_t>(net.region)];
  net = TraffickerState{};
  net.generation = generation;
  net.home_state = static_cast<std::int32_t>(categorical(rng, w.tables.home_weight));
  net.staging = w.states[static_cast<std::size_t>(net.home_state)].staging;
  net.region = static_cast<std::int32_t>(choose_destination(ctx, net.staging, rng));
  ++st.serving_networks[static_cast<std::size_t>(net.region)];
  st.network_due_day[t] = ctx.day() + static_cast<std::int32_t>(rng.uniform() * s.traffickers.mean_days_between_buys);
  net.budget = s.traffickers.initial_budget;
  net.settled_day = ctx.day();
  net.orders_seen = st.cumulative_orders[static_cast<std::size_t>(net.region)];
  for (std::size_t b = 0; b < static_cast<std::size_t>(s.traffickers.buyers_per_network); ++b)
    st.buyers[buyer_slot(s, t, b)] = BuyerState{};
}

void init_us_market(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  const std::size_t n_dealers = w.dealer_state.size();
  DealerState& d = st.dealers;
  d.type.assign(n_dealers, DealerType::kCompliant);
  d.revoked.assign(n_dealers, 0);
  d.offbook_sold_this_year.assign(n_dealers, 0.0);
  d.traces.assign(n_dealers, 0);
  for (std::size_t i = 0; i < n_dealers; ++i) {
    Rng rng = ctx.rng(StreamId::kInitWorld, vertex_id(w.network.dealer_vertex, i));
    const double u = rng.uniform();
    if (u < s.dealers.corrupt_share) d.type[i] = DealerType::kCorrupt;
    else if (u < s.dealers.corrupt_share + s.dealers.negligent_share) d.type[i] = DealerType::kNegligent;
  }
  // Each state's dealer choice, built once; revocations and retypes update it in place.
  d.choice.assign(w.states.size(), {});
  for (std::size_t i = 0; i < w.states.size(); ++i) {
    const auto [first, last] = w.dealers_of_state[i];
    const auto from = static_cast<std::size_t>(first);
    const auto n = static_cast<std::size_t>(last - first);
    d.choice[i].assign(first, std::span<const DealerType>(d.type).subspan(from, n),
                       std::span<const std::uint8_t>(d.revoked).subspan(from, n), s.dealers.corrupt_attraction);
  }
  TraffickerState vacant;
  vacant.active = false;
  st.networks.assign(static_cast<std::size_t>(s.traffickers.count), vacant);
  st.network_due_day.assign(st.networks.size(), 0);
  st.serving_networks.assign(w.regions.size(), 0);
  st.availability_today.assign(kNumClasses * w.states.size(), 0.0);
  st.availability_day.fill(std::numeric_limits<std::int32_t>::min());  // nothing cached yet
  st.availability_version.fill(0);
  const std::size_t homes = kNumClasses * w.states.size();
  st.elsewhere_cumulative.assign(homes * w.states.size(), 0.0);
  st.elsewhere_states.assign(homes * w.states.size(), 0);
  st.elsewhere_count.assign(homes, 0);
  st.elsewhere_version.assign(homes, 0);  // versions start at 1: nothing cached yet
  st.buyers.assign(static_cast<std::size_t>(s.traffickers.count * s.traffickers.buyers_per_network), BuyerState{});
  for (std::size_t t = 0; t < st.networks.size(); ++t) start_network(ctx, st, t);
}

void settle_network(const StepContext& ctx, const ReplicationState& st, TraffickerState& net) {
  const int days = ctx.day() - net.settled_day;
  const double orders = st.cumulative_orders[static_cast<std::size_t>(net.region)] - net.orders_seen;
  for (std::size_t c = 0; c < kNumClasses; ++c) net.backlog[c] += orders * ctx.world.tables.class_mix[c];
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

void stop_network(const StepContext& ctx, ReplicationState& st, std::size_t t, Rng& rng) {
  TraffickerState& net = st.networks[t];
  net.active = false;
  --st.serving_networks[static_cast<std::size_t>(net.region)];
  st.network_due_day[t] = ctx.day() + static_cast<std::int32_t>(exponential(rng, ctx.settings.traffickers.replacement_days));
}

namespace {
// How many due networks ahead their records, then their buyers and inventories, are
// fetched: far enough ahead for a miss to memory to complete during the trips between.
constexpr std::size_t kRecordAhead = 6;
constexpr std::size_t kBuyersAhead = 3;

void prefetch_lines(const void* p, std::size_t bytes) {
  for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(static_cast<const char*>(p) + at, 1);
}
}  // namespace

void networks_act(const StepContext& ctx, ReplicationState& st) {
  const World& w = ctx.world;
  const Settings& s = ctx.settings;
  accrue_daily_orders(ctx, st);
  const int today = ctx.day();
  // Who is due, in index order (acting changes only the actor's own due day, so this
  // is the order of a plain scan). Knowing the next ones lets their scattered records
  // be fetched while this one acts: a trip is bound by cache misses, not arithmetic.
  std::vector<std::uint32_t>& due = st.due_today;
  // Branch-free into a buffer sized for every network: a plain push_back loop reloads
  // the vectors' fields on each of the 2,000 iterations a day (they may alias).
  const std::size_t n_networks = st.network_due_day.size();
  due.resize(n_networks);
  const std::int32_t* due_day = st.network_due_day.data();
  std::uint32_t* out = due.data();
  std::size_t n_due = 0;
  for (std::size_t t = 0; t < n_networks; ++t) {
    out[n_due] = static_cast<std::uint32_t>(t);
    n_due += static_cast<std::size_t>(today >= due_day[t]);
  }
  due.resize(n_due);
  const auto per = static_cast<std::size_t>(s.traffickers.buyers_per_network);
  for (std::size_t k = 0; k < due.size(); ++k) {
    if (k + kRecordAhead < due.size()) prefetch_lines(&st.networks[due[k + kRecordAhead]], sizeof(TraffickerState));
    if (k + kBuyersAhead < due.size()) {  // its record was asked for a few steps ago
      const TraffickerState& next = st.networks[due[k + kBuyersAhead]];
      prefetch_lines(&st.buyers[due[k + kBuyersAhead] * per], per * sizeof(BuyerState));
      if (next.inventory.capacity() > next.inventory.size()) __builtin_prefetch(next.inventory.data() + next.inventory.size(), 1);
    }
    const std::size_t t = due[k];
    TraffickerState& net = st.networks[t];
    if (!net.active) {
      start_network(ctx, st, t);
      continue;
    }
    settle_network(ctx, st, net);
    Rng rng = ctx.rng(StreamId::kTraffickerActivity, vertex_id(w.network.trafficker_vertex, t));
    st.network_due_day[t] = today + static_cast<std::int32_t>(std::max<std::int64_t>(1, w.tables.trip_wait(rng)));
    acquisition_trip(ctx, st, t, rng);
    // Ship a full load, or whatever is on hand once the cash for another gun is gone
    // (the sale refills the budget).
    const bool broke = net.budget < kCheapestGun;
    if (static_cast<double>(net.inventory_count) >= s.traffickers.shipment_size || (broke && net.inventory_count > 0))
      ship_load(ctx, st, t);
    if (broke && net.inventory_count == 0 && net.active) {
      // Nothing to sell and no cash: the network folds and is replaced in time.
      stop_network(ctx, st, t, rng);
      ctx.add(ctx.rows.networks_bankrupt, 1);
    }
  }
}

}  // namespace gunflow
