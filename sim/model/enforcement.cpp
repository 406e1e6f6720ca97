#include "gunflow/model/enforcement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gunflow/model/network_entry.hpp"
#include "gunflow/model/networks.hpp"
#include "gunflow/model/policies.hpp"
#include "gunflow/rng/decision_draws.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {
constexpr int kLeadShelfLifeDays = 365;  // older leads are not worth opening
constexpr int kPruneEveryDays = 91;      // each prune passes over the whole queue and rebuilds it

/// The network the lead names is still in business (not folded, left or dismantled and
/// replaced since the lead's guns were bought).
bool network_still_there(const ReplicationState& st, const Lead& lead) {
  const TraffickerState& net = st.networks[static_cast<std::size_t>(lead.trafficker)];
  return net.active && net.generation == lead.generation;
}

/// The person's slot if they still hold it (the network's current recruit), else null.
const BuyerState* buyer_in_slot(const ReplicationState& st, const Lead& lead) {
  if (!network_still_there(st, lead)) return nullptr;
  const BuyerState& slot = st.buyers[static_cast<std::size_t>(lead.buyer)];
  return slot.person == lead.buyer_person ? &slot : nullptr;
}

/// Whether serving the lead can still lead to a case. A person named in a lead (a straw
/// buyer, an unlicensed dealer who bought the traced gun new to resell) is charged at
/// most once. By default a lead reaches a network: a straw buyer while they hold their
/// slot in the same network (a buyer let go can still be charged until the place is
/// filled), a network lead while the network is in business. With
/// enforcement.charge_former_buyers a named person can also be charged after the network
/// replaced them, folded or was dismantled (a purchaser named in a trace years later is
/// still the purchaser).
bool lead_still_live(const StepContext& ctx, const ReplicationState& st, const Lead& lead) {
  const bool person_free = lead.buyer_person != 0 && !st.people[lead.buyer_person].arrested;
  const bool former = ctx.settings.enforcement.charge_former_buyers;
  if (lead.kind == LeadKind::kNetwork) return network_still_there(st, lead) || (former && person_free);
  return person_free && (former || buyer_in_slot(st, lead) != nullptr);
}

/// A straw buyer is charged: their guns (all they bought for the network) count in the
/// case; if they still hold their slot, the network drops them and, if they bought in its
/// home state, feels watched there.
double charge_straw_buyer(const StepContext& ctx, ReplicationState& st, const Lead& lead) {
  st.people[lead.buyer_person].arrested = true;
  const BuyerState* buyer = buyer_in_slot(st, lead);
  if (buyer == nullptr) return static_cast<double>(st.people[lead.buyer_person].guns);
  TraffickerState& net = st.networks[static_cast<std::size_t>(lead.trafficker)];
  const auto per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  net.set_buyer_active(static_cast<std::size_t>(lead.buyer) % per, false);
  if (buyer->state == net.home_state) net.home_risk += 2.0;  // buying at home now feels watched
  return static_cast<double>(buyer->guns_bought);
}

/// A network lead is served: the case counts the guns the network bought through the
/// channel lately, or, once the network is gone, those the unlicensed dealer the lead
/// names sold it; that dealer, if the lead names one, is charged.
double charge_network_lead(ReplicationState& st, const Lead& lead, bool network_there) {
  if (lead.buyer_person != 0) st.people[lead.buyer_person].arrested = true;
  if (!network_there) return static_cast<double>(st.people[lead.buyer_person].guns);
  double& recent = st.networks[static_cast<std::size_t>(lead.trafficker)].recent_guns[index_of(lead.channel)];
  const double guns = std::round(recent);
  recent = 0;
  return guns;
}

/// A lead's own draws on the day a decision about it is taken (common random numbers:
/// the same lead meets the same numbers whatever else is in the queue). Keyed by the
/// network's vertex and buyer slot (entity) and by kind, channel, generation and creation
/// day (substream): a tuple packed into disjoint bits, never summed.
Rng lead_rng(const StepContext& ctx, StreamId stream, const Lead& lead) {
  const auto t = static_cast<std::size_t>(lead.trafficker);
  const auto vertex = static_cast<std::uint64_t>(ctx.world.network.trafficker_vertex[t]);
  const std::size_t per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  const std::uint64_t slot = lead.buyer < 0 ? 0xFFFF : static_cast<std::uint64_t>(lead.buyer) - t * per;  // < 64
  const std::uint32_t substream =
      (static_cast<std::uint32_t>(lead.kind) << 31) | (static_cast<std::uint32_t>(index_of(lead.channel)) << 28) |
      ((lead.generation & 0xFFFu) << 16) | (static_cast<std::uint32_t>(lead.created_day) & 0xFFFFu);
  return ctx.rng(stream, (vertex << 16) | slot, substream);
}

