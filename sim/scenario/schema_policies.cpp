// Keys of the `policies` section: one block per policy in MODEL.md. Each block has
// `enabled`, `start`, `end` and its own scope and parameters. Writing a block switches
// it on; `start` is then required.
#include <string>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow::schema_detail {
namespace {
std::vector<std::string> states() { return {kUsStateCodes.begin(), kUsStateCodes.end()}; }
std::vector<std::string> classes() { return {kClassNames.begin(), kClassNames.end()}; }

template <class Acc>
void window(std::vector<SchemaEntry>& t, const std::string& name, Acc acc, const std::string& what) {
  const std::string p = "policies." + name + ".";
  t.push_back(boolean(p + "enabled", [acc](auto& s) -> auto& { return acc(s).enabled; }, false,
                      what + " Set automatically when the block is written; `false` switches off a block inherited from a base scenario."));
  t.push_back(date(p + "start", [acc](auto& s) -> auto& { return acc(s).start; }, "2000-01-01",
                   "First day the policy is in force (required when the block is written)."));
  t.push_back(date(p + "end", [acc](auto& s) -> auto& { return acc(s).end; }, "9999-12-31",
                   "First day it is no longer in force (exclusive); omit for open-ended."));
}

void reporting_and_bans(std::vector<SchemaEntry>& t) {
  auto mr = [](auto& s) -> auto& { return s.policies.multiple_rifle_reporting; };
  window(t, "multiple_rifle_reporting", mr,
         "Dealers report multiple sales of listed rifle classes to one buyer (like Form 3310.12, 2011); each report is an ATF lead.");
  t.push_back(string_list("policies.multiple_rifle_reporting.states", [mr](auto& s) -> auto& { return mr(s).states; },
                          {"AZ", "CA", "NM", "TX"}, states(), "States whose dealers report."));
  t.push_back(string_list("policies.multiple_rifle_reporting.classes", [mr](auto& s) -> auto& { return mr(s).classes; },
                          {"ar_rifle", "ak_rifle"}, classes(), "Classes that count toward a report."));
  t.push_back(real("policies.multiple_rifle_reporting.threshold", [mr](auto& s) -> auto& { return mr(s).threshold; }, 2, 2,
                   100, "guns", "Guns of listed classes to one buyer within the window that trigger a report."));
  t.push_back(real("policies.multiple_rifle_reporting.window_business_days",
                   [mr](auto& s) -> auto& { return mr(s).window_business_days; }, 5, 1, 60, "business days",
                   "Reporting window."));

  auto bmg = [](auto& s) -> auto& { return s.policies.bmg50_ban; };
  window(t, "bmg50_ban", bmg, "Bans sales and transfers of .50 BMG rifles in the listed states (dealers and private sellers alike, as California's 2004 law).");
  t.push_back(string_list("policies.bmg50_ban.states", [bmg](auto& s) -> auto& { return bmg(s).states; }, states(), states(),
                          "States covered (default: all, a federal ban)."));
  t.push_back(real("policies.bmg50_ban.substitution", [bmg](auto& s) -> auto& { return bmg(s).substitution; }, 0.5, 0, 1, "",
                   "Share of blocked .50 orders switched to AR-type rifles instead of being bought in another state."));

  auto awb = [](auto& s) -> auto& { return s.policies.assault_weapons_ban; };
  window(t, "assault_weapons_ban", awb, "Bans new retail sales of AR- and AK-type rifles in the listed states.");
  t.push_back(string_list("policies.assault_weapons_ban.states", [awb](auto& s) -> auto& { return awb(s).states; }, states(),
                          states(), "States covered (default: all, a federal ban)."));
  t.push_back(real("policies.assault_weapons_ban.substitution", [awb](auto& s) -> auto& { return awb(s).substitution; }, 0.3, 0, 1,
                   "", "Share of blocked orders switched to other long guns instead of another state or the second-hand market."));
  t.push_back(boolean("policies.assault_weapons_ban.grandfathering", [awb](auto& s) -> auto& { return awb(s).grandfathering; },
                      true, "Guns owned before the ban may still be resold (unlicensed sellers, thefts)."));
  t.push_back(real("policies.assault_weapons_ban.resale_decay_years",
                   [awb](auto& s) -> auto& { return awb(s).resale_decay_years; }, 5, 0.1, 100, "years",
                   "e-folding life of the grandfathered second-hand supply."));

  auto imp = [](auto& s) -> auto& { return s.policies.import_ban_enforcement; };
  window(t, "import_ban_enforcement", imp, "Enforces the ban on imports of non-sporting assault rifles (AK-type supply).");
  t.push_back(real("policies.import_ban_enforcement.share_blocked", [imp](auto& s) -> auto& { return imp(s).share_blocked; }, 0.7,
                   0, 1, "", "Share of AK-type retail supply kept off the market; a blocked order becomes an AR-type order."));
}

void enforcement(std::vector<SchemaEntry>& t) {
  auto atf = [](auto& s) -> auto& { return s.policies.atf_capacity; };
  window(t, "atf_capacity", atf, "More ATF agents on straw-purchasing and trafficking investigations.");
  t.push_back(real("policies.atf_capacity.extra_investigators", [atf](auto& s) -> auto& { return atf(s).extra_investigators; },
                   100, 0, 1e5, "agents", "Agents added to enforcement.investigators."));

  auto dc = [](auto& s) -> auto& { return s.policies.dealer_compliance; };
  window(t, "dealer_compliance", dc, "Stronger enforcement of dealer compliance.");
  t.push_back(real("policies.dealer_compliance.extra_inspections_per_year",
                   [dc](auto& s) -> auto& { return dc(s).extra_inspections_per_year; }, 10000, 0, 1e6, "inspections/year",
                   "Inspections added to enforcement.inspections_per_year."));
  t.push_back(real("policies.dealer_compliance.revocation_probability",
                   [dc](auto& s) -> auto& { return dc(s).revocation_probability; }, 0.6, 0, 1, "",
                   "Replaces enforcement.revocation_probability while in force."));

  auto ubc = [](auto& s) -> auto& { return s.policies.universal_background_checks; };
  window(t, "universal_background_checks", ubc, "Background checks on private and gun-show sales.");
  t.push_back(string_list("policies.universal_background_checks.states", [ubc](auto& s) -> auto& { return ubc(s).states; },
                          states(), states(), "States covered (default: all)."));

  auto ammo = [](auto& s) -> auto& { return s.policies.bulk_ammunition_reporting; };
  window(t, "bulk_ammunition_reporting", ammo, "Registration of large-volume ammunition purchases; flags are leads on active networks.");
  t.push_back(real("policies.bulk_ammunition_reporting.flag_probability",
                   [ammo](auto& s) -> auto& { return ammo(s).flag_probability; }, 0.02, 0, 1, "",
                   "Probability an acquisition trip comes with a flagged bulk ammunition purchase."));

  auto kit = [](auto& s) -> auto& { return s.policies.kit_controls; };
  window(t, "kit_controls", kit, "Controls on unassembled kits and unserialized parts.");
  t.push_back(real("policies.kit_controls.share_blocked", [kit](auto& s) -> auto& { return kit(s).share_blocked; }, 0.5, 0, 1, "",
                   "Share of kit orders that can no longer be filled (they become handgun orders)."));
  t.push_back(real("policies.kit_controls.serialized_share", [kit](auto& s) -> auto& { return kit(s).serialized_share; }, 0.8, 0,
                   1, "", "Share of kits sold after the start that carry a serial and can be traced."));

  auto sb = [](auto& s) -> auto& { return s.policies.southbound_inspection; };
  window(t, "southbound_inspection", sb, "More outbound (southbound) inspection at the listed ports.");
  t.push_back(string_list("policies.southbound_inspection.crossings", [sb](auto& s) -> auto& { return sb(s).crossings; }, {}, {},
                          "Port ids from the crossings table (empty: every port)."));
  t.push_back(real("policies.southbound_inspection.rate", [sb](auto& s) -> auto& { return sb(s).rate; }, 0.1, 0, 1, "",
                   "Share of southbound vehicles inspected at those ports (their inspection capacity / traffic)."));
}

void mexico(std::vector<SchemaEntry>& t) {
  auto et = [](auto& s) -> auto& { return s.policies.etrace_expansion; };
  window(t, "etrace_expansion", et, "Wider eTrace access and intelligence sharing in Mexico (Spanish eTrace, GC-Armas).");
  t.push_back(real("policies.etrace_expansion.submission", [et](auto& s) -> auto& { return et(s).submission; }, 0.9, 0, 1, "",
                   "Replaces mexico.trace_submission."));
  t.push_back(real("policies.etrace_expansion.purchaser_identified",
                   [et](auto& s) -> auto& { return et(s).purchaser_identified; }, 0.75, 0, 1, "",
                   "Replaces mexico.purchaser_identified (better records and liaison)."));

  auto mk = [](auto& s) -> auto& { return s.policies.firearm_marking; };
  window(t, "firearm_marking", mk, "Marking of firearms (equipment grants) so traces succeed.");
  t.push_back(real("policies.firearm_marking.trace_success", [mk](auto& s) -> auto& { return mk(s).trace_success; }, 0.95, 0, 1,
                   "", "Trace success for guns first sold on or after the start."));

  auto vt = [](auto& s) -> auto& { return s.policies.vetting; };
  window(t, "vetting", vt, "Vetting and anti-corruption in Mexican forces.");
  t.push_back(real("policies.vetting.corruption", [vt](auto& s) -> auto& { return vt(s).corruption; }, 0.05, 0, 1, "",
                   "Replaces mexico.corruption."));
  t.push_back(real("policies.vetting.diversion_factor", [vt](auto& s) -> auto& { return vt(s).diversion_factor; }, 0.3, 0, 1, "",
                   "Multiplies channels.export_diversion."));

  auto ex = [](auto& s) -> auto& { return s.policies.suspend_export_licences; };
  window(t, "suspend_export_licences", ex, "Stops licensing gun exports to Mexican military and police (no exports, no diversion).");
}
}  // namespace

void add_policy_keys(std::vector<SchemaEntry>& t) {
  reporting_and_bans(t);
  enforcement(t);
  mexico(t);
}

}  // namespace gunflow::schema_detail
