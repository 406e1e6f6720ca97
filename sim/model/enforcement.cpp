#include "gunflow/model/enforcement.hpp"

#include <algorithm>

#include "gunflow/model/policies.hpp"
#include "gunflow/model/us_market.hpp"
#include "gunflow/rng/distributions.hpp"

namespace gunflow {
namespace {
constexpr int kLeadShelfLifeDays = 365;  // older leads are not worth opening

bool lead_still_live(const ReplicationState& st, const Lead& lead) {
  const TraffickerState& net = st.networks[static_cast<std::size_t>(lead.trafficker)];
  if (!net.active || net.generation != lead.generation) return false;
  // A straw buyer can be charged after the network let them go, but not once the
  // slot holds a new recruit (a later lead is about someone else).
  return lead.kind != LeadKind::kStrawBuyer ||
         st.buyers[static_cast<std::size_t>(lead.buyer)].serial == lead.buyer_serial;
}

void close_case(const StepContext& ctx, ReplicationState& st, const Lead& lead, Rng& rng) {
  const EnforcementSettings& e = ctx.settings.enforcement;
  if (!lead_still_live(st, lead) || !bernoulli(rng, e.case_success)) return;
  TraffickerState& net = st.networks[static_cast<std::size_t>(lead.trafficker)];
  settle_network(ctx, st, net);
  double guns = 0;
  if (lead.kind == LeadKind::kStrawBuyer) {
    BuyerState& buyer = st.buyers[static_cast<std::size_t>(lead.buyer)];
    guns = static_cast<double>(buyer.guns_bought);
    buyer.active = false;
    if (buyer.state == net.home_state) net.home_risk += 2.0;  // buying at home now feels watched
    ++buyer.serial;  // arrested: later leads about this recruit are moot
  } else {
    guns = std::round(net.recent_guns[index_of(lead.channel)]);
    net.recent_guns[index_of(lead.channel)] = 0;
  }
  ctx.add(ctx.rows.arrests, 1);
  ctx.add(ctx.rows.cases, 1);
  ctx.add(ctx.rows.cases_by_channel[index_of(lead.channel)], 1);
  ctx.add(ctx.rows.guns_in_cases, guns);
  // The network adapts: the channel feels riskier, and it learns to split purchases.
  net.risk[index_of(lead.channel)] += 2.0;
  if (bernoulli(rng, 0.5)) net.splits_purchases = true;
  if (bernoulli(rng, e.network_disruption)) {
    ctx.add(ctx.rows.networks_disrupted, 1);
    ctx.add(ctx.rows.us_investigation_seizures, static_cast<double>(net.inventory_count));
    net.inventory.clear();
    net.inventory_count = 0;
    stop_network(ctx, st, static_cast<std::size_t>(lead.trafficker), rng);
  }
}

void investigations(const StepContext& ctx, ReplicationState& st, Rng& rng) {
  const EnforcementSettings& e = ctx.settings.enforcement;
  // Finish what is due (in the order they were opened). A stable split by hand into a
  // reused buffer: std::stable_partition allocated a buffer every day.
  std::vector<Investigation>& finished = st.finished_investigations;
  finished.clear();
  std::size_t open = 0;
  for (const Investigation& i : st.investigations) {
    if (i.ends_day > ctx.day()) st.investigations[open++] = i;
    else finished.push_back(i);
  }
  st.investigations.resize(open);
  for (const Investigation& i : finished) close_case(ctx, st, i.lead, rng);
  // Routine leads (multiple-sale reports) wait behind priority ones, most of them past
  // their shelf life. The queue is in creation order, so dropping the expired ones at its
  // front is what popping them would do (at no cost, below): it keeps a year of leads
  // instead of the whole run's (5 MB by 2019 in the baseline, growing with the horizon).
  while (!st.routine_leads.empty() && ctx.day() - st.routine_leads.front().created_day > kLeadShelfLifeDays)
    st.routine_leads.pop_front();
  // Open new ones as capacity allows; leads wait in the queue until then.
  st.service_credit += investigators(ctx) * e.cases_per_investigator / 365.25;
  while (st.service_credit >= 1.0 && !(st.priority_leads.empty() && st.routine_leads.empty())) {
    std::deque<Lead>& queue = st.priority_leads.empty() ? st.routine_leads : st.priority_leads;
    const Lead lead = queue.front();
    queue.pop_front();
    if (ctx.day() - lead.created_day > kLeadShelfLifeDays || !lead_still_live(st, lead)) continue;
    st.service_credit -= 1.0;
    ctx.add(ctx.rows.leads_investigated, 1);
    st.investigations.push_back(
        {lead, ctx.day() + std::max(1, static_cast<int>(exponential(rng, e.investigation_days)))});
  }
  if (st.priority_leads.empty() && st.routine_leads.empty()) st.service_credit = std::min(st.service_credit, 1.0);  // idle time is not banked
}

void inspections(const StepContext& ctx, ReplicationState& st, Rng& rng) {
  const World& w = ctx.world;
  const EnforcementSettings& e = ctx.settings.enforcement;
  DealerState& d = st.dealers;
  st.inspection_credit += inspections_per_year(ctx) / 365.25;
  while (st.inspection_credit >= 1.0) {
    st.inspection_credit -= 1.0;
    int dealer = -1;
    if (!st.targeted_dealers.empty() && bernoulli(rng, e.targeted_share)) {
      dealer = st.targeted_dealers.front();
      st.targeted_dealers.erase(st.targeted_dealers.begin());
    } else if (!d.type.empty()) {
      dealer = static_cast<int>(rng.uniform() * static_cast<double>(d.type.size()));
    }
    if (dealer < 0) continue;
    const auto di = static_cast<std::size_t>(dealer);
    ctx.add(ctx.rows.dealer_inspections, 1);
    if (d.revoked[di]) continue;
    if (d.type[di] == DealerType::kCorrupt && bernoulli(rng, revocation_probability(ctx))) {
      d.revoked[di] = 1;
      ctx.add(ctx.rows.dealer_revocations, 1);
      d.choice[static_cast<std::size_t>(w.dealer_state[di])].revoke(dealer);
    } else if (d.type[di] == DealerType::kNegligent && bernoulli(rng, 0.3)) {
      d.type[di] = DealerType::kCompliant;  // a warning conference fixes some negligence
      d.choice[static_cast<std::size_t>(w.dealer_state[di])].retype(dealer, DealerType::kCompliant);
    }
  }
}
}  // namespace

void enforcement_day(const StepContext& ctx, ReplicationState& st) {
  // One stream for the day's enforcement decisions, consumed in a fixed order.
  Rng rng = ctx.rng(StreamId::kInvestigation, 0);
  investigations(ctx, st, rng);
  Rng inspect_rng = ctx.rng(StreamId::kDealerInspection, 0);
  inspections(ctx, st, inspect_rng);
}

}  // namespace gunflow
