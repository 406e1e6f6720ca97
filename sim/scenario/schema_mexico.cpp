// Keys of the Mexican side, enforcement and violence.
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow::schema_detail {
namespace {
void add_mexico(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "mexico.initial_stock", [](auto& s) -> auto& { return s.mexico.initial_stock; }, 1.5e6, 0, 1e8, "guns",
      "The stock criminal groups aim for on 1 January of `mexico.stock_year` (national; spread over states by "
      "homicides), growing at `demand.target_growth` a year before and after: demand's target on every date, "
      "whenever the run started. The stock a run starts from is the one the model's flows give on its first day "
      "(docs/ODD.md section 5)."));
  t.push_back(integer(
      "mexico.stock_year", [](auto& s) -> auto& { return s.mexico.stock_year; }, 2010, kFirstSeriesYear,
      kLastSeriesYear, "year", "The year on whose 1 January criminal groups aim for `mexico.initial_stock`."));
  t.push_back(real(
      "mexico.initial_us_share", [](auto& s) -> auto& { return s.mexico.initial_us_share; }, 0.7, 0, 1, "",
      "US-origin share of the initial stock."));
  t.push_back(real_map(
      "mexico.initial_source_states", [](auto& s) -> auto& { return s.mexico.initial_source_states; }, {}, 0, 1e9,
      state_keys_and_other(),
      "Relative weight of US states as first-sale states of the initial stock's US guns (OTHER spread as in "
      "`traffickers.home_state_weights`). Empty: the network home-state weights. Set it to the source states of "
      "the flow the run starts in, so that traced guns' source states do not depend on the start date "
      "(docs/ODD.md section 5)."));
  t.push_back(real(
      "mexico.foreign_inflow_per_year", [](auto& s) -> auto& { return s.mexico.foreign_inflow_per_year; }, 60000, 0,
      1e7, "guns/year", "Non-US guns reaching criminal groups per year."));
  t.push_back(real(
      "mexico.recovery_rate", [](auto& s) -> auto& { return s.mexico.recovery_rate; }, 0.02, 0, 1, "1/year",
      "Yearly probability a criminal gun is recovered, before corruption."));
  t.push_back(real_map(
      "mexico.conflict_recovery_ratio", [](auto& s) -> auto& { return s.mexico.conflict_recovery_ratio; },
      {{"handgun", 1}, {"ar_rifle", 4}, {"ak_rifle", 4}, {"bmg50", 4}, {"other_long", 1}, {"kit", 1}}, 0, 100,
      class_keys(),
      "For each class, the guns the forces fighting the armed conflict recover per gun held over those the policing "
      "of other crime recovers per gun held (1: the class's recovery rate does not move with the conflict). Read "
      "only with data.mx_conflict_homicides_by_year: a gun of class c is recovered at mexico.recovery_rate times "
      "(1 - f + f k_c) / (1 - f0 + f0 k_c), f the year's conflict share of homicides and f0 2010's (docs/ODD.md "
      "7.10). PGR-SEIDO's seizures from cartel cells (2014-2015) were three in four long guns, which gives 3.5 to 5.7 "
      "for AR-, AK-type and .50 rifles against handguns at 1; put it through sensitivity analysis."));
  t.push_back(real(
      "mexico.attrition_rate", [](auto& s) -> auto& { return s.mexico.attrition_rate; }, 0.08, 0, 1, "1/year",
      "Yearly share of criminal guns lost, worn out or sold on without being recovered."));
  t.push_back(real(
      "mexico.corruption", [](auto& s) -> auto& { return s.mexico.corruption; }, 0.2, 0, 1, "",
      "Share of would-be recoveries lost to corruption."));
  t.push_back(real(
      "mexico.trace_submission", [](auto& s) -> auto& { return s.mexico.trace_submission; }, 0.6, 0, 1, "",
      "Share of recovered guns submitted to eTrace."));
  t.push_back(real(
      "mexico.trace_delay_days", [](auto& s) -> auto& { return s.mexico.trace_delay_days; }, 0, 0, 3650, "days",
      "Mean days between a submitted gun's recovery and its trace request (exponential, whole days): the request, "
      "its lead and its count fall that much later, and time-to-crime runs to the request, as ATF's for Mexico "
      "traces does (\"part of the lag is delay in submitting traces\", public figures 2.16). 0: requested on the "
      "recovery day. Requests still pending at the run's end are not counted."));
  t.push_back(real(
      "mexico.trace_success", [](auto& s) -> auto& { return s.mexico.trace_success; }, 0.75, 0, 1, "",
      "Probability a serialized US-origin gun traces to its first retail sale."));
  t.push_back(real(
      "mexico.purchaser_identified", [](auto& s) -> auto& { return s.mexico.purchaser_identified; }, 0.55, 0, 1, "",
      "Probability a successful trace names the purchaser."));
  t.push_back(real(
      "mexico.years_before_arrival", [](auto& s) -> auto& { return s.mexico.years_before_arrival; }, 2, 0, 50, "years",
      "Mean years between first retail sale and arrival in Mexico of the guns in the stock a run starts with "
      "(their years in Mexico follow from the loss and growth rates)."));
}

