#include "gunflow/model/policies.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/core/power.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/model/world.hpp"

namespace gunflow {
namespace {
std::vector<std::uint8_t> state_mask(const World& w, const std::vector<std::string>& codes) {
  std::vector<std::uint8_t> mask(w.states.size(), 0);
  for (const std::string& c : codes)
    if (const int i = w.state_index(c); i >= 0) mask[static_cast<std::size_t>(i)] = 1;
  return mask;
}
bool in(const std::vector<std::uint8_t>& mask, int i) { return mask[static_cast<std::size_t>(i)] != 0; }
bool assault_weapon(FirearmClass c) { return c == FirearmClass::kAr || c == FirearmClass::kAk; }
const PolicySettings& policies(const StepContext& ctx) { return ctx.settings.policies; }
}  // namespace

PolicyScopes resolve_policy_scopes(const World& w, const Settings& s) {
  const PolicySettings& p = s.policies;
  PolicyScopes out;
  out.rifle_reporting_states = state_mask(w, p.multiple_rifle_reporting.states);
  out.bmg50_states = state_mask(w, p.bmg50_ban.states);
  out.awb_states = state_mask(w, p.assault_weapons_ban.states);
  out.ubc_states = state_mask(w, p.universal_background_checks.states);
  out.inspected_crossings.assign(w.crossings.size(), 0);
  for (std::size_t c = 0; c < w.crossings.size(); ++c) {
    const auto& ids = p.southbound_inspection.crossings;
    const bool listed = std::find(ids.begin(), ids.end(), w.crossings[c].id) != ids.end();
    out.inspected_crossings[c] = w.crossings[c].official && (ids.empty() || listed);
  }
  out.reportable_rifle_classes.assign(kNumClasses, 0);
  for (std::size_t c = 0; c < kNumClasses; ++c)
    for (const std::string& name : p.multiple_rifle_reporting.classes)
      if (name == kClassNames[c]) out.reportable_rifle_classes[c] = 1;
  return out;
}

const SalesBan* blocking_ban(const StepContext& ctx, int state, FirearmClass cls) {
  const PolicySettings& p = policies(ctx);
  const PolicyScopes& scope = ctx.world.scopes;
  if (cls == FirearmClass::kBmg50 && p.bmg50_ban.active(ctx.date) && in(scope.bmg50_states, state)) return &p.bmg50_ban;
  if (assault_weapon(cls) && p.assault_weapons_ban.active(ctx.date) && in(scope.awb_states, state))
    return &p.assault_weapons_ban;
  return nullptr;
}

bool state_law_bans(const StepContext& ctx, int state, FirearmClass cls) {
  const UsStateInfo& law = ctx.world.states[static_cast<std::size_t>(state)];
  return (cls == FirearmClass::kBmg50 && law.in_force(StateLaw::kBmg50Ban, ctx.date)) ||
         (assault_weapon(cls) && law.in_force(StateLaw::kAssaultWeaponsBan, ctx.date));
}

double state_law_retail_share(const StepContext& ctx, int state, FirearmClass cls) {
  if (!state_law_bans(ctx, state, cls)) return 1.0;
  return assault_weapon(cls) ? ctx.settings.market.awb_compliant_share : 0.0;
}

double compliant_share(const StepContext& ctx, const SalesBan& ban) {
  const AssaultWeaponsBan& awb = policies(ctx).assault_weapons_ban;
  return &ban == &awb ? awb.compliant_share : 0.0;
}

double retail_share(const StepContext& ctx, int state, FirearmClass cls) {
  const double by_state = state_law_retail_share(ctx, state, cls);
  const SalesBan* ban = blocking_ban(ctx, state, cls);
  return ban == nullptr ? by_state : std::min(by_state, compliant_share(ctx, *ban));
}

bool retail_sale_allowed(const StepContext& ctx, int state, FirearmClass cls) {
  return retail_share(ctx, state, cls) > 0;
}

bool private_sales_checked(const StepContext& ctx, int state) {
  if (ctx.world.states[static_cast<std::size_t>(state)].in_force(StateLaw::kPrivateSaleChecks, ctx.date)) return true;
  const auto& ubc = policies(ctx).universal_background_checks;
  return ubc.active(ctx.date) && in(ctx.world.scopes.ubc_states, state);
}

ReportingRule reporting_rule(const StepContext& ctx, int state, FirearmClass cls) {
  // Federal law since 1975: two or more handguns within five business days (Form 3310.4).
  if (cls == FirearmClass::kHandgun) return {2, 5};
  const auto& mr = policies(ctx).multiple_rifle_reporting;
  if (mr.active(ctx.date) && in(ctx.world.scopes.rifle_reporting_states, state) &&
      ctx.world.scopes.reportable_rifle_classes[index_of(cls)])
    return {static_cast<int>(mr.threshold), static_cast<int>(mr.window_business_days)};
  return {};
}

double straw_recruit_declines(const StepContext& ctx) {
  // Deterrence by severity: willing recruits scale as sentence^-elasticity (docs/ODD.md 7.17).
  const auto& p = policies(ctx).straw_purchase_penalties;
  if (!p.active(ctx.date)) return 0.0;
  return 1.0 - power(p.sentence_factor, -p.deterrence_elasticity);
}

double investigators(const StepContext& ctx) {
  const auto& p = policies(ctx).atf_capacity;
  return ctx.settings.enforcement.investigators + (p.active(ctx.date) ? p.extra_investigators : 0.0);
}

double inspections_per_year(const StepContext& ctx) {
  const auto& p = policies(ctx).dealer_compliance;
  return ctx.settings.enforcement.inspections_per_year + (p.active(ctx.date) ? p.extra_inspections_per_year : 0.0);
}

double revocation_probability(const StepContext& ctx) {
  const auto& p = policies(ctx).dealer_compliance;
  // A policy that strengthens enforcement never weakens it: a scenario (or a parameter set
  // of an ensemble) whose own rate is higher keeps it, as southbound inspection does below.
  const double base = ctx.settings.enforcement.revocation_probability;
  return p.active(ctx.date) ? std::max(base, p.revocation_probability) : base;
}

double port_inspection_rate(const StepContext& ctx, int crossing) {
  const auto& p = policies(ctx).southbound_inspection;
  const double base = ctx.settings.border.inspection_rate;
  if (p.active(ctx.date) && in(ctx.world.scopes.inspected_crossings, crossing)) return std::max(base, p.rate);
  return base;
}

double trace_submission(const StepContext& ctx) {
  const auto& p = policies(ctx).etrace_expansion;
  const double base = ctx.settings.mexico.trace_submission;
  return p.active(ctx.date) ? std::max(base, p.submission) : base;  // raises, never lowers
}

double purchaser_identified(const StepContext& ctx) {
  const auto& p = policies(ctx).etrace_expansion;
  const double base = ctx.settings.mexico.purchaser_identified;
  return p.active(ctx.date) ? std::max(base, p.purchaser_identified) : base;  // raises, never lowers
}

double trace_success(const StepContext& ctx, std::int32_t purchase_day) {
  const auto& p = policies(ctx).firearm_marking;
  // Marking applies to guns made or imported while it is in force, not to the existing
  // stock; a mark stays on the gun after the programme ends.
  const double base = ctx.settings.mexico.trace_success;
  if (p.enabled && purchase_day >= p.start.days() && purchase_day < p.end.days())
    return std::max(base, p.trace_success);
  return base;
}

double mexican_corruption(const StepContext& ctx) {
  const auto& p = policies(ctx).vetting;
  const double base = ctx.settings.mexico.corruption;
  return p.active(ctx.date) ? std::min(base, p.corruption) : base;  // lowers, never raises
}

double diverted_exports_per_year(const StepContext& ctx) {
  const PolicySettings& p = policies(ctx);
  if (p.suspend_export_licences.active(ctx.date)) return 0.0;
  double diversion = ctx.settings.channels.export_diversion;
  if (p.vetting.active(ctx.date)) diversion *= p.vetting.diversion_factor;
  return ctx.settings.channels.legal_exports_per_year * diversion;
}

}  // namespace gunflow
