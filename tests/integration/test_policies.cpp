// One test per policy (issue 4): loaded from its scenario file, run against the
// baseline under common random numbers, the policy moves its own mechanism in the
// expected direction once in force, and changes nothing at all before its start.
// Runs are shortened to 2010–2011 (policies start in 2011) with a 120-day warm-up;
// two paired replications are summed.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;

namespace {
constexpr std::uint64_t kSeed = 777;
constexpr int kReps = 2;

Settings shortened(const std::string& file) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2012, 1, 1);
  s.simulation.warmup_days = 120;
  return s;
}

struct Runs {
  Model model;
  Eigen::ArrayXXd sum;  // values summed over the paired replications
  std::vector<ReplicationResult> reps;
  explicit Runs(const Settings& s) : model(s) {
    for (int r = 0; r < kReps; ++r) reps.push_back(model.run(kSeed, static_cast<std::uint64_t>(r)));
    sum = reps[0].values;
    for (int r = 1; r < kReps; ++r) sum += reps[static_cast<std::size_t>(r)].values;
  }
  /// Summed value of a series in 2010 (year 0) or 2011 (year 1).
  double at(const std::string& metric, const std::string& key, int year) const {
    return sum(static_cast<Eigen::Index>(model.layout().index(metric, key)), year);
  }
  double at(const std::string& metric, int year) const { return at(metric, "", year); }
};

const Runs& baseline() {
  static const Runs runs(shortened("baseline.yaml"));
  return runs;
}

/// Before the start date nothing may differ: every series of 2010 is bit-identical.
void check_nothing_before_start(const Runs& policy) {
  for (int r = 0; r < kReps; ++r)
    CHECK((policy.reps[static_cast<std::size_t>(r)].values.col(0) ==
           baseline().reps[static_cast<std::size_t>(r)].values.col(0)).all());
}
}  // namespace

