#include "gunflow/model/acquisition.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gunflow/core/int_floor.hpp"
#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/model/prices.hpp"
#include "gunflow/model/purchase_choice.hpp"
#include "gunflow/model/secondary_market.hpp"
#include "gunflow/model/straw_buyers.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {

/// The class actually sought: supply-side policies turn some orders into others
/// (blocked kits → handguns; a ban at home → the substitute class instead of a trip
/// elsewhere). Each switch has its own draw. Blocked imports act later, on the dealer's
/// shelf only (firearm_purchase): second-hand imported guns stay on the market.
FirearmClass substitute_class(const StepContext& ctx, const TraffickerState& net, FirearmClass cls, TripDraws& draws) {
  const PolicySettings& p = ctx.settings.policies;
  if (cls == FirearmClass::kKit && p.kit_controls.active(ctx.date) &&
      draws.uniform(TripDecision::kKitSubstitution) < p.kit_controls.share_blocked)
    cls = FirearmClass::kHandgun;
  // Where compliant variants of a banned rifle are sold at home, the orders they meet
  // need no substitute.
  if (const SalesBan* ban = blocking_ban(ctx, net.home_state, cls);
      ban && draws.uniform(TripDecision::kBanSubstitution) < ban->substitution * (1.0 - compliant_share(ctx, *ban)))
    cls = cls == FirearmClass::kBmg50 ? FirearmClass::kAr : FirearmClass::kOtherLong;
  return cls;
}

/// Guns the network can pay for at `unit` USD each (its budget is finite).
std::int64_t affordable(const TraffickerState& net, double unit, std::int64_t wanted) {
  return std::min<std::int64_t>(wanted, int_floor(net.budget / unit));
}

std::int64_t corrupt_purchase(const StepContext& ctx, ReplicationState& st, const Trip& trip, TripDraws& draws) {
  const DealerChoice& choice = st.dealers.choice[static_cast<std::size_t>(trip.state)];
  if (choice.empty()) return 0;
  // A few tries at finding a dealer who sells off the books (networks know them), each a
  // dealer drawn as a straw purchase draws one, kept only if corrupt.
  Rng rng = draws.rng(TripDecision::kCorruptDealer);
  const int d = choice.pick_corrupt(rng);
  if (d < 0) return 0;
  const auto di = static_cast<std::size_t>(d);
  const double room = ctx.settings.channels.corrupt_dealer_volume - st.dealers.offbook_sold_this_year[di];
  const std::int64_t k = std::min<std::int64_t>(trip.wanted, int_floor(room));
  if (k <= 0) return 0;
  st.dealers.offbook_sold_this_year[di] += static_cast<double>(k);
  Lot lot = trip.lot(Channel::kCorruptDealer, k, ctx.day());
  lot.dealer = d;
  st.networks[trip.t].inventory.push_back(lot);
  return k;
}

/// An unlicensed seller's guns bought new at retail (the unlicensed dealer of ATF's
/// cases, who buys to resell): young guns, from a dealer drawn by sales volume. 0 if the
/// class cannot be had new here (banned, or an imported model kept out).
std::int64_t resold_new(const StepContext& ctx, ReplicationState& st, Trip& trip, std::int64_t k, Lot& lot,
                        TripDraws& draws) {
  // The shelf the seller bought from, drawn as a straw purchase's is (kImportedModel, which
  // an unlicensed trip does not otherwise use): if it fails, the private stock's own draw
  // (kSecondhandSupply) picks domestic or imported, independent of this one.
  const RetailSupply supply = retail_supply(ctx, trip.cls, draws.uniform(TripDecision::kImportedModel));
  if (!retail_sale_allowed(ctx, trip.state, trip.cls) || supply.blocked) return 0;
  trip.imported = supply.imported;
  lot = trip.lot(Channel::kUnlicensed, k, ctx.day());
  constexpr double kResaleDelayDays = 365.0;  // bought to resell: about a year on the seller's hands
  lot.purchase_day = ctx.day() - static_cast<std::int32_t>(
                                     exponential_at(draws.uniform(TripDecision::kSecondhandAge), kResaleDelayDays));
  // The seller bought these guns in their own name: a trace names them, a person a lead
  // can reach (enforcement.cpp), who sold the network these guns.
  lot.buyer_person = new_person(st);
  st.people[lot.buyer_person].guns = static_cast<std::int32_t>(k);
  return k;  // its first-sale dealer is drawn by sales volume if it is ever traced (§7.11)
}

