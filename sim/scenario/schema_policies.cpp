// The policy registry (scenario/schema_policies.hpp) and, from it, the keys of the
// `policies` section: one block per policy in MODEL.md. Each block has `enabled`,
// `start`, `end` and its own scope and parameters. Writing a block switches it on;
// `start` is then required. To add a policy, add one entry to kPolicies (the checklist
// is in docs/architecture.md).
#include "gunflow/scenario/schema_policies.hpp"

#include <string>

#include "gunflow/core/catalog.hpp"
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {
namespace {
std::vector<std::string> policy_states() { return {kUsStateCodes.begin(), kUsStateCodes.end()}; }
std::vector<std::string> policy_classes() { return {kClassNames.begin(), kClassNames.end()}; }

/// Adds one policy's parameter keys; `acc` reaches the field from PolicySettings.
class PolicyKeys {
 public:
  PolicyKeys(std::vector<SchemaEntry>& table, std::string prefix) : t_(table), prefix_(std::move(prefix)) {}

  template <class Acc>
  void real(const char* key, Acc acc, double def, double lo, double hi, const char* unit, const char* doc) {
    t_.push_back(schema_detail::real(prefix_ + key, in_settings(acc), def, lo, hi, unit, doc));
  }
  template <class Acc>
  void integer(const char* key, Acc acc, std::int64_t def, double lo, double hi, const char* unit, const char* doc) {
    t_.push_back(schema_detail::integer(prefix_ + key, in_settings(acc), def, lo, hi, unit, doc));
  }
  template <class Acc>
  void boolean(const char* key, Acc acc, bool def, const char* doc) {
    t_.push_back(schema_detail::boolean(prefix_ + key, in_settings(acc), def, doc));
  }
  template <class Acc>
  void string_list(const char* key, Acc acc, StringList def, std::vector<std::string> allowed, const char* doc) {
    t_.push_back(schema_detail::string_list(prefix_ + key, in_settings(acc), std::move(def), std::move(allowed), doc));
  }

 private:
  template <class Acc>
  static auto in_settings(Acc acc) {
    return [acc](auto& s) -> auto& { return acc(s.policies); };
  }
  std::vector<SchemaEntry>& t_;
  std::string prefix_;
};

/// One row of the registry, as written below.
struct PolicyDecl {
  const char* name;
  const PolicyWindow& (*window)(const PolicySettings&);
  PolicyWindow& (*mutable_window)(PolicySettings&);
  const char* doc;
  void (*parameters)(PolicyKeys&);
};

template <auto Member>
const PolicyWindow& window_of(const PolicySettings& p) {
  return p.*Member;
}
template <auto Member>
PolicyWindow& mutable_window_of(PolicySettings& p) {
  return p.*Member;
}

/// `name` must be the PolicySettings member's name (the policy tests load each example
/// file and check that exactly this member is switched on).
template <auto Member>
constexpr PolicyDecl policy(const char* name, const char* doc, void (*parameters)(PolicyKeys&)) {
  return {name, &window_of<Member>, &mutable_window_of<Member>, doc, parameters};
}

constexpr void no_parameters(PolicyKeys&) {}

// clang-format off
const PolicyDecl kPolicies[] = {
  policy<&PolicySettings::multiple_rifle_reporting>("multiple_rifle_reporting",
    "Dealers report multiple sales of listed rifle classes to one buyer (like Form 3310.12, 2011); each report is an ATF lead.",
    [](PolicyKeys& k) {
      k.string_list("states", [](auto& p) -> auto& { return p.multiple_rifle_reporting.states; },
                    {"AZ", "CA", "NM", "TX"}, policy_states(), "States whose dealers report.");
      k.string_list("classes", [](auto& p) -> auto& { return p.multiple_rifle_reporting.classes; },
                    {"ar_rifle", "ak_rifle"}, policy_classes(), "Classes that count toward a report.");
      k.integer("threshold", [](auto& p) -> auto& { return p.multiple_rifle_reporting.threshold; }, 2, 2, 100,
                "guns", "Guns of listed classes to one buyer within the window that trigger a report.");
      k.integer("window_business_days", [](auto& p) -> auto& { return p.multiple_rifle_reporting.window_business_days; },
                5, 1, 60, "business days", "Reporting window.");
    }),
  policy<&PolicySettings::bmg50_ban>("bmg50_ban",
    "Bans sales and transfers of .50 BMG rifles in the listed states (dealers and private sellers alike, as California's 2004 law).",
    [](PolicyKeys& k) {
      k.string_list("states", [](auto& p) -> auto& { return p.bmg50_ban.states; }, policy_states(), policy_states(),
                    "States covered (default: all, a federal ban).");
      k.real("substitution", [](auto& p) -> auto& { return p.bmg50_ban.substitution; }, 0.5, 0, 1, "",
             "Share of blocked .50 orders switched to AR-type rifles instead of being bought in another state.");
    }),
  policy<&PolicySettings::assault_weapons_ban>("assault_weapons_ban",
    "Bans new retail sales of AR- and AK-type rifles in the listed states.",
    [](PolicyKeys& k) {
      k.string_list("states", [](auto& p) -> auto& { return p.assault_weapons_ban.states; }, policy_states(),
                    policy_states(), "States covered (default: all, a federal ban).");
      k.real("substitution", [](auto& p) -> auto& { return p.assault_weapons_ban.substitution; }, 0.3, 0, 1, "",
             "Share of blocked orders switched to other long guns instead of another state or the second-hand market.");
      k.boolean("grandfathering", [](auto& p) -> auto& { return p.assault_weapons_ban.grandfathering; }, true,
                "Guns owned before the ban may still be resold (unlicensed sellers, thefts).");
      k.real("resale_decay_years", [](auto& p) -> auto& { return p.assault_weapons_ban.resale_decay_years; }, 5, 0.1,
             100, "years", "e-folding life of the grandfathered second-hand supply.");
      k.real("compliant_share", [](auto& p) -> auto& { return p.assault_weapons_ban.compliant_share; }, 0, 0, 1, "",
             "Chance that a trip for a banned class finds a variant legal under the ban's definition that it takes: "
             "it then buys as if there were no ban and seeks no substitute class; otherwise it finds retail closed "
             "(its order is met second-hand or waits for a later trip). Retail sales keep feeding the private stock "
             "at this share. 0: a definition that leaves none (the default); a features test like the 1994 federal "
             "ban's left many.");
    }),
  policy<&PolicySettings::import_ban_enforcement>("import_ban_enforcement",
    "Enforces the ban on imports of non-sporting assault rifles (AK-type supply).",
    [](PolicyKeys& k) {
      k.real("share_blocked", [](auto& p) -> auto& { return p.import_ban_enforcement.share_blocked; }, 0.7, 0, 1, "",
             "Share of AK-type retail supply kept off the market; a blocked order becomes an AR-type order.");
    }),
  policy<&PolicySettings::atf_capacity>("atf_capacity",
    "More ATF agents on straw-purchasing and trafficking investigations.",
    [](PolicyKeys& k) {
      k.real("extra_investigators", [](auto& p) -> auto& { return p.atf_capacity.extra_investigators; }, 100, 0, 1e5,
             "agents", "Agents added to enforcement.investigators.");
    }),
  policy<&PolicySettings::dealer_compliance>("dealer_compliance",
    "Stronger enforcement of dealer compliance.",
    [](PolicyKeys& k) {
      k.real("extra_inspections_per_year", [](auto& p) -> auto& { return p.dealer_compliance.extra_inspections_per_year; },
             10000, 0, 1e6, "inspections/year", "Inspections added to enforcement.inspections_per_year.");
      k.real("revocation_probability", [](auto& p) -> auto& { return p.dealer_compliance.revocation_probability; },
             0.6, 0, 1, "", "Raises enforcement.revocation_probability to this while in force (a higher rate is kept).");
    }),
  policy<&PolicySettings::universal_background_checks>("universal_background_checks",
    "Background checks on private and gun-show sales.",
    [](PolicyKeys& k) {
      k.string_list("states", [](auto& p) -> auto& { return p.universal_background_checks.states; }, policy_states(),
                    policy_states(), "States covered (default: all).");
    }),
  policy<&PolicySettings::bulk_ammunition_reporting>("bulk_ammunition_reporting",
    "Registration of large-volume ammunition purchases; flags are leads on active networks.",
    [](PolicyKeys& k) {
      k.real("flag_probability", [](auto& p) -> auto& { return p.bulk_ammunition_reporting.flag_probability; }, 0.02,
             0, 1, "", "Probability an acquisition trip comes with a flagged bulk ammunition purchase.");
    }),
  policy<&PolicySettings::kit_controls>("kit_controls",
    "Controls on unassembled kits and unserialized parts.",
    [](PolicyKeys& k) {
      k.real("share_blocked", [](auto& p) -> auto& { return p.kit_controls.share_blocked; }, 0.5, 0, 1, "",
             "Share of kit orders that can no longer be filled (they become handgun orders).");
      k.real("serialized_share", [](auto& p) -> auto& { return p.kit_controls.serialized_share; }, 0.8, 0, 1, "",
             "Share of kits sold after the start that carry a serial and can be traced.");
    }),
  policy<&PolicySettings::southbound_inspection>("southbound_inspection",
    "More outbound (southbound) inspection at the listed ports.",
    [](PolicyKeys& k) {
      k.string_list("crossings", [](auto& p) -> auto& { return p.southbound_inspection.crossings; }, {}, {},
                    "Port ids from the crossings table (empty: every port).");
      k.real("rate", [](auto& p) -> auto& { return p.southbound_inspection.rate; }, 0.1, 0, 1, "",
             "Share of southbound vehicles inspected at those ports (their inspection capacity / traffic).");
    }),
  policy<&PolicySettings::etrace_expansion>("etrace_expansion",
    "Wider eTrace access and intelligence sharing in Mexico (Spanish eTrace, GC-Armas).",
    [](PolicyKeys& k) {
      k.real("submission", [](auto& p) -> auto& { return p.etrace_expansion.submission; }, 0.9, 0, 1, "",
             "Raises mexico.trace_submission to this (a higher rate is kept).");
      k.real("purchaser_identified", [](auto& p) -> auto& { return p.etrace_expansion.purchaser_identified; }, 0.9, 0,
             1, "", "Raises mexico.purchaser_identified to this (better records and liaison; a higher rate is kept).");
    }),
  policy<&PolicySettings::firearm_marking>("firearm_marking",
    "Marking of firearms (equipment grants) so traces succeed.",
    [](PolicyKeys& k) {
      k.real("trace_success", [](auto& p) -> auto& { return p.firearm_marking.trace_success; }, 0.95, 0, 1, "",
             "Trace success, at least, for guns first sold while the policy is in force (start to end; a higher "
             "mexico.trace_success is kept); the mark stays "
             "on the gun, so it applies whenever such a gun is traced, after the end too.");
    }),
  policy<&PolicySettings::vetting>("vetting",
    "Vetting and anti-corruption in Mexican forces.",
    [](PolicyKeys& k) {
      k.real("corruption", [](auto& p) -> auto& { return p.vetting.corruption; }, 0.05, 0, 1, "",
             "Lowers mexico.corruption to this (a lower one is kept).");
      k.real("diversion_factor", [](auto& p) -> auto& { return p.vetting.diversion_factor; }, 0.3, 0, 1, "",
             "Multiplies channels.export_diversion.");
    }),
  policy<&PolicySettings::suspend_export_licences>("suspend_export_licences",
    "Stops licensing gun exports to Mexican military and police (no exports, no diversion).",
    no_parameters),
  policy<&PolicySettings::straw_purchase_penalties>("straw_purchase_penalties",
    "Federal straw-purchase and trafficking offences with longer sentences (18 U.S.C. 932-933, 2022): "
    "fewer people agree to be recruited as straw buyers.",
    [](PolicyKeys& k) {
      k.real("sentence_factor", [](auto& p) -> auto& { return p.straw_purchase_penalties.sentence_factor; }, 1.5, 1,
             100, "", "Expected sentence for a straw purchase relative to before (1.5: the statutory maximum from "
             "10 to 15 years; 3 against the 5-year false-records charge often used before).");
      k.real("deterrence_elasticity", [](auto& p) -> auto& { return p.straw_purchase_penalties.deterrence_elasticity; },
             0.06, 0, 5, "", "Elasticity of the number of people willing to act as straw buyers with respect to the "
             "expected sentence: a would-be recruit declines with probability 1 - sentence_factor^-elasticity "
             "(severity deters little: 0.05-0.06 in most estimates, up to 0.74; docs/ODD.md).");
    }),
};
// clang-format on

/// Reaches a field of a policy's window through the registry row's accessors.
template <class T>
struct WindowField {
  const PolicyDecl* decl;
  T PolicyWindow::*field;
  T& operator()(Settings& s) const { return decl->mutable_window(s.policies).*field; }
  const T& operator()(const Settings& s) const { return decl->window(s.policies).*field; }
};

void add_window_keys(std::vector<SchemaEntry>& t, const PolicyDecl& d) {
  const std::string p = std::string("policies.") + d.name + ".";
  t.push_back(schema_detail::boolean(p + "enabled", WindowField<bool>{&d, &PolicyWindow::enabled}, false,
                                     std::string(d.doc) + " Set automatically when the block is written; `false` "
                                                          "switches off a block inherited from a base scenario."));
  t.push_back(schema_detail::date(p + "start", WindowField<Date>{&d, &PolicyWindow::start}, "2000-01-01",
                                  "First day the policy is in force (required when the block is written)."));
  t.push_back(schema_detail::date(p + "end", WindowField<Date>{&d, &PolicyWindow::end}, "9999-12-31",
                                  "First day it is no longer in force (exclusive); omit for open-ended."));
}
}  // namespace

namespace schema_detail {
void add_policy_keys(std::vector<SchemaEntry>& t) {
  for (const PolicyDecl& d : kPolicies) {
    add_window_keys(t, d);
    PolicyKeys keys(t, std::string("policies.") + d.name + ".");
    d.parameters(keys);
  }
}
}  // namespace schema_detail

const std::vector<PolicyInfo>& policy_registry() {
  static const std::vector<PolicyInfo> registry = [] {
    std::vector<PolicyInfo> out;
    for (const PolicyDecl& d : kPolicies) {
      std::vector<SchemaEntry> keys;
      const std::string prefix = std::string("policies.") + d.name + ".";
      PolicyKeys adder(keys, prefix);
      d.parameters(adder);
      PolicyInfo info{d.name, d.doc, d.window, d.mutable_window, {}};
      for (const SchemaEntry& e : keys) info.parameters.push_back(e.path.substr(prefix.size()));
      out.push_back(std::move(info));
    }
    return out;
  }();
  return registry;
}

const PolicyInfo* find_policy(const std::string& name) {
  for (const PolicyInfo& p : policy_registry())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace gunflow