TEST_CASE("multiple rifle reporting files reports on rifles in the border states", "[policy]") {
  const Runs p(shortened("policies/multiple_rifle_reporting.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("multiple_sale_reports", 1) > baseline().at("multiple_sale_reports", 1));
  CHECK(p.at("leads", 1) > baseline().at("leads", 1));
}

TEST_CASE(".50 BMG ban: no .50 rifles bought after the start", "[policy]") {
  const Runs p(shortened("policies/bmg50_ban.yaml"));
  check_nothing_before_start(p);
  REQUIRE(baseline().at("guns_trafficked_by_class", "bmg50", 1) > 0);
  CHECK(p.at("guns_trafficked_by_class", "bmg50", 1) == 0);
  // Substitution: part of the .50 orders become AR-type orders.
  CHECK(p.at("guns_trafficked_by_class", "ar_rifle", 1) > baseline().at("guns_trafficked_by_class", "ar_rifle", 1));
}

TEST_CASE("assault-weapons ban: fewer AR/AK rifles, more other long guns", "[policy]") {
  const Runs p(shortened("policies/assault_weapons_ban.yaml"));
  check_nothing_before_start(p);
  const auto aw = [](const Runs& r) {
    return r.at("guns_trafficked_by_class", "ar_rifle", 1) + r.at("guns_trafficked_by_class", "ak_rifle", 1);
  };
  CHECK(aw(p) < 0.7 * aw(baseline()));
  CHECK(aw(p) > 0);  // grandfathered rifles still resold
  CHECK(p.at("guns_trafficked_by_class", "other_long", 1) > baseline().at("guns_trafficked_by_class", "other_long", 1));
}

TEST_CASE("import ban enforcement: AK-type orders turn into AR-type", "[policy]") {
  const Runs p(shortened("policies/import_ban_enforcement.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("guns_trafficked_by_class", "ak_rifle", 1) < 0.5 * baseline().at("guns_trafficked_by_class", "ak_rifle", 1));
  CHECK(p.at("guns_trafficked_by_class", "ar_rifle", 1) > baseline().at("guns_trafficked_by_class", "ar_rifle", 1));
}

TEST_CASE("ATF capacity: more leads investigated, more arrests", "[policy]") {
  const Runs p(shortened("policies/atf_capacity.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("leads_investigated", 1) > 1.3 * baseline().at("leads_investigated", 1));
  CHECK(p.at("arrests", 1) > baseline().at("arrests", 1));
}

TEST_CASE("dealer compliance: more inspections and revocations", "[policy]") {
  const Runs p(shortened("policies/dealer_compliance.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("dealer_inspections", 1) > 1.8 * baseline().at("dealer_inspections", 1));
  CHECK(p.at("dealer_revocations", 1) > baseline().at("dealer_revocations", 1));
}

TEST_CASE("universal background checks: less from unlicensed sellers", "[policy]") {
  const Runs p(shortened("policies/universal_background_checks.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("guns_trafficked_by_channel", "unlicensed", 1) <
        0.8 * baseline().at("guns_trafficked_by_channel", "unlicensed", 1));
  CHECK(p.at("guns_trafficked_by_channel", "straw", 1) > baseline().at("guns_trafficked_by_channel", "straw", 1));
}

TEST_CASE("bulk ammunition reporting: flags become leads", "[policy]") {
  const Runs p(shortened("policies/bulk_ammunition_reporting.yaml"));
  check_nothing_before_start(p);
  CHECK(baseline().at("ammunition_flags", 1) == 0);
  CHECK(p.at("ammunition_flags", 1) > 0);
  CHECK(p.at("leads", 1) > baseline().at("leads", 1));
}

TEST_CASE("kit controls: fewer kits", "[policy]") {
  const Runs p(shortened("policies/kit_controls.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("guns_trafficked_by_class", "kit", 1) < 0.7 * baseline().at("guns_trafficked_by_class", "kit", 1));
}

TEST_CASE("southbound inspection: more seizures, traffic shifts away from inspected ports", "[policy]") {
  const Runs p(shortened("policies/southbound_inspection.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("us_border_seizures", 1) > baseline().at("us_border_seizures", 1));
  double inspected = 0, inspected_base = 0;
  for (const char* c : {"san_ysidro", "nogales", "el_paso", "laredo", "hidalgo", "brownsville"}) {
    inspected += p.at("guns_by_crossing", c, 1);
    inspected_base += baseline().at("guns_by_crossing", c, 1);
  }
  CHECK(inspected < inspected_base);  // displacement to other crossings
}

TEST_CASE("eTrace expansion: more traces, more purchasers named", "[policy]") {
  const Runs p(shortened("policies/etrace_expansion.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("traces", 1) > 1.2 * baseline().at("traces", 1));
  CHECK(p.at("traces_purchaser_identified", 1) > baseline().at("traces_purchaser_identified", 1));
}

TEST_CASE("firearm marking: more traces reach a source state", "[policy]") {
  const Runs p(shortened("policies/firearm_marking.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("traces_source_state_known", 1) > baseline().at("traces_source_state_known", 1));
}

TEST_CASE("vetting: more recoveries, less diversion", "[policy]") {
  const Runs p(shortened("policies/vetting.yaml"));
  check_nothing_before_start(p);
  CHECK(p.at("mx_recoveries", 1) > baseline().at("mx_recoveries", 1));
  CHECK(p.at("export_guns_diverted", 1) < baseline().at("export_guns_diverted", 1));
}

TEST_CASE("suspending export licences ends diversion of exports", "[policy]") {
  const Runs p(shortened("policies/suspend_export_licences.yaml"));
  check_nothing_before_start(p);
  REQUIRE(baseline().at("export_guns_diverted", 1) > 0);
  CHECK(p.at("export_guns_diverted", 1) == 0);
}

TEST_CASE("every policy scenario file and combined.yaml validates", "[policy]") {
  for (const char* f : {"combined.yaml", "policies/multiple_rifle_reporting.yaml", "policies/bmg50_ban.yaml",
                        "policies/assault_weapons_ban.yaml", "policies/import_ban_enforcement.yaml",
                        "policies/atf_capacity.yaml", "policies/dealer_compliance.yaml",
                        "policies/universal_background_checks.yaml", "policies/bulk_ammunition_reporting.yaml",
                        "policies/kit_controls.yaml", "policies/southbound_inspection.yaml",
                        "policies/etrace_expansion.yaml", "policies/firearm_marking.yaml", "policies/vetting.yaml",
                        "policies/suspend_export_licences.yaml"}) {
    INFO(f);
    CHECK_NOTHROW(load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + f));
  }
  const Settings combined = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/combined.yaml").settings;
  CHECK(combined.policies.vetting.enabled);
  CHECK(combined.policies.southbound_inspection.crossings.size() == 6);
  CHECK_FALSE(load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings.policies.vetting.enabled);
}