void add_enforcement(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "enforcement.investigators", [](auto& s) -> auto& { return s.enforcement.investigators; }, 200, 0, 1e5, "agents",
      "ATF agents working trafficking leads."));
  t.push_back(real(
      "enforcement.cases_per_investigator", [](auto& s) -> auto& { return s.enforcement.cases_per_investigator; }, 6, 0,
      1000, "cases/year", "Investigations one agent can open per year (the queue's service rate)."));
  t.push_back(real(
      "enforcement.investigation_days", [](auto& s) -> auto& { return s.enforcement.investigation_days; }, 120, 1, 3650,
      "days", "Mean duration of an investigation."));
  t.push_back(real(
      "enforcement.case_success", [](auto& s) -> auto& { return s.enforcement.case_success; }, 0.5, 0, 1, "",
      "Probability an investigation ends in an arrest."));
  t.push_back(real(
      "enforcement.network_disruption", [](auto& s) -> auto& { return s.enforcement.network_disruption; }, 0.3, 0, 1,
      "", "Probability an arrest dismantles the whole network."));
  t.push_back(real(
      "enforcement.lead_max_age_years", [](auto& s) -> auto& { return s.enforcement.lead_max_age_years; }, 3, 0, 50,
      "years", "Traces with a longer time-to-crime give no actionable lead."));
  t.push_back(boolean(
      "enforcement.charge_former_buyers", [](auto& s) -> auto& { return s.enforcement.charge_former_buyers; }, false,
      "A lead naming a person (a straw buyer, or an unlicensed dealer who bought the traced gun new to resell) can "
      "still end in their arrest after their network let them go and filled their place, folded, left the market or "
      "was dismantled: the purchaser outlives the ring. Off (the calibrated baseline): such a lead is moot, which "
      "caps what more agents or more traces can produce "
      "(docs/ODD.md section 9, 'Leads reach a slot, not a person')."));
  t.push_back(real(
      "enforcement.inspections_per_year", [](auto& s) -> auto& { return s.enforcement.inspections_per_year; }, 10000, 0,
      1e6, "inspections/year", "ATF dealer compliance inspections."));
  t.push_back(real(
      "enforcement.revocation_probability", [](auto& s) -> auto& { return s.enforcement.revocation_probability; }, 0.3,
      0, 1, "", "Probability inspecting a corrupt dealer ends in licence revocation."));
  t.push_back(real(
      "enforcement.targeted_share", [](auto& s) -> auto& { return s.enforcement.targeted_share; }, 0.3, 0, 1, "",
      "Share of inspections aimed at the open dealer named in the most crime-gun traces since its last inspection "
      "(the rest visit a dealer at random)."));
  t.push_back(real(
      "enforcement.target_ttc_years", [](auto& s) -> auto& { return s.enforcement.target_ttc_years; }, 3, 0, 100,
      "years",
      "Only traces whose time-to-crime is below this rank a dealer for targeted inspection (ATF's Demand Letter 2 "
      "counts traces within 3 years of sale; a large value counts every trace)."));
}

