// enforcement.hpp: investigations that succeed and dismantle networks, through short
// Model::run replications, and one straw buyer's case followed from its lead to its arrest.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gunflow/model/enforcement.hpp"
#include "gunflow/model/networks.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/model/straw_buyers.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

namespace {
// Many agents, one-day investigations that always end in an arrest: every lead source
// valued as a named trace, so none yields less once opened (lead_triage.hpp: lead_yield).
Settings certain_cases(double disruption) {
  Settings s = test::short_settings();
  s.enforcement.case_success = 1.0;
  s.enforcement.lead_weight_multiple_sale = s.enforcement.lead_weight_trace;
  s.enforcement.lead_weight_ammunition = s.enforcement.lead_weight_trace;
  s.enforcement.network_disruption = disruption;
  s.enforcement.investigators = 1e4;
  s.enforcement.investigation_days = 1.0;
  return s;
}

/// Buyer slot 1 of network 0, made an active recruit with 3 guns bought, and a
/// multiple-sale report about them (3 guns).
Lead report_on_buyer_1(test::DayFixture& day) {
  ReplicationState& st = day.run.st;
  const TraffickerState& net = st.networks[0];
  REQUIRE(net.active);
  st.networks[0].set_buyer_active(1, true);
  BuyerState& buyer = st.buyers[buyer_slot(day.ctx.settings, 0, 1)];
  vacate_buyer_slot(st, buyer);
  buyer.person = new_person(st);
  buyer.guns_bought = 3;
  Lead lead;
  lead.kind = LeadKind::kStrawBuyer;
  lead.channel = Channel::kStraw;
  lead.source = LeadSource::kMultipleSale;
  lead.guns = 3;
  lead.trafficker = 0;
  lead.generation = net.generation;
  lead.buyer = static_cast<std::int32_t>(buyer_slot(day.ctx.settings, 0, 1));
  lead.buyer_person = buyer.person;
  return lead;
}

/// Queues `lead`, opens it today if it is live (the only lead waiting) and closes what was
/// opened a month later.
void investigate_if_live(test::DayFixture& day, const Lead& lead) {
  add_lead(day.ctx, day.run.st, day.tally, lead);
  enforcement_day(day.ctx, day.run.st, day.tally);  // opened
  const StepContext later{
      day.ctx.world, day.ctx.settings, day.ctx.rows, kSeed, 0, day.ctx.settings.simulation.start + 30};
  enforcement_day(later, day.run.st, day.tally);  // closed
}

/// The same for a lead that must be live: it is opened.
void investigate(test::DayFixture& day, const Lead& lead) {
  investigate_if_live(day, lead);
  REQUIRE(day.count(day.ctx.rows.leads_investigated) == 1);
}
}  // namespace

