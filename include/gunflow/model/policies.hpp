#pragma once
// What the law and enforcement are on a given day: the scenario's dated, scoped policy
// blocks applied on top of 2010 state law and the baseline parameters. Submodels ask
// these questions instead of reading settings directly, so a policy acts on its
// mechanism and only while it is in force.
#include <cstdint>
#include <vector>

#include "gunflow/core/catalog.hpp"
#include "gunflow/core/date.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct World;
struct StepContext;

/// Policy scopes resolved to indices once per scenario (kept in World).
struct PolicyScopes {
  std::vector<std::uint8_t> rifle_reporting_states, bmg50_states, awb_states, ubc_states;  ///< by US state
  std::vector<std::uint8_t> inspected_crossings;                                           ///< by crossing
  std::vector<std::uint8_t> reportable_rifle_classes;                                      ///< by class
};
PolicyScopes resolve_policy_scopes(const World& world, const Settings& settings);

/// The state's own law (a 2010 flag or a dated law, data.us_state_laws) bans sales and
/// in-state transfers of `cls` on ctx's day: a .50 BMG ban or an assault-weapons ban.
bool state_law_bans(const StepContext& ctx, int state, FirearmClass cls);
/// The share of the demand for `cls` that dealers in `state` may meet under the state's
/// own law: 1 without a ban; under its assault-weapons ban, the share compliant variants
/// meet (`market.awb_compliant_share`); 0 under its .50 BMG ban.
double state_law_retail_share(const StepContext& ctx, int state, FirearmClass cls);
/// The share of the demand for `cls` that new retail sales (dealers, straw buyers, corrupt
/// dealers' stock) in `state` may meet today: 1 without a ban; under assault-weapons bans,
/// the share of their compliant variants (the smallest of the bans in force: a rifle sold
/// must pass every ban's definition); 0 under a ban without compliant variants.
double retail_share(const StepContext& ctx, int state, FirearmClass cls);
/// Some new retail sales of `cls` in `state` (retail_share > 0).
bool retail_sale_allowed(const StepContext& ctx, int state, FirearmClass cls);
/// The ban blocking retail `cls` in `state` today, or nullptr.
const SalesBan* blocking_ban(const StepContext& ctx, int state, FirearmClass cls);
/// The chance that a trip for a class `ban` (a policy ban) blocks finds a variant legal under
/// it: the assault-weapons ban's `compliant_share`, 0 for any other ban.
double compliant_share(const StepContext& ctx, const SalesBan& ban);
/// Private and gun-show sales need a background check in `state`.
bool private_sales_checked(const StepContext& ctx, int state);

/// Multiple-sale reporting of `cls` bought in `state`: the threshold and window in
/// business days, or threshold 0 when such purchases are not reported.
struct ReportingRule {
  int threshold = 0;
  int window_business_days = 0;
};
ReportingRule reporting_rule(const StepContext& ctx, int state, FirearmClass cls);

/// Probability a would-be straw buyer declines to be recruited (sentencing in force).
double straw_recruit_declines(const StepContext& ctx);

double investigators(const StepContext& ctx);
double inspections_per_year(const StepContext& ctx);
double revocation_probability(const StepContext& ctx);
/// Share of southbound vehicles inspected at port c under the policies in force.
double port_inspection_rate(const StepContext& ctx, int crossing);
double trace_submission(const StepContext& ctx);
double purchaser_identified(const StepContext& ctx);
/// Trace success for a gun first sold on `purchase_day`.
double trace_success(const StepContext& ctx, std::int32_t purchase_day);
double mexican_corruption(const StepContext& ctx);
double diverted_exports_per_year(const StepContext& ctx);

}  // namespace gunflow