void close_case(const StepContext& ctx, ReplicationState& st, TallySink& tally, const Lead& lead) {
  const EnforcementSettings& e = ctx.settings.enforcement;
  if (!lead_still_live(ctx, st, lead)) return;
  Rng rng = lead_rng(ctx, StreamId::kInvestigationClose, lead);
  // What an opened lead yields depends on its source (lead_triage.hpp: lead_yield); a
  // trace, a refusal and a tip succeed with case_success itself (the same draw).
  if (!bernoulli(rng, e.case_success * lead_yield(triage_weights(e), lead.source))) return;
  const bool network_there = network_still_there(st, lead);
  TraffickerState& net = st.networks[static_cast<std::size_t>(lead.trafficker)];
  if (network_there) settle_network(ctx, st, net);
  double guns = 0;
  if (lead.kind == LeadKind::kStrawBuyer)
    guns = charge_straw_buyer(ctx, st, lead);
  else
    guns = charge_network_lead(st, lead, network_there);
  tally.add(ctx.rows.arrests, 1);
  tally.add(ctx.rows.arrests_by_source[index_of(lead.source)], 1);
  tally.add(ctx.rows.cases, 1);
  tally.add(ctx.rows.cases_by_channel[index_of(lead.channel)], 1);
  tally.add(ctx.rows.guns_in_cases, guns);
  tally.add(ctx.rows.cases_by_guns[case_size_bin(guns)], 1);
  // A person who dealt with a network that has since folded or been dismantled points at
  // no one still trading: an arrest, and nothing for a network to learn.
  if (!network_there) {
    tally.add(ctx.rows.arrests_network_gone, 1);
    return;
  }
  // The network adapts: the channel feels riskier, and it learns to split purchases.
  net.risk[index_of(lead.channel)] += 2.0;
  if (bernoulli(rng, 0.5)) net.splits_purchases = true;
  if (bernoulli(rng, e.network_disruption)) {
    tally.add(ctx.rows.networks_disrupted, 1);
    tally.add(ctx.rows.us_investigation_seizures, static_cast<double>(net.inventory_count));
    // What the seized guns cost is a loss the destination's would-be entrants see.
    record_profit(ctx, st, static_cast<std::size_t>(lead.trafficker), -net.cost_sum);
    net.inventory.clear();
    net.inventory_count = 0;
    stop_network(ctx, st, static_cast<std::size_t>(lead.trafficker));
  }
}

/// Every lead still worth holding: within its shelf life and about a live target.
bool lead_worth_holding(const StepContext& ctx, const ReplicationState& st, const Lead& lead) {
  return ctx.day() - lead.created_day <= kLeadShelfLifeDays && lead_still_live(ctx, st, lead);
}

void investigations(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  const EnforcementSettings& e = ctx.settings.enforcement;
  // Finish what is due (in the order they were opened). A stable split by hand into a
  // reused buffer: std::stable_partition allocated a buffer every day.
  std::vector<Investigation>& finished = st.caches.finished_investigations;
  finished.clear();
  std::size_t open = 0;
  for (const Investigation& i : st.investigations) {
    if (i.ends_day > ctx.day())
      st.investigations[open++] = i;
    else
      finished.push_back(i);
  }
  st.investigations.resize(open);
  for (const Investigation& i : finished) close_case(ctx, st, tally, i.lead);
  // Leads past their shelf life would be skipped when they came up; dropping them now
  // and then keeps the queue to about a year of leads (no effect on which leads are
  // opened: the others keep their order). By age only: asking whether each lead's target
  // is still live reads a network record per lead, which cost more than the pops it saves.
  if (ctx.day() - st.leads_pruned_day >= kPruneEveryDays) {
    st.leads.prune([&](const Lead& lead) { return ctx.day() - lead.created_day <= kLeadShelfLifeDays; });
    st.leads_pruned_day = ctx.day();
  }
  // Open new ones as capacity allows, best triage key first; leads wait until then.
  st.service_credit += investigators(ctx) * e.cases_per_investigator / 365.25;
  while (st.service_credit >= 1.0 && !st.leads.empty()) {
    const Lead lead = st.leads.pop();
    if (!lead_worth_holding(ctx, st, lead)) continue;
    st.service_credit -= 1.0;
    tally.add(ctx.rows.leads_investigated, 1);
    tally.add(ctx.rows.leads_investigated_by_source[index_of(lead.source)], 1);
    Rng rng = lead_rng(ctx, StreamId::kInvestigationOpen, lead);
    st.investigations.push_back(
        {lead, ctx.day() + std::max(1, static_cast<int>(exponential(rng, e.investigation_days)))});
  }
  if (st.leads.empty()) st.service_credit = std::min(st.service_credit, 1.0);  // idle time is not banked
}

