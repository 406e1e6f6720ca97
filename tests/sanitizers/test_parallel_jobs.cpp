// The jobs behind `gunflow run`, `compare`, `sweep` and `ensemble` on the real model with more
// threads than this machine has cores give the files one thread gives (DESIGN.md rules
// 6 and 13). Part of the unit suite, and with the runner and calibration tests the
// program that ThreadSanitizer runs (gunflow_parallel_tests, scripts/sanitize tsan):
// every shared structure a replication reads (World, tables, settings) and every
// callback the runner serialises (checkpoint sink, progress) is touched concurrently here.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../unit/io/temp_dir.hpp"
#include "gunflow/core/date.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/ensemble_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/engine/sweep_job.hpp"
#include "gunflow/scenario/prior_file.hpp"
#include "gunflow/scenario/sweep_file.hpp"

using namespace gunflow;

namespace {
constexpr int kThreads = 4;  // more than the 2 cores CI has, so threads interleave

std::string fixture(const std::string& name) { return std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + name; }

/// Two months after a 30-day warm-up: enough for every daily mechanism to act.
void shorten(Settings& s) {
  s.simulation.end = Date::from_ymd(2010, 3, 1);
  s.simulation.warmup_days = 30;
}

LoadedScenario short_scenario(const std::string& name) {
  LoadedScenario sc = load_scenario(fixture("scenarios/" + name));
  shorten(sc.settings);
  return sc;
}

void check_same_files(const test::TempDir& dir, const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    INFO(f);
    CHECK(test::file_text(dir.file("t1/" + f)) == test::file_text(dir.file("tn/" + f)));
  }
}

ExecutionConfig config(const test::TempDir& dir, int threads) {
  return ExecutionConfig{threads, dir.file(threads == 1 ? "t1" : "tn"), false, true};
}
}  // namespace

TEST_CASE("run_job writes the same outputs with 1 and 4 threads", "[engine][parallel]") {
  const test::TempDir dir("parallel_run");
  const LoadedScenario sc = short_scenario("short.yaml");
  const RunPlan plan{7, 6};
  for (int threads : {1, kThreads}) {
    const RunReport r = run_job(sc, plan, config(dir, threads));
    CHECK(r.finished == 6);
  }
  check_same_files(dir, {"replications.csv", "summary.csv", "summary.json", "scenario.resolved.yaml"});
}

TEST_CASE("compare_job writes the same outputs with 1 and 4 threads", "[engine][parallel]") {
  const test::TempDir dir("parallel_compare");
  // The policy starts inside the run, so its arm continues from each thread's copy of the
  // days it shares with the base (shared_prefix.hpp) and then acts.
  LoadedScenario policy = short_scenario("short_policy.yaml");
  policy.settings.policies.southbound_inspection.start = Date::from_ymd(2010, 2, 15);
  const std::vector<LoadedScenario> scenarios{short_scenario("short.yaml"), policy};
  for (int threads : {1, kThreads}) {
    const CompareReport r = compare_job(scenarios, RunPlan{2, 4}, config(dir, threads));
    CHECK(r.finished == 4);
  }
  check_same_files(dir, {"compare.csv", "compare.json", "replications.csv"});
}

TEST_CASE("sweep_job writes the same outputs with 1 and 4 threads", "[engine][parallel]") {
  const test::TempDir dir("parallel_sweep");
  SweepSpec spec = load_sweep(fixture("sweep_small.yaml"));
  shorten(spec.base.settings);
  for (int threads : {1, kThreads}) {
    const SweepReport r = sweep_job(spec, config(dir, threads));
    CHECK(r.finished == r.points);
  }
  check_same_files(dir, {"sweep_points.csv", "sweep_results.csv", "sensitivity.csv"});
}

TEST_CASE("ensemble_job writes the same outputs with 1 and 4 threads", "[engine][parallel]") {
  const test::TempDir dir("parallel_ensemble");
  // Two parameter sets for four threads: each set's two scenarios are dealt to threads of
  // their own, each continuing from its own copy of the days shared with the set's baseline.
  LoadedScenario policy = short_scenario("short_policy.yaml");
  policy.settings.policies.southbound_inspection.start = Date::from_ymd(2010, 2, 15);
  const std::vector<LoadedScenario> scenarios{short_scenario("short.yaml"), policy};
  const ParameterSets sets = load_parameter_sets(fixture("prior_small.yaml"), 2);
  for (int threads : {1, kThreads}) {
    const EnsembleReport r = ensemble_job(scenarios, sets, RunPlan{3, 2}, EnsembleOptions{}, config(dir, threads));
    CHECK(r.finished == 4);
  }
  check_same_files(dir, {"ensemble_sets.csv", "ensemble_effects.csv", "ensemble_ranking.csv"});
}
