// policy_settings.hpp: a policy window is in force from its start up to, not including, its end.
#include <catch2/catch.hpp>

#include "gunflow/scenario/policy_settings.hpp"

using namespace gunflow;

TEST_CASE("PolicyWindow::active: enabled, on or after the start, before the end", "[scenario][policy_settings]") {
  PolicyWindow w;
  w.start = Date::from_ymd(2011, 3, 1);
  w.end = Date::from_ymd(2012, 1, 1);
  CHECK_FALSE(w.active(Date::from_ymd(2011, 6, 1)));  // not enabled
  w.enabled = true;
  CHECK_FALSE(w.active(Date::from_ymd(2011, 2, 28)));
  CHECK(w.active(Date::from_ymd(2011, 3, 1)));
  CHECK(w.active(Date::from_ymd(2011, 12, 31)));
  CHECK_FALSE(w.active(Date::from_ymd(2012, 1, 1)));  // the end is exclusive
}

TEST_CASE("PolicyWindow::active: an empty window is never in force", "[scenario][policy_settings]") {
  PolicyWindow w;
  w.enabled = true;
  w.start = w.end = Date::from_ymd(2011, 3, 1);
  CHECK_FALSE(w.active(w.start));
}

TEST_CASE("every policy is off unless a scenario switches it on", "[scenario][policy_settings]") {
  const PolicySettings p;
  const PolicyWindow* windows[] = {&p.multiple_rifle_reporting, &p.bmg50_ban, &p.assault_weapons_ban,
                                   &p.import_ban_enforcement, &p.atf_capacity, &p.dealer_compliance,
                                   &p.universal_background_checks, &p.bulk_ammunition_reporting, &p.kit_controls,
                                   &p.southbound_inspection, &p.etrace_expansion, &p.firearm_marking, &p.vetting,
                                   &p.suspend_export_licences};
  for (const PolicyWindow* w : windows) CHECK_FALSE(w->enabled);
}
