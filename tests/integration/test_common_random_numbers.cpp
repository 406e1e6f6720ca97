// Common random numbers: every decision has its own draws, keyed by (seed, purpose,
// replication, entity, day, decision), so
//   (a) a policy in force whose parameters change nothing gives byte-identical outputs
//       to the baseline (switching a mechanism on costs no draw anywhere else), and
//   (b) a policy in force leaves the draws of the mechanisms it does not act on
//       untouched: the initial stock's recoveries, the violence noise, the foreign and
//       export inflows.
// Both are checked for every policy in the registry; a registered policy without a
// neutral form here fails the test.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <string>

#include "gunflow/model/simulation.hpp"
#include "gunflow/model/step_context.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema_policies.hpp"

using namespace gunflow;

namespace {
constexpr std::uint64_t kSeed = 42;

/// A year of 2010 after a 30-day warm-up (short, but every mechanism acts).
void shorten(Settings& s) {
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2011, 1, 1);
  s.simulation.warmup_days = 30;
}
Settings short_baseline() {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings;
  shorten(s);
  return s;
}
/// The policy's example scenario, in force from the first day of the run.
Settings in_force(const PolicyInfo& policy) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/policies/" + policy.name + ".yaml").settings;
  shorten(s);
  PolicyWindow& w = policy.mutable_window(s.policies);
  w.start = s.simulation.start + static_cast<std::int32_t>(-s.simulation.warmup_days);
  w.end = Date::from_ymd(9999, 12, 31);
  return s;
}

/// How to make each policy change nothing while in force: its parameters set to what
/// the baseline already does (and, where a policy has no parameter, the baseline moved
/// to where the policy is a no-op).
using Neutralise = std::function<void(Settings& base, Settings& policy)>;
const std::map<std::string, Neutralise>& neutral_forms() {
  static const std::map<std::string, Neutralise> forms = {
      {"multiple_rifle_reporting", [](Settings&, Settings& p) { p.policies.multiple_rifle_reporting.states.clear(); }},
      {"bmg50_ban", [](Settings&, Settings& p) { p.policies.bmg50_ban.states.clear(); }},
      {"assault_weapons_ban", [](Settings&, Settings& p) { p.policies.assault_weapons_ban.states.clear(); }},
      {"import_ban_enforcement", [](Settings&, Settings& p) { p.policies.import_ban_enforcement.share_blocked = 0; }},
      {"atf_capacity", [](Settings&, Settings& p) { p.policies.atf_capacity.extra_investigators = 0; }},
      {"dealer_compliance",
       [](Settings& b, Settings& p) {
         p.policies.dealer_compliance.extra_inspections_per_year = 0;
         p.policies.dealer_compliance.revocation_probability = b.enforcement.revocation_probability;
       }},
      {"universal_background_checks", [](Settings&, Settings& p) { p.policies.universal_background_checks.states.clear(); }},
      {"bulk_ammunition_reporting", [](Settings&, Settings& p) { p.policies.bulk_ammunition_reporting.flag_probability = 0; }},
      {"kit_controls",
       [](Settings&, Settings& p) {
         p.policies.kit_controls.share_blocked = 0;
         p.policies.kit_controls.serialized_share = 0;
       }},
      {"southbound_inspection", [](Settings& b, Settings& p) { p.policies.southbound_inspection.rate = b.border.inspection_rate; }},
      {"etrace_expansion",
       [](Settings& b, Settings& p) {
         p.policies.etrace_expansion.submission = b.mexico.trace_submission;
         p.policies.etrace_expansion.purchaser_identified = b.mexico.purchaser_identified;
       }},
      {"firearm_marking", [](Settings& b, Settings& p) { p.policies.firearm_marking.trace_success = b.mexico.trace_success; }},
      {"vetting",
       [](Settings& b, Settings& p) {
         p.policies.vetting.corruption = b.mexico.corruption;
         p.policies.vetting.diversion_factor = 1.0;
       }},
      // No parameter: neutral where there is nothing to suspend.
      {"suspend_export_licences",
       [](Settings& b, Settings& p) {
         b.channels.export_diversion = 0;
         p.channels.export_diversion = 0;
       }},
  };
  return forms;
}

Eigen::ArrayXXd series(const Model& m, const ReplicationResult& r, const std::string& metric) {
  const auto& all = m.layout().series();
  Eigen::ArrayXXd out(0, r.values.cols());
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].metric == metric) {
      out.conservativeResize(out.rows() + 1, Eigen::NoChange);
      out.row(out.rows() - 1) = r.values.row(static_cast<Eigen::Index>(i));
    }
  REQUIRE(out.rows() > 0);
  return out;
}

/// Guns of the initial stock recovered in each region on each day of the run, worked
/// out from the arsenals as Model::start leaves them (their fates are drawn on arrival).
std::vector<std::int64_t> initial_stock_recoveries(const Model& m) {
  Replication rep = m.start(kSeed, 0);
  std::vector<std::int64_t> per_day;
  std::vector<Lot> recovered;
  const Date end = m.settings().simulation.end;
  for (std::size_t r = 0; r < rep.state.arsenals.size(); ++r) {
    if (m.world().regions[r].onward) continue;
    Arsenal& a = rep.state.arsenals[r];
    Rng attrition(kSeed, StreamId::kSelfTest, 0, 0, 0);  // the same in both runs
    for (Date d = rep.first_day; d < end; d = d + 1) {
      a.settle(d.days(), recovered, attrition);
      std::int64_t n = 0;
      for (const Lot& lot : recovered) n += lot.count;
      per_day.push_back(n);
    }
  }
  return per_day;
}
}  // namespace

