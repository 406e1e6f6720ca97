// shared_prefix.hpp: compare's arms continue from one copy of the days they share with
// the base, and give the bits of runs from the first day.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <memory>

#include "gunflow/engine/shared_prefix.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema_policies.hpp"

using namespace gunflow;

namespace {
/// A scenario cut to a 70-day run (10 days of warm-up) with every policy it writes moved
/// to start in the middle of the output days.
Settings cut(const std::string& file) {
  Settings s = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/" + file).settings;
  s.simulation.start = Date::from_ymd(2010, 1, 1);
  s.simulation.end = Date::from_ymd(2010, 3, 1);
  s.simulation.warmup_days = 10;
  for (const PolicyInfo& p : policy_registry()) {
    PolicyWindow& w = p.mutable_window(s.policies);
    if (w.enabled) w.start = Date::from_ymd(2010, 2, 1);
  }
  return s;
}

/// Every cell the same, bit for bit (NaN cells included).
bool same_bits(const ReplicationResult& a, const ReplicationResult& b) {
  return a.values.rows() == b.values.rows() && a.values.cols() == b.values.cols() &&
         std::memcmp(a.values.data(), b.values.data(), sizeof(double) * static_cast<std::size_t>(a.values.size())) == 0;
}
}  // namespace

TEST_CASE("SharedPrefixRunner: every shipped policy's arm gives the bits of its own run", "[engine][shared_prefix]") {
  std::vector<std::unique_ptr<Model>> owned;
  owned.push_back(std::make_unique<Model>(cut("baseline.yaml")));
  for (const auto& entry : std::filesystem::directory_iterator(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/policies"))
    owned.push_back(std::make_unique<Model>(cut("policies/" + entry.path().filename().string())));
  owned.push_back(std::make_unique<Model>(cut("combined.yaml")));
  std::vector<const Model*> models;
  for (const auto& m : owned) models.push_back(m.get());
  SharedPrefixRunner runner(models, 1);
  CHECK(runner.fork_day() == Date::from_ymd(2010, 2, 1));

  constexpr std::uint64_t kSeed = 7;
  int forked = 0;
  // Replications interleaved across arms, so the copy is rebuilt and reused.
  for (std::uint64_t rep : {0u, 1u, 0u})
    for (std::size_t arm = 0; arm < models.size(); ++arm) {
      INFO("arm " << arm << " (" << models[arm]->settings().simulation.name << "), replication " << rep);
      CHECK(same_bits(runner.run(arm, kSeed, rep), models[arm]->run(kSeed, rep)));
      forked += runner.forks(arm) ? 1 : 0;
    }
  // All but vetting and the package that includes it share the base's first days.
  CHECK(forked == 3 * (static_cast<int>(models.size()) - 2));
}

TEST_CASE("SharedPrefixRunner: arms that share nothing run from the first day", "[engine][shared_prefix]") {
  Settings base = cut("baseline.yaml");
  Settings other = base;
  other.border.inspection_rate = base.border.inspection_rate * 2;
  const Model a(base), b(other);
  SharedPrefixRunner runner({&a, &b}, 1);
  CHECK_FALSE(runner.forks(0));
  CHECK_FALSE(runner.forks(1));
  CHECK(same_bits(runner.run(1, 3, 0), b.run(3, 0)));
}

TEST_CASE("arm_groups: a unit's arms are split only when threads would idle", "[engine][shared_prefix]") {
  CHECK(arm_groups(8, 17, 2) == 1);  // enough units: a thread takes a unit whole
  CHECK(arm_groups(2, 17, 2) == 1);
  CHECK(arm_groups(2, 17, 8) == 4);  // 2 units for 8 threads: each dealt into 4 groups
  CHECK(arm_groups(3, 17, 8) == 3);
  CHECK(arm_groups(1, 3, 8) == 3);  // never more groups than arms
  CHECK(arm_groups(0, 5, 4) == 4);  // no whole unit (a shard's part of one): as for one
}