/// The dealer the k-th inspection of the day visits: the open dealer ranked first by its
/// crime-gun traces since its last inspection, young guns' first (inspection_targets.hpp;
/// a share targeted_share of inspections, while any such dealer is left: ATF sees the
/// traces, not whether the dealer breaks the law), else one at random. Both draws are
/// always taken, so neither moves with the other. `targeted` tells which it was.
int inspection_target(const StepContext& ctx, ReplicationState& st, IndexedDraws& draws, std::uint32_t k,
                      bool& targeted) {
  targeted = draws.uniform(3 * k) < ctx.settings.enforcement.targeted_share;
  const double u = draws.uniform(3 * k + 1);
  if (targeted) {
    const int dealer = st.dealers.targets.next(st.dealers.revoked);
    if (dealer >= 0) return dealer;
    targeted = false;
  }
  const std::size_t n = st.dealers.type.size();
  return n == 0 ? -1 : static_cast<int>(std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n))));
}

/// Dealer `dealer`, just revoked (corrupt) or reformed (negligent), leaves a place of its
/// type that another dealer of its state takes after Exp(mean dealers.renewal_days) days:
/// enforcement removes dealers, not the pool of would-be corrupt or careless ones. The
/// draws are keyed by the dealer and the day, so no other event moves them.
void leave_place(const StepContext& ctx, DealerState& d, int dealer, DealerType type) {
  const auto di = static_cast<std::size_t>(dealer);
  Rng rng = ctx.rng(StreamId::kDealerRenewal, static_cast<std::uint64_t>(ctx.world.network.dealer_vertex[di]));
  const double wait = exponential(rng, ctx.settings.dealers.renewal_days);
  const double pick = rng.uniform();
  // Past the run's end it would never be taken; a wait beyond 2^31 days is the same.
  const double due = static_cast<double>(ctx.day()) + std::ceil(wait);
  if (due >= static_cast<double>(ctx.settings.simulation.end.days())) return;
  d.renewals.push_back({static_cast<std::int32_t>(due), ctx.world.dealer_state[di], type, pick});
}

/// The places due today are taken, in the order they were left: the state's first open
/// compliant dealer from a uniformly drawn one on (wrapping round) becomes of the place's
/// type. A state with no open compliant dealer left loses the place.
void renew_dealers(const StepContext& ctx, DealerState& d) {
  if (d.renewals.empty()) return;
  std::size_t kept = 0;
  for (const DealerRenewal& r : d.renewals) {
    if (r.day > ctx.day()) {
      d.renewals[kept++] = r;
      continue;
    }
    const auto [first, last] = ctx.world.dealers_of_state[static_cast<std::size_t>(r.state)];
    const auto n = static_cast<std::size_t>(last - first);
    if (n == 0) continue;  // (a state without dealers has none to revoke: never here)
    const auto start = std::min(n - 1, static_cast<std::size_t>(r.pick * static_cast<double>(n)));
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = static_cast<std::size_t>(first) + (start + k) % n;
      if (d.revoked[i] != 0 || d.type[i] != DealerType::kCompliant) continue;
      d.type[i] = r.type;
      d.choice[static_cast<std::size_t>(r.state)].retype(static_cast<int>(i), r.type);
      break;
    }
  }
  d.renewals.resize(kept);
}

