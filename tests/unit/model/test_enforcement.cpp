// enforcement.hpp: investigations that succeed and dismantle networks, through short
// Model::run replications.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;
using test::kSeed;
using test::total;

namespace {
// Many agents, one-day investigations that always end in an arrest.
Settings certain_cases(double disruption) {
  Settings s = test::short_settings();
  s.enforcement.case_success = 1.0;
  s.enforcement.network_disruption = disruption;
  s.enforcement.investigators = 1e4;
  s.enforcement.investigation_days = 1.0;
  return s;
}
}  // namespace

TEST_CASE("Successful, disruptive cases dismantle networks", "[model][enforcement]") {
  const Model model(certain_cases(1.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads") > 0);
  CHECK(total(model, r, "leads_investigated") > 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "arrests") == total(model, r, "cases"));  // case_success = 1
  CHECK(total(model, r, "networks_disrupted") > 0);
  CHECK(total(model, r, "networks_disrupted") <= total(model, r, "cases"));
}

TEST_CASE("Cases that never disrupt leave every network in place", "[model][enforcement]") {
  const Model model(certain_cases(0.0));
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "cases") > 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
  CHECK(total(model, r, "us_investigation_seizures") == 0);
}

TEST_CASE("No investigators: no cases", "[model][enforcement]") {
  Settings s = test::short_settings();
  s.enforcement.investigators = 0.0;
  const Model model(s);
  const ReplicationResult r = model.run(kSeed, 0);
  CHECK(total(model, r, "leads_investigated") == 0);
  CHECK(total(model, r, "cases") == 0);
  CHECK(total(model, r, "networks_disrupted") == 0);
}

TEST_CASE("Routine leads past their shelf life do not pile up behind priority ones", "[model][enforcement]") {
  // With few investigators, priority leads (traces, refusals) keep the routine queue
  // (multiple-sale reports) waiting; its expired leads are dropped each day, so it holds
  // about a year of leads, in creation order, instead of every report of the run.
  Settings s = test::short_settings(900);
  s.enforcement.investigators = 2;
  test::SteppedReplication run(s);
  const ReplicationState& st = run.st;
  std::size_t most = 0;
  for (Date d = s.simulation.start; d < s.simulation.end; d = d + 1) {
    run.step(d);
    most = std::max(most, st.routine_leads.size());
    if (!st.routine_leads.empty()) REQUIRE(d.days() - st.routine_leads.front().created_day <= 365);
    for (std::size_t i = 1; i < st.routine_leads.size(); i += 97)
      REQUIRE(st.routine_leads[i - 1].created_day <= st.routine_leads[i].created_day);
  }
  // 900 days of reports were filed; about a year's may remain (without the pruning,
  // nearly all of them would: two investigators rarely get past the priority leads).
  const double reports = run.values.row(static_cast<Eigen::Index>(run.rows.multiple_sale_reports)).sum();
  CHECK(most > 1000);
  CHECK(static_cast<double>(st.routine_leads.size()) < 0.6 * reports);
}
