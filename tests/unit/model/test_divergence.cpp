// divergence.hpp: the first day two scenarios' runs can part, which `compare` simulates
// once for every arm that shares it.
#include <catch2/catch.hpp>

#include "gunflow/model/divergence.hpp"
#include "gunflow/scenario/schema_policies.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

/// Switches policy `name` on from `start` (open-ended).
void enable(Settings& s, const std::string& name, Date start) {
  PolicyWindow& w = find_policy(name)->mutable_window(s.policies);
  w.enabled = true;
  w.start = start;
}
}  // namespace

TEST_CASE("policies_part: the first day a differing policy is in force", "[model][divergence]") {
  const Settings base = test::baseline_settings();
  CHECK(policies_part(base, base) == base.simulation.end);  // nothing differs

  Settings renamed = base;
  renamed.simulation.name = "other";
  renamed.simulation.description = "another text";
  CHECK(policies_part(base, renamed) == base.simulation.end);

  Settings arm = base;
  enable(arm, "kit_controls", ymd(2011, 1, 1));
  CHECK(policies_part(base, arm) == ymd(2011, 1, 1));
  CHECK(policies_part(arm, base) == ymd(2011, 1, 1));  // either way round
  enable(arm, "multiple_rifle_reporting", ymd(2011, 8, 14));
  CHECK(policies_part(base, arm) == ymd(2011, 1, 1));  // the earliest

  // Both in force from the same day, with other parameters: that day.
  Settings stronger = base;
  enable(stronger, "kit_controls", ymd(2011, 1, 1));
  stronger.policies.kit_controls.share_blocked = 0.9;
  Settings weaker = stronger;
  weaker.policies.kit_controls.share_blocked = 0.2;
  CHECK(policies_part(stronger, weaker) == ymd(2011, 1, 1));

  // Other parameters in a block switched off change nothing.
  Settings off = base;
  off.policies.kit_controls.share_blocked = base.policies.kit_controls.share_blocked + 0.1;
  CHECK(policies_part(base, off) == base.simulation.end);
}

TEST_CASE("policies_part: windows that differ only in their dates part where one is in force alone",
          "[model][divergence]") {
  Settings kept = test::baseline_settings();
  kept.simulation.start = ymd(1995, 1, 1);
  kept.simulation.end = ymd(2013, 1, 1);
  enable(kept, "assault_weapons_ban", ymd(1994, 9, 13));
  Settings expired = kept;
  expired.policies.assault_weapons_ban.end = ymd(2004, 9, 13);
  CHECK(policies_part(kept, expired) == ymd(2004, 9, 13));
  Settings later = kept;
  later.policies.assault_weapons_ban.start = ymd(1996, 1, 1);
  CHECK(policies_part(kept, later) == ymd(1994, 9, 13));  // before the run: nothing is shared
}

TEST_CASE("policies_part: anything else that differs is not a policy's doing", "[model][divergence]") {
  const Settings base = test::baseline_settings();
  Settings other = base;
  other.border.inspection_rate = base.border.inspection_rate * 2;
  CHECK_FALSE(policies_part(base, other).has_value());
  Settings seeded = base;
  enable(seeded, "kit_controls", ymd(2011, 1, 1));
  seeded.traffickers.count = base.traffickers.count + 1;
  CHECK_FALSE(policies_part(base, seeded).has_value());
}

TEST_CASE("divergence_day: a policy that changes the recovery chances ahead parts from the first day",
          "[model][divergence]") {
  Settings base = test::short_settings(60);
  base.simulation.warmup_days = 10;
  const Date first = base.simulation.start + (-10);
  const Date mid = base.simulation.start + 30;
  const Model base_model(base);

  Settings kits = base;
  enable(kits, "kit_controls", mid);
  CHECK(divergence_day(base_model, Model(kits)) == mid);

  // A gun's recovery day is drawn on arrival from every day's chance to the end, so
  // vetting (less corruption, more recoveries) changes fates drawn before it starts.
  Settings vetting = base;
  enable(vetting, "vetting", mid);
  CHECK(policies_part(base, vetting) == mid);
  CHECK(divergence_day(base_model, Model(vetting)) == first);

  // A policy in force before the run starts: nothing is shared.
  Settings early = base;
  enable(early, "kit_controls", first + (-100));
  CHECK(divergence_day(base_model, Model(early)) == first);

  Settings other = base;
  other.border.inspection_rate = base.border.inspection_rate * 2;
  CHECK_FALSE(divergence_day(base_model, Model(other)).has_value());
}