// Lead triage (model/lead_triage.hpp): what a lead is worth to ATF. Weights are relative
// (only their ratios matter); see docs/ODD.md "Lead triage" for the reasoning.
void add_lead_triage(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "enforcement.lead_weight_refusal", [](auto& s) -> auto& { return s.enforcement.lead_weight_refusal; }, 1.0, 0,
      1e6, "", "Value of a dealer-refusal lead: a buyer caught in the act, named by the dealer."));
  t.push_back(real(
      "enforcement.lead_weight_trace", [](auto& s) -> auto& { return s.enforcement.lead_weight_trace; }, 1.0, 0, 1e6,
      "", "Value of a trace that names a purchaser: a crime gun already in Mexico."));
  t.push_back(real(
      "enforcement.lead_weight_multiple_sale", [](auto& s) -> auto& { return s.enforcement.lead_weight_multiple_sale; },
      0.005, 0, 1e6, "",
      "Value of a multiple-sale report of handguns (Form 3310.4): most of the reports ATF receives are about "
      "lawful buyers, and no public figure says how many it investigates (fitted in the baseline)."));
  t.push_back(real(
      "enforcement.lead_weight_rifle_report", [](auto& s) -> auto& { return s.enforcement.lead_weight_rifle_report; },
      0.018, 0, 1e6, "",
      "Value of a multiple-sale report of listed rifles (Form 3310.12, under multiple_rifle_reporting): set so "
      "that about 4% of the reports are investigated, as ATF opened more than 120 investigations on more than "
      "3,000 reports in the rule's first eight months (docs/ODD.md, 'Lead triage')."));
  t.push_back(real(
      "enforcement.report_yield", [](auto& s) -> auto& { return s.enforcement.report_yield; }, 1.0, 0, 1, "",
      "What an opened multiple-sale report (either form) yields, relative to a trace: an investigation of one ends "
      "in a case with probability case_success x this. ATF screens reports before it opens one; the rifle rule's "
      "first eight months (more than 25 cases from more than 120 investigations, many still open) put it at 0.8-1 "
      "(docs/ODD.md, 'Lead triage')."));
  t.push_back(real(
      "enforcement.lead_weight_ammunition", [](auto& s) -> auto& { return s.enforcement.lead_weight_ammunition; },
      0.005, 0, 1e6, "", "Value of a bulk-ammunition flag: a purchase pattern, no gun yet."));
  t.push_back(real(
      "enforcement.lead_weight_tip", [](auto& s) -> auto& { return s.enforcement.lead_weight_tip; }, 2.0, 0, 1e6, "",
      "Value of a referral from a southbound seizure: guns in hand and a courier under arrest."));
  t.push_back(real(
      "enforcement.lead_size_elasticity", [](auto& s) -> auto& { return s.enforcement.lead_size_elasticity; }, 0.5, 0,
      5, "", "Elasticity of a lead's value with respect to the guns it implicates."));
  t.push_back(real(
      "enforcement.lead_age_days", [](auto& s) -> auto& { return s.enforcement.lead_age_days; }, 180, 1, 36500, "days",
      "E-folding time of a lead's value as it ages (leads older than a year are dropped)."));
}

void add_violence(std::vector<SchemaEntry>& t) {
  t.push_back(real(
      "violence.firearm_share", [](auto& s) -> auto& { return s.violence.firearm_share; }, 0.65, 0, 1, "",
      "Firearm share of homicides in 2010, when the armed stock is on the flows' path (with a yearly homicide "
      "table, a year's share follows how armed the path is against 2010: docs/ODD.md 7.15)."));
  t.push_back(real(
      "violence.stock_elasticity", [](auto& s) -> auto& { return s.violence.stock_elasticity; }, 0.5, 0, 5, "",
      "Elasticity of firearm homicides with respect to the armed stock (uncertain)."));
  t.push_back(real(
      "violence.substitution", [](auto& s) -> auto& { return s.violence.substitution; }, 0.3, 0, 1, "",
      "Share of avoided firearm homicides committed by other means."));
  t.push_back(real(
      "violence.reference_stock", [](auto& s) -> auto& { return s.violence.reference_stock; }, 0, 0, 1e9,
      "weighted guns",
      "The national stock of criminal groups on 2 July 2010, weighted by violence.class_weight, that the homicide "
      "baseline goes with. 0 (the default): the scenario's own flows' path (docs/ODD.md section 5) at its own "
      "class mix and weights, so a key that moves the stock in every year (demand, attrition, recovery and "
      "mexico.corruption, foreign inflow, legal exports and channels.export_diversion) or its classes "
      "(demand.class_mix and its conflict ratio, violence.class_weight) moves this reference "
      "with it and leaves "
      "homicides at the baseline. To see such a variant's violence against a base scenario, set it to the base's "
      "value, which run.json reports as violence_reference_stock. Policies never move the reference."));
}
}  // namespace

void add_mexico_keys(std::vector<SchemaEntry>& t) {
  add_mexico(t);
  add_enforcement(t);
  add_lead_triage(t);
  add_violence(t);
}

}  // namespace gunflow::schema_detail
