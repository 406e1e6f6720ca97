#pragma once
// The 14 policies of MODEL.md and the 2022 straw-purchase offences, each a dated, scoped
// block under `policies:`. Writing a block switches it on (its `enabled` becomes true
// unless the block says otherwise); `start` is then required and `end` is optional
// (open-ended).
//
// Each policy is declared once, in the registry (scenario/schema_policies.hpp), which
// holds its keys, defaults, ranges and docs. The structs below carry no default member
// initialisers on purpose: defaults live only in the schema, so a value-initialised
// struct reads as zeros and cannot silently disagree with it (default_settings() or a
// loaded scenario gives the documented defaults).
#include <cstdint>
#include <string>
#include <vector>

#include "gunflow/core/date.hpp"

namespace gunflow {

struct PolicyWindow {
  bool enabled;
  Date start;
  Date end;  ///< exclusive; 9999-12-31 when open-ended
  [[nodiscard]] bool active(Date d) const { return enabled && start <= d && d < end; }
};

/// Reporting of multiple sales of listed rifle classes (Form 3310.12, 2011).
struct MultipleRifleReporting : PolicyWindow {
  std::vector<std::string> states;
  std::vector<std::string> classes;
  std::int64_t threshold;  ///< guns of listed classes that trigger a report
  std::int64_t window_business_days;
};

/// A ban on new retail sales of a class in some states.
struct SalesBan : PolicyWindow {
  std::vector<std::string> states;
  double substitution;  ///< share of blocked orders switched to another class instead of another state
};

struct AssaultWeaponsBan : SalesBan {
  bool grandfathering;        ///< existing guns may still be resold
  double resale_decay_years;  ///< e-folding life of the grandfathered second-hand supply
  double compliant_share;     ///< share of the banned classes' demand that variants legal under the ban meet
};

struct ImportBanEnforcement : PolicyWindow {
  double share_blocked;  ///< share of imported AK-type rifles kept off the market
};

struct AtfCapacity : PolicyWindow {
  double extra_investigators;
};

struct DealerCompliance : PolicyWindow {
  double extra_inspections_per_year;
  double revocation_probability;
};

struct UniversalBackgroundChecks : PolicyWindow {
  std::vector<std::string> states;
};

struct BulkAmmunitionReporting : PolicyWindow {
  double flag_probability;  ///< per acquisition trip, a bulk ammunition purchase is flagged
};

struct KitControls : PolicyWindow {
  double share_blocked;     ///< kit orders that can no longer be filled
  double serialized_share;  ///< kits sold with a serial (traceable) after the start
};

struct SouthboundInspection : PolicyWindow {
  std::vector<std::string> crossings;  ///< port ids from the crossings table
  double rate;                         ///< share of southbound vehicles inspected there
};

struct EtraceExpansion : PolicyWindow {
  double submission;
  double purchaser_identified;
};

struct FirearmMarking : PolicyWindow {
  double trace_success;  ///< for guns first sold after the start
};

struct Vetting : PolicyWindow {
  double corruption;
  double diversion_factor;  ///< export diversion is multiplied by this
};

struct SuspendExportLicences : PolicyWindow {};

struct StrawPurchasePenalties : PolicyWindow {
  double sentence_factor;        ///< expected sentence for a straw purchase, relative to before
  double deterrence_elasticity;  ///< elasticity of willing recruits with respect to the sentence
};

struct PolicySettings {
  MultipleRifleReporting multiple_rifle_reporting;
  SalesBan bmg50_ban;
  AssaultWeaponsBan assault_weapons_ban;
  ImportBanEnforcement import_ban_enforcement;
  AtfCapacity atf_capacity;
  DealerCompliance dealer_compliance;
  UniversalBackgroundChecks universal_background_checks;
  BulkAmmunitionReporting bulk_ammunition_reporting;
  KitControls kit_controls;
  SouthboundInspection southbound_inspection;
  EtraceExpansion etrace_expansion;
  FirearmMarking firearm_marking;
  Vetting vetting;
  SuspendExportLicences suspend_export_licences;
  StrawPurchasePenalties straw_purchase_penalties;
};

}  // namespace gunflow