/// Guns from the state's private stock (unlicensed private sellers, thefts): finite, and
/// as old as the stock.
std::int64_t from_private_stock(const StepContext& ctx, ReplicationState& st, Trip& trip, Channel ch, std::int64_t k,
                                Lot& lot, TripDraws& draws) {
  const SecondhandTake take =
      take_secondhand(ctx, st.market, trip.state, trip.cls, k, draws.uniform(TripDecision::kSecondhandSupply));
  if (take.guns <= 0) return 0;
  trip.imported = take.supply == Supply::kImported;
  lot = trip.lot(ch, take.guns, ctx.day());
  lot.purchase_day = ctx.day() - static_cast<std::int32_t>(
                                     exponential_at(draws.uniform(TripDecision::kSecondhandAge), take.mean_age_days));
  return take.guns;  // first-sale dealers are drawn by sales volume when traced
}

/// Unlicensed sellers, gun shows and thefts sell guns first sold at retail earlier.
std::int64_t secondhand_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, Trip& trip, Channel ch,
                                 bool retail_closed, TripDraws& draws) {
  static const Poisson kTheftExtra(0.5), kSellerExtra(2.0);  // guns beyond the first
  Rng extra_rng = draws.rng(TripDecision::kSecondhandExtra);
  const std::int64_t extra = ch == Channel::kTheft ? kTheftExtra(extra_rng) : kSellerExtra(extra_rng);
  const std::int64_t wanted = std::min<std::int64_t>(trip.wanted, 1 + extra);
  Lot lot;
  std::int64_t k = 0;
  // An order that found retail closed (a ban whose compliant variants it does not take)
  // gets no gun a reseller bought new.
  if (ch == Channel::kUnlicensed && !retail_closed &&
      draws.uniform(TripDecision::kUnlicensedSource) < ctx.settings.market.unlicensed_from_retail)
    k = resold_new(ctx, st, trip, wanted, lot, draws);
  if (k == 0) k = from_private_stock(ctx, st, trip, ch, wanted, lot, draws);
  if (k == 0) {  // the private stock of the class is gone here: a search that found no seller
    tally.add(ctx.rows.supply.trips_no_seller, 1);
    trip.no_supply = true;
    return 0;
  }
  if (ch == Channel::kUnlicensed && draws.uniform(TripDecision::kGunShow) < ctx.settings.channels.gun_show_share)
    tally.add(ctx.rows.gun_show_guns, static_cast<double>(k));
  st.networks[trip.t].inventory.push_back(lot);
  return k;
}

/// Kits and parts by mail or online: no check, at most 10 a trip.
std::int64_t kit_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, Trip& trip,
                          TripDraws& draws) {
  TraffickerState& net = st.networks[trip.t];
  const std::int64_t got =
      std::min<std::int64_t>(affordable(net, unit_cost(ctx, trip.cls, Channel::kKit), trip.wanted), 10);
  if (got <= 0) {
    tally.add(ctx.rows.trips_unfunded, 1);
    trip.unfunded = true;
    return 0;
  }
  Lot lot = trip.lot(Channel::kKit, got, ctx.day());
  const KitControls& kc = ctx.settings.policies.kit_controls;
  if (kc.active(ctx.date) && draws.uniform(TripDecision::kKitSerialized) < kc.serialized_share)
    lot.origin = Origin::kUsRetail;  // serialized: traceable
  net.inventory.push_back(lot);
  return got;
}