TEST_CASE("Successful, disruptive cases dismantle networks", "[model][enforcement]") {
  const Model model(certain_cases(1.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads") > 0);
  CHECK(total(model, r, "leads_investigated") > 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "arrests") == total(model, r, "cases"));  // case_success = 1
  CHECK(total(model, r, "networks_disrupted") > 0);
  CHECK(total(model, r, "networks_disrupted") <= total(model, r, "cases"));
  CHECK(total(model, r, "us_investigation_seizures") > 0);  // the guns dismantled networks held
}

TEST_CASE("Cases that never disrupt leave every network in place", "[model][enforcement]") {
  const Model model(certain_cases(0.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
  CHECK(total(model, r, "us_investigation_seizures") == 0);
}

TEST_CASE("A straw buyer's case takes the buyer out and teaches the network to fear the channel",
          "[model][enforcement]") {
  // One lead about buyer slot 1 of network 0, bought at home: opened today, closed within
  // the month with an arrest (case_success 1, no disruption, so the network stays).
  test::DayFixture day(certain_cases(0.0));
  const Lead lead = report_on_buyer_1(day);
  TraffickerState& net = day.run.st.networks[0];
  BuyerState& buyer = day.run.st.buyers[static_cast<std::size_t>(lead.buyer)];
  buyer.state = net.home_state;
  const double straw_risk = net.risk[index_of(Channel::kStraw)];
  const double home_risk = net.home_risk;
  investigate(day, lead);
  REQUIRE(day.count(day.ctx.rows.arrests) == 1);
  CHECK(day.count(day.ctx.rows.guns_in_cases) == 3);
  CHECK(day.count(day.ctx.rows.cases_by_guns[2]) == 1);  // a case of 2-5 guns, and no other size
  CHECK(day.count(day.ctx.rows.cases_by_guns[1]) + day.count(day.ctx.rows.cases_by_guns[3]) == 0);
  CHECK_FALSE(net.buyer_active(1));                               // the buyer is gone
  CHECK(day.run.st.people[lead.buyer_person].arrested);           // later leads about them are moot
  CHECK(net.risk[index_of(Channel::kStraw)] > straw_risk + 1.0);  // the channel now feels riskier
  CHECK(net.home_risk > home_risk + 1.0);                         // and so does buying at home
}

namespace {
/// Buyer 1 of network 0 is named in a report; then the network folds and its slot is
/// taken by a new network, whose own recruit takes slot 1. Returns the report.
Lead report_then_network_replaced(test::DayFixture& day) {
  ReplicationState& st = day.run.st;
  const Lead lead = report_on_buyer_1(day);
  stop_network(day.ctx, st, 0);
  start_network(day.ctx, st, 0);  // the slot's next generation
  REQUIRE(st.networks[0].generation != lead.generation);
  st.buyers[static_cast<std::size_t>(lead.buyer)].person = new_person(st);
  st.networks[0].set_buyer_active(1, true);
  return lead;
}
}  // namespace

TEST_CASE("A straw buyer outlives their network and can be charged until arrested", "[model][enforcement]") {
  // Expected, with enforcement.charge_former_buyers: the lead about the first buyer is
  // still served (a purchaser named years later is still the purchaser) and ends in an
  // arrest that counts the guns they bought, touches neither the new network nor its
  // recruit, and is counted as an arrest with no network left. A second lead about the
  // same person is moot.
  Settings s = certain_cases(1.0);  // a case would dismantle a network it reached
  s.enforcement.charge_former_buyers = true;
  test::DayFixture day(s);
  ReplicationState& st = day.run.st;
  const Lead lead = report_then_network_replaced(day);
  TraffickerState& net = st.networks[0];
  const BuyerState& slot = st.buyers[static_cast<std::size_t>(lead.buyer)];
  const double straw_risk = net.risk[index_of(Channel::kStraw)];
  investigate(day, lead);
  CHECK(day.count(day.ctx.rows.arrests) == 1);
  CHECK(day.count(day.ctx.rows.arrests_network_gone) == 1);
  CHECK(day.count(day.ctx.rows.guns_in_cases) == 3);  // kept when the slot was emptied
  CHECK(day.count(day.ctx.rows.networks_disrupted) == 0);
  CHECK(net.active);
  CHECK(net.buyer_active(1));
  CHECK(net.risk[index_of(Channel::kStraw)] == straw_risk);
  CHECK(st.people[lead.buyer_person].arrested);
  CHECK_FALSE(st.people[slot.person].arrested);

  Lead again = lead;
  again.source = LeadSource::kTrace;
  add_lead(day.ctx, st, day.tally, again);
  const StepContext later{
      day.ctx.world, day.ctx.settings, day.ctx.rows, kSeed, 0, day.ctx.settings.simulation.start + 60};
  enforcement_day(later, st, day.tally);
  CHECK(day.count(day.ctx.rows.leads_investigated) == 1);  // skipped: the person is already charged
}

TEST_CASE("Without charge_former_buyers a lead about a replaced network's buyer is moot", "[model][enforcement]") {
  // Expected: the same lead as above is skipped when it comes up (no investigation, no
  // arrest): the calibrated baseline's rule, where a lead names a slot of a network.
  test::DayFixture day(certain_cases(1.0));
  const Lead lead = report_then_network_replaced(day);
  add_lead(day.ctx, day.run.st, day.tally, lead);
  enforcement_day(day.ctx, day.run.st, day.tally);
  CHECK(day.count(day.ctx.rows.leads_investigated) == 0);
  CHECK(day.count(day.ctx.rows.arrests) == 0);
  CHECK_FALSE(day.run.st.people[lead.buyer_person].arrested);
}

namespace {
/// A trace lead about network 0's use of the unlicensed channel, naming `person` (0: no
/// one, as for a gun from the private stock); then the network folds and its slot is
/// taken by a new one.
Lead unlicensed_trace_then_network_replaced(test::DayFixture& day, std::uint32_t person) {
  ReplicationState& st = day.run.st;
  Lead lead;
  lead.kind = LeadKind::kNetwork;
  lead.channel = Channel::kUnlicensed;
  lead.source = LeadSource::kTrace;
  lead.trafficker = 0;
  lead.generation = st.networks[0].generation;
  lead.buyer_person = person;
  stop_network(day.ctx, st, 0);
  start_network(day.ctx, st, 0);
  return lead;
}
}  // namespace

TEST_CASE("A network lead naming no one is moot once its network is gone", "[model][enforcement]") {
  // Expected: skipped at no cost under either rule: nobody it names is left to charge.
  for (const bool former : {false, true}) {
    Settings s = certain_cases(0.0);
    s.enforcement.charge_former_buyers = former;
    test::DayFixture day(s);
    add_lead(day.ctx, day.run.st, day.tally, unlicensed_trace_then_network_replaced(day, 0));
    enforcement_day(day.ctx, day.run.st, day.tally);
    CHECK(day.count(day.ctx.rows.leads_investigated) == 0);
    CHECK(day.count(day.ctx.rows.arrests) == 0);
  }
}

TEST_CASE("An unlicensed dealer named in a trace can be charged after the network is gone", "[model][enforcement]") {
  // Expected, with enforcement.charge_former_buyers: the dealer who bought the traced gun
  // new and sold the network 4 guns is arrested, a case of the unlicensed channel counting
  // those 4 guns, with no network left to act on; under the rule by slot the lead is moot.
  for (const bool former : {false, true}) {
    Settings s = certain_cases(1.0);
    s.enforcement.charge_former_buyers = former;
    test::DayFixture day(s);
    ReplicationState& st = day.run.st;
    const std::uint32_t dealer = new_person(st);
    st.people[dealer].guns = 4;
    investigate_if_live(day, unlicensed_trace_then_network_replaced(day, dealer));
    CHECK(day.count(day.ctx.rows.arrests) == (former ? 1 : 0));
    CHECK(day.count(day.ctx.rows.arrests_network_gone) == (former ? 1 : 0));
    CHECK(day.count(day.ctx.rows.guns_in_cases) == (former ? 4 : 0));
    CHECK(day.count(day.ctx.rows.cases_by_channel[index_of(Channel::kUnlicensed)]) == (former ? 1 : 0));
    CHECK(day.count(day.ctx.rows.networks_disrupted) == 0);
    CHECK(st.networks[0].active);
    CHECK(st.people[dealer].arrested == former);
  }
}

TEST_CASE("An opened report yields report_yield, however little triage values it", "[model][enforcement]") {
  // Expected: the same straw buyer's lead as above, as a multiple-sale report valued at a
  // billionth of a trace, is opened (nothing else waits); with report_yield 1 it ends in an
  // arrest (case_success 1), with report_yield 0 it does not. Why: ATF screens reports
  // before it opens one, and the rifle rule's first months show the opened ones making
  // cases about as often as traces (lead_triage.hpp: lead_yield); before, the yield was
  // tied to the weight, so a report ATF did open almost never made a case.
  for (const double yield : {1.0, 0.0}) {
    Settings s = certain_cases(0.0);
    s.enforcement.lead_weight_multiple_sale = 1e-9 * s.enforcement.lead_weight_trace;
    s.enforcement.report_yield = yield;
    test::DayFixture day(s);
    investigate(day, report_on_buyer_1(day));
    CHECK(day.count(day.ctx.rows.arrests) == yield);
    CHECK(day.run.st.networks[0].buyer_active(1) == (yield == 0.0));
  }
}

TEST_CASE("No investigators: no cases", "[model][enforcement]") {
  Settings s = test::short_settings();
  s.enforcement.investigators = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads_investigated") == 0);
  CHECK(total(model, r, "cases") == 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
}

TEST_CASE("Leads past their shelf life do not pile up in the triage queue", "[model][enforcement]") {
  // With few investigators most leads are never opened; expired ones are dropped every
  // 91 days, so the queue holds at most about fifteen months of leads (365 + 91 of the
  // 900 days) instead of every report of the run.
  Settings s = test::short_settings(900);
  s.enforcement.investigators = 2;
  s.enforcement.lead_weight_multiple_sale = 1;  // every report is queued and competes
  test::SteppedReplication run(s);
  const ReplicationState& st = run.st;
  std::size_t most = 0;
  for (Date d = s.simulation.start; d < s.simulation.end; d = d + 1) {
    run.step(d);
    most = std::max(most, st.leads.size());
  }
  const double leads = run.values.row(static_cast<Eigen::Index>(run.rows.leads)).sum();
  CHECK(most > 1000);
  CHECK(static_cast<double>(st.leads.size()) < 0.6 * leads);
}

TEST_CASE("Every lead source is served at a rate that follows from its weight", "[model][enforcement]") {
  // Multiple-sale reports far outnumber the other leads; at a weight of 0 none is
  // opened, at a small weight some are, and at a weight 40 times larger more (and the
  // others fewer, for the same capacity; not 40 times more: reports then take most of it,
  // and traces naming a purchaser, many with the stock on its flows' path, compete).
  Settings s = test::short_settings(400);
  const auto opened = [&](double weight, const char* source) {
    Settings w = s;
    w.enforcement.lead_weight_multiple_sale = weight;
    const Model model(w);
    return total(model, model.run(kSeed, 0), "leads_investigated_by_source", source);
  };
  CHECK(opened(0, "multiple_sale") == 0);
  const double low = opened(0.005, "multiple_sale"), high = opened(0.2, "multiple_sale");
  CHECK(low > 0);
  CHECK(high > 1.25 * low);  // 1,171 against 802 when written
  CHECK(opened(0.2, "trace") < opened(0.005, "trace"));
}

TEST_CASE("A targeted inspection visits the most-traced dealer, not knowing its type", "[model][enforcement]") {
  // Every inspection targeted, one a day (the day's credit set by hand, none accrued). A
  // compliant dealer named in three traces is visited before a corrupt one named in one:
  // ATF ranks dealers by what traces show, and learns a dealer's type by inspecting it.
  Settings s = test::short_settings();
  s.enforcement.targeted_share = 1.0;
  s.enforcement.inspections_per_year = 0.0;
  test::DayFixture day(s);
  DealerState& d = day.run.st.dealers;
  const auto compliant =
      static_cast<int>(std::find(d.type.begin(), d.type.end(), DealerType::kCompliant) - d.type.begin());
  const auto corrupt = static_cast<int>(std::find(d.type.begin(), d.type.end(), DealerType::kCorrupt) - d.type.begin());
  REQUIRE(static_cast<std::size_t>(corrupt) < d.type.size());
  for (int i = 0; i < 3; ++i) d.targets.traced(compliant, true);
  d.targets.traced(corrupt, true);
  day.run.st.inspection_credit = 1.0;
  enforcement_day(day.ctx, day.run.st, day.tally);
  CHECK(day.count(day.ctx.rows.dealer_inspections_targeted) == 1);
  CHECK(day.count(day.ctx.rows.targeted_inspections_noncompliant) == 0);
  CHECK(d.targets.count(compliant) == 0);  // inspected: counts again from zero
  CHECK(d.targets.count(corrupt) == 1);
  day.run.st.inspection_credit = 1.0;
  enforcement_day(day.ctx, day.run.st, day.tally);
  CHECK(day.count(day.ctx.rows.dealer_inspections_targeted) == 2);
  CHECK(day.count(day.ctx.rows.targeted_inspections_noncompliant) == 1);
  CHECK(d.targets.count(corrupt) == 0);
  // No traced dealer left: the next inspection visits a dealer at random, not targeted.
  day.run.st.inspection_credit = 1.0;
  enforcement_day(day.ctx, day.run.st, day.tally);
  CHECK(day.count(day.ctx.rows.dealer_inspections) == 3);
  CHECK(day.count(day.ctx.rows.dealer_inspections_targeted) == 2);
}