TEST_CASE("Every registered policy has a neutral form here", "[crn]") {
  for (const PolicyInfo& policy : policy_registry()) {
    INFO(policy.name);
    CHECK(neutral_forms().count(policy.name) == 1);
  }
  CHECK(neutral_forms().size() == policy_registry().size());
}

TEST_CASE("A policy in force that changes nothing gives byte-identical outputs", "[crn][policy]") {
  for (const PolicyInfo& policy : policy_registry()) {
    DYNAMIC_SECTION(policy.name) {
      REQUIRE(neutral_forms().count(policy.name) == 1);
      Settings base = short_baseline();
      Settings with = in_force(policy);
      neutral_forms().at(policy.name)(base, with);
      REQUIRE(policy.window(with.policies).active(with.simulation.start));
      const Model mb(base), mp(with);
      const ReplicationResult rb = mb.run(kSeed, 3), rp = mp.run(kSeed, 3);
      CHECK((rb.values == rp.values).all());
    }
  }
}

TEST_CASE("A policy in force leaves the draws of mechanisms it does not touch identical", "[crn][policy]") {
  // Violence reads the armed stock; with its elasticity at 0 the homicides are its draws
  // alone (pow(x, 0) is exactly 1), so they must not move under any policy.
  Settings base = short_baseline();
  base.violence.stock_elasticity = 0;
  const Model mb(base);
  const ReplicationResult rb = mb.run(kSeed, 1);
  const std::vector<std::int64_t> base_recoveries = initial_stock_recoveries(mb);
  for (const PolicyInfo& policy : policy_registry()) {
    DYNAMIC_SECTION(policy.name) {
      Settings with = in_force(policy);
      with.violence.stock_elasticity = 0;
      const Model mp(with);
      const ReplicationResult rp = mp.run(kSeed, 1);
      CHECK((series(mb, rb, "homicides_by_region") == series(mp, rp, "homicides_by_region")).all());
      CHECK((series(mb, rb, "foreign_guns_inflow") == series(mp, rp, "foreign_guns_inflow")).all());
      // Vetting and the licence suspension act on exports; vetting on recoveries too.
      if (policy.name != "vetting" && policy.name != "suspend_export_licences")
        CHECK((series(mb, rb, "export_guns_diverted") == series(mp, rp, "export_guns_diverted")).all());
      if (policy.name != "vetting") CHECK(initial_stock_recoveries(mp) == base_recoveries);
      // The policy does act: something in the outputs moved.
      CHECK_FALSE((rb.values == rp.values).all());
    }
  }
}

TEST_CASE("A change to homicide substitution leaves the trafficking draws identical", "[crn]") {
  Settings a = short_baseline();
  Settings b = a;
  b.violence.substitution = 0.9;  // acts only on non-firearm homicides
  const Model ma(a), mb(b);
  for (std::uint64_t rep : {0u, 7u}) {
    const ReplicationResult ra = ma.run(42, rep), rb = mb.run(42, rep);
    CHECK((series(ma, ra, "guns_trafficked") == series(mb, rb, "guns_trafficked")).all());
    CHECK((series(ma, ra, "traces") == series(mb, rb, "traces")).all());
    CHECK((series(ma, ra, "homicides_firearm") == series(mb, rb, "homicides_firearm")).all());
  }
}

TEST_CASE("A scenario's name does not enter the random streams", "[crn]") {
  Settings a = short_baseline();
  Settings b = a;
  b.simulation.name = "renamed";
  const Model ma(a), mb(b);
  CHECK((ma.run(5, 3).values == mb.run(5, 3).values).all());
}

TEST_CASE("Raising southbound inspection raises seizures while purchases stay paired", "[crn]") {
  Settings a = short_baseline();
  a.simulation.end = Date::from_ymd(2010, 7, 1);
  a.traffickers.initial_budget = 1e9;  // seized loads cost revenue; keep budgets from binding here
  Settings b = a;
  // Both ports and unofficial crossings, or traffic simply moves to the unofficial ones.
  b.border.inspection_rate = 0.5;
  b.border.unofficial_detection = 0.5;
  const Model ma(a), mb(b);
  const ReplicationResult ra = ma.run(9, 0), rb = mb.run(9, 0);
  const auto total = [](const Model& m, const ReplicationResult& r, const char* metric) {
    return series(m, r, metric).sum();
  };
  CHECK(total(mb, rb, "us_border_seizures") > 5 * total(ma, ra, "us_border_seizures"));
  // With budgets not binding, purchases react only through slow feedbacks (arsenal
  // size), so under common random numbers the two runs stay within 2% of each other.
  const double pa = total(ma, ra, "guns_trafficked"), pb = total(mb, rb, "guns_trafficked");
  CHECK(std::abs(pa - pb) / pa < 0.02);
}