/// A trip for a firearm (not a kit): state, channel, then the purchase. Sets `ch` to the
/// channel that sold (the straw fallback when no corrupt dealer was found).
std::int64_t firearm_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, Trip& trip, Channel& ch,
                              TripDraws& draws) {
  const TraffickerState& net = st.networks[trip.t];
  trip.state = choose_purchase_state(ctx, st, net, trip.cls, draws);
  bool no_seller = false, retail_closed = false;
  const std::size_t view = index_of(trip.cls) * ctx.world.states.size() + static_cast<std::size_t>(trip.state);
  ch = choose_channel(ctx, channel_views(ctx, st.market, st.caches)[view], st.market.scarcity(trip.state, trip.cls),
                      net, draws.uniform(TripDecision::kChannel), &no_seller, &retail_closed);
  if (ch == Channel::kKit) {  // the class cannot be had anywhere reachable, or no seller was found
    tally.add(no_seller ? ctx.rows.supply.trips_no_seller : ctx.rows.trips_blocked, 1);
    trip.no_supply = true;
    return 0;
  }
  if (ch == Channel::kStraw || ch == Channel::kCorruptDealer) {
    // On the dealer's shelf: an imported model or not; an import ban keeps some imported
    // AK-type models off it, and the dealer sells an AR-type rifle instead.
    const RetailSupply supply = retail_supply(ctx, trip.cls, draws.uniform(TripDecision::kImportedModel));
    if (supply.blocked) trip.cls = FirearmClass::kAr;
    trip.imported = supply.imported && !supply.blocked;
  }
  // Price the trip at the dearer of the channel and the straw fallback.
  trip.wanted =
      affordable(net, std::max(unit_cost(ctx, trip.cls, ch), unit_cost(ctx, trip.cls, Channel::kStraw)), trip.wanted);
  if (trip.wanted <= 0) {
    tally.add(ctx.rows.trips_unfunded, 1);
    trip.unfunded = true;
    return 0;
  }
  std::int64_t got = 0;
  if (ch == Channel::kCorruptDealer) got = corrupt_purchase(ctx, st, trip, draws);
  if (ch == Channel::kCorruptDealer && got == 0) ch = Channel::kStraw;  // none nearby: fall back
  if (ch == Channel::kStraw) got = straw_purchase(ctx, st, tally, trip, draws);
  if (ch == Channel::kUnlicensed || ch == Channel::kTheft)
    got = secondhand_purchase(ctx, st, tally, trip, ch, retail_closed, draws);
  return got;
}

/// The largest share of the orders for `cls` some state's retail can still meet today: 1
/// where a state sells it freely, a ban's compliant share where every state bans it
/// (policies.cpp: retail_share), 0 where no state sells it new at all.
double best_retail_share(const StepContext& ctx, FirearmClass cls) {
  double best = 0;
  for (std::size_t s = 0; s < ctx.world.states.size() && best < 1; ++s)
    best = std::max(best, retail_share(ctx, static_cast<int>(s), cls));
  return best;
}

/// A trip found nothing of the ordered class to be had (closed by law, or no seller) and
/// no state sells it new in full: the network tells the buyers waiting for it no, all but
/// the share `keep` a compliant variant sold somewhere may still serve (0 under a ban
/// without them). Kept as a backlog, an order only a draining grandfathered stock can
/// fill would grow without end and, since trips pick classes in proportion to the
/// backlog, take ever more of the network's trips from classes it can buy (a federal ban
/// on rifles would then cut the handgun flow). Keeping the share, not all of it whenever
/// the share is above zero, makes a ban with rare compliant variants act as one with none.
/// Demand lost this way is re-ordered only through the arsenal pressure.
void drop_orders(const StepContext& ctx, TraffickerState& net, TallySink& tally, FirearmClass ordered, double keep) {
  double& backlog = net.backlog[index_of(ordered)];
  if (backlog > 0) {
    const double dropped = backlog * (1 - keep);  // all of it when keep is 0
    tally.add(ctx.rows.supply.orders_dropped[index_of(ordered)], dropped);
    backlog -= dropped;
  }
  if (keep <= 0) backlog = 0;  // an overfilled order (a substitute's surplus) is cleared too
}

