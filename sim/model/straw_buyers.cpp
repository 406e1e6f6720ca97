#include "gunflow/model/straw_buyers.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/policies.hpp"

namespace gunflow {

std::size_t buyer_slot(const Settings& s, std::size_t t, std::size_t b) {
  return t * static_cast<std::size_t>(s.traffickers.buyers_per_network) + b;
}

std::uint32_t new_person(ReplicationState& st) {
  st.people.emplace_back();  // after init_us_market's id 0 (nobody)
  return static_cast<std::uint32_t>(st.people.size() - 1);
}

void vacate_buyer_slot(ReplicationState& st, BuyerState& slot) {
  if (slot.person != 0) st.people[slot.person].guns = slot.guns_bought;
  slot = BuyerState{};
}

std::vector<double> purchase_size_tail(const Settings& s) {
  // P(size > k) = q^k, q = 1 − 1/m: 1 + geometric with mean m − 1 (most buy one to three
  // guns, a few ten or more), up to the cap of what one visit can carry off.
  const double m = s.market.mean_guns_per_purchase;
  const double q = m > 1.0 ? 1.0 - 1.0 / m : 0.0;
  const auto cap = static_cast<std::size_t>(s.traffickers.max_guns_per_purchase);
  std::vector<double> tail;
  double p = 1.0;
  for (std::size_t k = 1; k < cap; ++k) tail.push_back(p *= q);
  return tail;
}

std::int64_t purchase_size(std::span<const double> tail, double u) {
  // size − 1 = #{k ≥ 1 : q^k > u} = ⌊ln u / ln q⌋ (inversion, without a logarithm).
  std::size_t extra = 0;
  while (extra < tail.size() && u < tail[extra]) ++extra;
  return 1 + static_cast<std::int64_t>(extra);
}

namespace {
/// How many days back a rule's window of business days ending today reaches: a purchase
/// at most this many days old is inside it.
std::int32_t window_days_back(const StepContext& ctx, const ReportingRule& rule) {
  return ctx.day() - first_day_of_business_window(ctx.date, rule.window_business_days).days();
}

/// What a reporting rule asks of this purchase: whether it can be reportable at all, and
/// how many days back its window reaches.
struct ReportingWindow {
  ReportingRule rule;
  bool reportable = false;
  std::int32_t days_back = 0;  ///< a purchase counts if it is at most this many days old
};
ReportingWindow reporting_window(const StepContext& ctx, const Trip& trip) {
  ReportingWindow w{reporting_rule(ctx, trip.state, trip.cls)};
  w.reportable = w.rule.threshold > 0;
  if (w.reportable) w.days_back = window_days_back(ctx, w.rule);
  return w;
}

/// Guns this buyer bought from `dealer` in the window that count toward the same report
/// as `cls`. A report is the selling dealer's (27 CFR 478.126a: the licensee reports what
/// it sold to one person), so purchases from other dealers never add up.
int reportable_in_window(const StepContext& ctx, const BuyerState& b, int state, FirearmClass cls, int dealer,
                         const ReportingWindow& w) {
  int n = 0;
  for (std::size_t i = 0; i < b.recent_day.size(); ++i) {
    if (b.recent_count[i] == 0 || b.recent_dealer[i] != dealer ||
        purchase_age(b.recent_day[i], ctx.day()) > w.days_back)
      continue;
    const auto other = static_cast<FirearmClass>(b.recent_class[i]);
    const bool same_report = other == cls || (cls != FirearmClass::kHandgun && other != FirearmClass::kHandgun &&
                                              reporting_rule(ctx, state, other).threshold > 0);
    if (same_report) n += b.recent_count[i];
  }
  return n;
}

/// The buyer slot to use: an active buyer (one who would not trigger a report at `dealer`,
/// if the network has learned to split purchases) found from a random starting slot, else
/// a free slot for a new recruit; `per` if every slot is busy.
std::size_t find_buyer(const StepContext& ctx, const ReplicationState& st, const Trip& trip, const ReportingWindow& w,
                       int dealer, bool splits, double start_u, std::size_t& free_slot) {
  const auto per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  free_slot = per;
  const std::size_t start = static_cast<std::size_t>(start_u * static_cast<double>(per)) % per;
  const TraffickerState& net = st.networks[trip.t];
  for (std::size_t j = 0; j < per; ++j) {
    const std::size_t b = start + j < per ? start + j : start + j - per;  // (start + j) % per, without a division
    if (!net.buyer_active(b)) {
      if (free_slot == per) free_slot = b;
      continue;
    }
    if (splits && w.reportable) {  // only then is the buyer's own record read
      const BuyerState& buyer = st.buyers[buyer_slot(ctx.settings, trip.t, b)];
      if (reportable_in_window(ctx, buyer, trip.state, trip.cls, dealer, w) + 1 >= w.rule.threshold) continue;
    }
    return b;
  }
  return per;
}

/// Slot `slot` of network t gets a new recruit, a person with an id of their own.
void recruit(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip, std::size_t slot) {
  BuyerState& buyer = st.buyers[buyer_slot(ctx.settings, trip.t, slot)];
  st.networks[trip.t].set_buyer_active(slot, true);
  vacate_buyer_slot(st, buyer);
  BuyerState fresh;
  fresh.person = new_person(st);
  fresh.state = trip.state;
  buyer = fresh;
  tally.add(ctx.rows.straw_buyers_recruited, 1);
}

/// Whether the ring entry the next purchase overwrites is one a multiple-sale report at
/// `dealer` would still count: from that dealer (so in this state) and inside the window of
/// its class's reporting rule here. Forgetting it can leave a later report short.
bool drops_countable_purchase(const StepContext& ctx, const BuyerState& buyer, const Trip& trip, int dealer) {
  const std::size_t i = buyer.ring_pos;
  if (buyer.recent_count[i] == 0 || buyer.recent_dealer[i] != dealer) return false;
  const ReportingRule rule = reporting_rule(ctx, trip.state, static_cast<FirearmClass>(buyer.recent_class[i]));
  if (rule.threshold <= 0) return false;
  return purchase_age(buyer.recent_day[i], ctx.day()) <= window_days_back(ctx, rule);
}

void record_purchase(const StepContext& ctx, TallySink& tally, BuyerState& buyer, const Trip& trip, int dealer,
                     std::int64_t k) {
  if (drops_countable_purchase(ctx, buyer, trip, dealer)) tally.add(ctx.rows.multiple_sale_ring_overflows, 1);
  buyer.state = trip.state;
  buyer.recent_dealer[buyer.ring_pos] = dealer;
  buyer.recent_day[buyer.ring_pos] = purchase_day16(ctx.day());
  buyer.recent_class[buyer.ring_pos] = static_cast<std::uint8_t>(index_of(trip.cls));
  buyer.recent_count[buyer.ring_pos] = static_cast<std::uint8_t>(std::min<std::int64_t>(k, 255));
  buyer.ring_pos = static_cast<std::uint8_t>((buyer.ring_pos + 1) % BuyerState::kRing);
  buyer.guns_bought += static_cast<std::int32_t>(k);
}

/// The dealer a buyer of a network that does not split purchases returns to: with
/// probability traffickers.dealer_loyalty the dealer of their last purchase, if that was in
/// this state and the dealer is still licensed (the kDealer decision's second draw, taken
/// only then, so a loyalty of 0 draws nothing); else the dealer drawn for the trip.
DealerChoice::Picked usual_dealer(const StepContext& ctx, const ReplicationState& st, const BuyerState& buyer,
                                  const Trip& trip, DealerChoice::Picked drawn, TripDraws& draws) {
  const double loyalty = ctx.settings.traffickers.dealer_loyalty;
  const std::size_t last = (buyer.ring_pos + BuyerState::kRing - 1) % BuyerState::kRing;
  if (loyalty <= 0.0 || buyer.recent_count[last] == 0 || buyer.state != trip.state) return drawn;
  const auto d = static_cast<std::size_t>(buyer.recent_dealer[last]);
  if (st.dealers.revoked[d] != 0) return drawn;
  Rng rng = draws.rng(TripDecision::kDealer);
  (void)rng.uniform();  // the first draw picked `drawn`
  if (rng.uniform() >= loyalty) return drawn;
  return {buyer.recent_dealer[last], st.dealers.type[d]};
}

/// The form a report of this class is filed on, as its lead source: handguns on Form
/// 3310.4 (since 1975), listed rifles on Form 3310.12 (under a reporting policy).
LeadSource report_form(FirearmClass cls) {
  return cls == FirearmClass::kHandgun ? LeadSource::kMultipleSale : LeadSource::kRifleReport;
}

/// A multiple-sale report completed by this purchase, in all, by state and class, and, for
/// a rifle report, with the reportable rifles in the window.
void tally_report(const StepContext& ctx, TallySink& tally, const Trip& trip, LeadSource form, int counted) {
  const SupplyRows& m = ctx.rows.supply;
  tally.add(ctx.rows.multiple_sale_reports, 1);
  tally.add(m.reports_by_state_class[static_cast<std::size_t>(trip.state) * kNumClasses + index_of(trip.cls)], 1);
  if (form != LeadSource::kRifleReport) return;
  tally.add(m.rifle_reports, 1);
  tally.add(m.rifles_in_reports, counted);
}

/// The dealer refuses the sale and tips off ATF; the network drops this buyer.
void refusal(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip, std::size_t slot,
             Lead lead) {
  TraffickerState& net = st.networks[trip.t];
  tally.add(ctx.rows.dealer_refusals, 1);
  lead.source = LeadSource::kRefusal;
  add_lead(ctx, st, tally, lead);
  net.set_buyer_active(slot, false);
  net.risk[index_of(Channel::kStraw)] += 1.0;
  if (trip.state == net.home_state) net.home_risk += 1.0;
}

/// A buyer for this trip: an active one free this week, else a new recruit in a
/// free slot. Returns buyers_per_network when there is none: every slot busy, or
/// the person approached declines (straw-purchase penalties); the network tries
/// again on its next trip.
std::size_t acquire_buyer(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip,
                          const ReportingWindow& w, int dealer, TripDraws& draws) {
  const auto per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  std::size_t free_slot = per;
  const std::size_t slot = find_buyer(ctx, st, trip, w, dealer, st.networks[trip.t].splits_purchases,
                                      draws.uniform(TripDecision::kBuyerSlot), free_slot);
  if (slot != per || free_slot == per) return slot;
  if (const double declines = straw_recruit_declines(ctx);
      declines > 0.0 && draws.uniform(TripDecision::kRecruit) < declines) {
    tally.add(ctx.rows.straw_recruits_declined, 1);
    return per;
  }
  recruit(ctx, st, tally, trip, free_slot);
  return free_slot;
}

/// Guns this visit buys: a drawn size up to what the trip wants; where a reporting rule
/// covers the class, no more than a large-volume purchase (§7.19: networks know the rules in
/// force, and a report's size sets how soon ATF looks at it, §7.12), and for a network that
/// splits purchases, under the threshold, counting what this buyer has from this dealer.
std::int64_t visit_size(const StepContext& ctx, const BuyerState& buyer, const Trip& trip, const ReportingWindow& w,
                        int dealer, bool splits, TripDraws& draws) {
  std::int64_t k = std::min(trip.wanted, purchase_size(ctx.world.tables.market.purchase_size_tail,
                                                       draws.uniform(TripDecision::kPurchaseSize)));
  if (!w.reportable) return k;
  k = std::min(k, static_cast<std::int64_t>(ctx.settings.traffickers.max_guns_per_reported_purchase));
  if (splits)
    k = std::min<std::int64_t>(
        k, w.rule.threshold - 1 - reportable_in_window(ctx, buyer, trip.state, trip.cls, dealer, w));
  return k;
}
}  // namespace

std::int64_t straw_purchase(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Trip& trip,
                            TripDraws& draws) {
  const Settings& s = ctx.settings;
  TraffickerState& net = st.networks[trip.t];
  const auto per = static_cast<std::size_t>(s.traffickers.buyers_per_network);
  const ReportingWindow w = reporting_window(ctx, trip);
  // The dealer first: a network that splits purchases sends a buyer who has not bought
  // from this dealer in the window (the report is the dealer's).
  const DealerChoice& choice = st.dealers.choice[static_cast<std::size_t>(trip.state)];
  if (choice.empty()) return 0;
  const DealerChoice::Picked drawn = choice.pick(draws.uniform(TripDecision::kDealer));
  const std::size_t slot = acquire_buyer(ctx, st, tally, trip, w, drawn.dealer, draws);
  if (slot == per) return 0;
  BuyerState& buyer = st.buyers[buyer_slot(s, trip.t, slot)];
  // A splitting network sends its buyers where the draw says (it has learned to spread
  // purchases); its others may keep to their usual store.
  const auto [dealer, type] = net.splits_purchases ? drawn : usual_dealer(ctx, st, buyer, trip, drawn, draws);
  const std::int64_t k = visit_size(ctx, buyer, trip, w, dealer, net.splits_purchases, draws);
  Lead lead;
  lead.kind = LeadKind::kStrawBuyer;
  lead.channel = Channel::kStraw;
  lead.guns = static_cast<std::uint16_t>(std::max<std::int64_t>(1, k));
  lead.trafficker = static_cast<std::int32_t>(trip.t);
  lead.generation = net.generation;
  lead.buyer = static_cast<std::int32_t>(buyer_slot(s, trip.t, slot));
  lead.buyer_person = buyer.person;
  if (type == DealerType::kCompliant && k >= 2 &&
      draws.uniform(TripDecision::kRefusal) < s.dealers.refusal_probability) {
    refusal(ctx, st, tally, trip, slot, lead);
    return 0;
  }
  record_purchase(ctx, tally, buyer, trip, dealer, k);
  const std::size_t size_bin = purchase_size_bin(k);
  tally.add(ctx.rows.supply.purchases_by_size[size_bin], 1);
  tally.add(ctx.rows.supply.purchases_by_class_size[index_of(trip.cls) * kPurchaseSizeBins + size_bin], 1);
  // Multiple-sale reports (handguns: federal Form 3310.4; listed rifles where a
  // reporting policy is in force): the report is a routine ATF lead.
  if (w.reportable) {
    const int counted = reportable_in_window(ctx, buyer, trip.state, trip.cls, dealer, w);
    if (counted >= w.rule.threshold) {
      const LeadSource form = report_form(trip.cls);
      tally_report(ctx, tally, trip, form, counted);
      Lead report = lead;
      report.source = form;
      report.guns = static_cast<std::uint16_t>(counted);
      add_lead(ctx, st, tally, report);
    }
  }
  Lot lot = trip.lot(Channel::kStraw, k, ctx.day());
  lot.buyer = lead.buyer;
  lot.buyer_person = buyer.person;
  lot.dealer = dealer;
  // Buyers buy a few guns over weeks, then are let go (less exposure); as many more as the
  // network's scale, so tenure in weeks is alike in every network (Fast and Furious: 723 guns)
  if (static_cast<double>(buyer.guns_bought) >= s.traffickers.guns_per_buyer * net.scale())
    net.set_buyer_active(slot, false);
  net.inventory.push_back(lot);
  return k;
}

}  // namespace gunflow
