// policy_settings.hpp: a policy window is in force from its start up to, not including, its end.
#include <catch2/catch.hpp>

#include "gunflow/scenario/policy_settings.hpp"

using namespace gunflow;

TEST_CASE("PolicyWindow::active: enabled, on or after the start, before the end", "[scenario][policy_settings]") {
  PolicyWindow w{};  // value-initialised: the struct has no defaults of its own (they live in the schema)
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
  PolicyWindow w{};  // value-initialised: the struct has no defaults of its own (they live in the schema)
  w.enabled = true;
  w.start = w.end = Date::from_ymd(2011, 3, 1);
  CHECK_FALSE(w.active(w.start));
}