/// The network pays for `got` guns of `cls` bought through `ch`, filling order `ordered`.
void book_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip,
                   FirearmClass ordered, Channel ch, std::int64_t got, TripDraws& draws) {
  TraffickerState& net = st.networks[trip.t];
  const double k = static_cast<double>(got);
  net.backlog[index_of(ordered)] -= k;  // a substitute fills the order
  net.inventory_count += got;
  const double cost = unit_cost(ctx, trip.cls, ch) * k;
  net.cost_sum += cost;
  // A buyer pays for a substitute (a class a policy made the network buy instead) no more
  // than the gun it ordered would have cost to deliver: a dearer substitute's extra cost
  // is the network's (an AR-type rifle for an AK order kept off the shelf by an import ban),
  // a cheaper one sells for less. A policy that forces substitution never raises margins.
  // A kit order is priced as a kit (by mail), whatever channel its substitute came through.
  if (trip.cls != ordered) {
    const Channel ordered_channel = ordered == FirearmClass::kKit ? Channel::kKit : ch;
    net.substitute_premium +=
        std::max(0.0, unit_cost(ctx, trip.cls, ch) - unit_cost(ctx, ordered, ordered_channel)) * k;
  }
  net.budget -= cost;
  net.recent_guns[index_of(ch)] += k;
  tally.add(ctx.rows.guns_trafficked, k);
  tally.add(ctx.rows.purchases, 1);
  tally.add(ctx.rows.trafficked_by_class[index_of(trip.cls)], k);
  tally.add(ctx.rows.trafficked_by_state[static_cast<std::size_t>(trip.state)], k);
  tally.add(ctx.rows.trafficked_by_channel[index_of(ch)], k);
  tally.add(ctx.rows.supply.trafficked_by_network_scale[network_scale_bin(net.scale_units)], k);
  if (trip.imported) tally.add(ctx.rows.supply.trafficked_imported_by_class[index_of(trip.cls)], k);
  const BulkAmmunitionReporting& ammo = ctx.settings.policies.bulk_ammunition_reporting;
  if (ammo.active(ctx.date) && draws.uniform(TripDecision::kAmmunitionFlag) < ammo.flag_probability) {
    // A flagged bulk ammunition purchase points ATF at the network behind it.
    Lead lead;
    lead.kind = LeadKind::kNetwork;
    lead.channel = ch;
    lead.source = LeadSource::kAmmunition;
    lead.guns = static_cast<std::uint16_t>(std::clamp<std::int64_t>(got, 1, 0xFFFF));
    lead.trafficker = static_cast<std::int32_t>(trip.t);
    lead.generation = net.generation;
    add_lead(ctx, st, tally, lead);
    tally.add(ctx.rows.ammunition_flags, 1);
  }
}
}  // namespace

bool acquisition_trip(const StepContext& ctx, ReplicationState& st, TallySink& tally, std::size_t t, TripDraws& draws) {
  TraffickerState& net = st.networks[t];
  std::array<double, kNumClasses> weights{};
  double total = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    weights[c] = std::max(0.0, net.backlog[c]);
    total += weights[c];
  }
  if (total < 1.0) return false;
  const auto ordered =
      static_cast<FirearmClass>(categorical_at(draws.uniform(TripDecision::kOrderedClass), weights, total));
  const std::int64_t wanted = std::max<std::int64_t>(1, int_floor(net.backlog[index_of(ordered)]));
  Trip trip{t, substitute_class(ctx, net, ordered, draws), net.home_state, wanted, net.generation};
  Channel ch = Channel::kKit;
  const std::int64_t got = trip.cls == FirearmClass::kKit ? kit_purchase(ctx, st, tally, trip, draws)
                                                          : firearm_purchase(ctx, st, tally, trip, ch, draws);
  if (got > 0) {
    book_purchase(ctx, st, tally, trip, ordered, ch, got, draws);
  } else if (trip.no_supply) {
    const double keep = best_retail_share(ctx, trip.cls);
    if (keep < 1) drop_orders(ctx, net, tally, ordered, keep);
  }
  return trip.unfunded;
}

double cheapest_order_price(const StepContext& ctx, const TraffickerState& net) {
  double cheapest = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    if (net.backlog[c] <= 0) continue;
    const auto cls = static_cast<FirearmClass>(c);
    // A trip pays at least the straw price of a firearm (the dearer of its channel's and
    // the straw fallback's), a kit's mail-order price.
    cheapest = std::min(cheapest, unit_cost(ctx, cls, cls == FirearmClass::kKit ? Channel::kKit : Channel::kStraw));
  }
  return std::isfinite(cheapest) ? cheapest : kCheapestGun;
}

}  // namespace gunflow
