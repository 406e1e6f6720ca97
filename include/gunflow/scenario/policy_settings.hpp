#pragma once
// The 14 policies of MODEL.md, each a dated, scoped block under `policies:`. Writing a
// block switches it on (its `enabled` becomes true unless the block says otherwise);
// `start` is then required and `end` is optional (open-ended).
#include <string>
#include <vector>

#include "gunflow/core/date.hpp"

namespace gunflow {

struct PolicyWindow {
  bool enabled = false;
  Date start;
  Date end;  ///< exclusive; 9999-12-31 when open-ended
  [[nodiscard]] bool active(Date d) const { return enabled && start <= d && d < end; }
};

/// Reporting of multiple sales of listed rifle classes (Form 3310.12, 2011).
struct MultipleRifleReporting : PolicyWindow {
  std::vector<std::string> states;
  std::vector<std::string> classes;
  double threshold = 2;
  double window_business_days = 5;
};

/// A ban on new retail sales of a class in some states.
struct SalesBan : PolicyWindow {
  std::vector<std::string> states;
  double substitution = 0.5;  ///< share of blocked orders switched to another class instead of another state
};

struct AssaultWeaponsBan : SalesBan {
  bool grandfathering = true;       ///< existing guns may still be resold
  double resale_decay_years = 5;    ///< e-folding life of the grandfathered second-hand supply
};

struct ImportBanEnforcement : PolicyWindow {
  double share_blocked = 0.7;  ///< share of imported AK-type rifles kept off the market
};

struct AtfCapacity : PolicyWindow {
  double extra_investigators = 100;
};

struct DealerCompliance : PolicyWindow {
  double extra_inspections_per_year = 10000;
  double revocation_probability = 0.6;
};

struct UniversalBackgroundChecks : PolicyWindow {
  std::vector<std::string> states;
};

struct BulkAmmunitionReporting : PolicyWindow {
  double flag_probability = 0.02;  ///< per acquisition trip, a bulk ammunition purchase is flagged
};

struct KitControls : PolicyWindow {
  double share_blocked = 0.5;       ///< kit orders that can no longer be filled
  double serialized_share = 0.8;    ///< kits sold with a serial (traceable) after the start
};

struct SouthboundInspection : PolicyWindow {
  std::vector<std::string> crossings;  ///< port ids from the crossings table
  double rate = 0.1;                   ///< share of southbound vehicles inspected there
};

struct EtraceExpansion : PolicyWindow {
  double submission = 0.9;
  double purchaser_identified = 0.75;
};

struct FirearmMarking : PolicyWindow {
  double trace_success = 0.95;  ///< for guns first sold after the start
};

struct Vetting : PolicyWindow {
  double corruption = 0.05;
  double diversion_factor = 0.3;  ///< export diversion is multiplied by this
};

struct SuspendExportLicences : PolicyWindow {};

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
};

}  // namespace gunflow
