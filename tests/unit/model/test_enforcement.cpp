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

TEST_CASE("Leads past their shelf life do not pile up in the triage queue", "[model][enforcement]") {
  // With few investigators most leads are never opened; expired ones are dropped every
  // 91 days, so the queue holds at most about fifteen months of leads (365 + 91 of the
  // 900 days) instead of every report of the run.
  Settings s = test::short_settings(900);
  s.enforcement.investigators = 2;
  s.enforcement.lead_weight_multiple_sale = 1;  // every report is queued and competes
  test::SteppedReplication run(s);
  const ReplicationState& st = run.st;
  std::size_t most = 0;
  for (Date d = s.simulation.start; d < s.simulation.end; d = d + 1) {
    run.step(d);
    most = std::max(most, st.leads.size());
  }
  const double leads = run.values.row(static_cast<Eigen::Index>(run.rows.leads)).sum();
  CHECK(most > 1000);
  CHECK(static_cast<double>(st.leads.size()) < 0.6 * leads);
}

TEST_CASE("Every lead source is served at a rate that follows from its weight", "[model][enforcement]") {
  // Multiple-sale reports far outnumber the other leads; at a weight of 0 none is
  // opened, at a small weight some are, and at a weight 40 times larger more (and the
  // others fewer, for the same capacity; not 40 times more: reports then take most of it,
  // and traces naming a purchaser, many with the stock on its flows' path, compete).
  Settings s = test::short_settings(400);
  const auto opened = [&](double weight, const char* source) {
    Settings w = s;
    w.enforcement.lead_weight_multiple_sale = weight;
    const Model model(w);
    return total(model, model.run(kSeed, 0), "leads_investigated_by_source", source);
  };
  CHECK(opened(0, "multiple_sale") == 0);
  const double low = opened(0.005, "multiple_sale"), high = opened(0.2, "multiple_sale");
  CHECK(low > 0);
  CHECK(high > 1.25 * low);  // 1,171 against 802 when written
  CHECK(opened(0.2, "trace") < opened(0.005, "trace"));
}