void inspections(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  const World& w = ctx.world;
  DealerState& d = st.dealers;
  renew_dealers(ctx, d);
  st.inspection_credit += inspections_per_year(ctx) / 365.25;
  // The k-th inspection of the day: its target (two draws) and what it finds (one).
  IndexedDraws draws(ctx.seed, StreamId::kInspection, ctx.replication, 0, ctx.step());
  for (std::uint32_t k = 0; st.inspection_credit >= 1.0; ++k) {
    st.inspection_credit -= 1.0;
    bool targeted = false;
    const int dealer = inspection_target(ctx, st, draws, k, targeted);
    if (dealer < 0) continue;
    const auto di = static_cast<std::size_t>(dealer);
    tally.add(ctx.rows.dealer_inspections, 1);
    if (d.revoked[di]) continue;
    d.targets.inspected(dealer);
    if (targeted) {
      tally.add(ctx.rows.dealer_inspections_targeted, 1);
      if (d.type[di] != DealerType::kCompliant) tally.add(ctx.rows.targeted_inspections_noncompliant, 1);
    }
    const double found = draws.uniform(3 * k + 2);
    if (d.type[di] == DealerType::kCorrupt && found < revocation_probability(ctx)) {
      d.revoked[di] = 1;
      tally.add(ctx.rows.dealer_revocations, 1);
      d.choice[static_cast<std::size_t>(w.dealer_state[di])].revoke(dealer);
      leave_place(ctx, d, dealer, DealerType::kCorrupt);
    } else if (d.type[di] == DealerType::kNegligent && found < 0.3) {
      d.type[di] = DealerType::kCompliant;  // a warning conference fixes some negligence
      d.choice[static_cast<std::size_t>(w.dealer_state[di])].retype(dealer, DealerType::kCompliant);
      leave_place(ctx, d, dealer, DealerType::kNegligent);
    }
  }
}

/// A lead's Exp(1) draw for triage, taken on the day it arrives: keyed by its network
/// vertex and buyer slot (entity) and by source, kind, channel and generation
/// (substream), so no other lead, and no policy adding leads, can move it.
double triage_draw(const StepContext& ctx, const Lead& lead) {
  const auto t = static_cast<std::size_t>(lead.trafficker);
  const auto vertex = static_cast<std::uint64_t>(ctx.world.network.trafficker_vertex[t]);
  const std::size_t per = static_cast<std::size_t>(ctx.settings.traffickers.buyers_per_network);
  const std::uint64_t slot = lead.buyer < 0 ? 0xFFFF : static_cast<std::uint64_t>(lead.buyer) - t * per;
  const std::uint32_t substream =
      (static_cast<std::uint32_t>(lead.source) << 29) | (static_cast<std::uint32_t>(lead.kind) << 28) |
      (static_cast<std::uint32_t>(index_of(lead.channel)) << 25) | (lead.generation & 0x1FFFFFFu);
  Rng rng = ctx.rng(StreamId::kLeadTriage, (vertex << 16) | slot, substream);
  return exponential(rng, 1.0);
}
}  // namespace

TriageWeights triage_weights(const EnforcementSettings& e) {
  TriageWeights w;
  w.weight[index_of(LeadSource::kRefusal)] = e.lead_weight_refusal;
  w.weight[index_of(LeadSource::kTrace)] = e.lead_weight_trace;
  w.weight[index_of(LeadSource::kMultipleSale)] = e.lead_weight_multiple_sale;
  w.weight[index_of(LeadSource::kAmmunition)] = e.lead_weight_ammunition;
  w.weight[index_of(LeadSource::kTip)] = e.lead_weight_tip;
  w.weight[index_of(LeadSource::kRifleReport)] = e.lead_weight_rifle_report;
  w.report_yield = e.report_yield;
  w.size_elasticity = e.lead_size_elasticity;
  w.age_days = e.lead_age_days;
  return w;
}

void add_lead(const StepContext& ctx, ReplicationState& st, TallySink& tally, Lead lead) {
  lead.created_day = ctx.day();
  tally.add(ctx.rows.leads, 1);
  tally.add(ctx.rows.leads_by_source[index_of(lead.source)], 1);
  const double key = triage_key(triage_weights(ctx.settings.enforcement), lead, triage_draw(ctx, lead));
  if (key < std::numeric_limits<double>::infinity()) st.leads.push(lead, key);  // else never worth opening
}

void enforcement_day(const StepContext& ctx, ReplicationState& st, TallySink& tally) {
  investigations(ctx, st, tally);
  inspections(ctx, st, tally);
}

}  // namespace gunflow
