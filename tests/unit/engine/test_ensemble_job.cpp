// ensemble_job.hpp: policy effects over parameter sets; the outputs, and the promise
// that they are byte-identical whatever the threads, after a resume, or split in shards.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/ensemble_job.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
std::vector<LoadedScenario> arms() {
  return {test::short_scenario("short.yaml"), test::short_scenario("short_policy.yaml")};
}
ParameterSets four_sets() { return load_parameter_sets(test::fixture("prior_small.yaml"), 4); }
const char* const kOutputs[] = {"ensemble_parameters.csv", "ensemble_sets.csv",        "ensemble_effects.csv",
                                "ensemble_ranking.csv",    "ensemble_sensitivity.csv", "prim_boxes.csv"};
EnsembleOptions with_prim() {
  EnsembleOptions o;
  o.fail = parse_failure_rule("short-inspection:us_border_seizures<1");
  return o;
}
std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("ensemble_job writes effect distributions, ranking, sensitivity and PRIM boxes", "[engine][ensemble]") {
  const test::TempDir dir("ensemble_outputs");
  const EnsembleReport r =
      ensemble_job(arms(), four_sets(), RunPlan{5, 2}, with_prim(), test::quiet_config(dir.file("out")));
  CHECK(r.sets == 4);
  CHECK(r.items == 8);  // 4 sets x 2 scenarios
  CHECK(r.finished == 8);
  for (const char* f : kOutputs) CHECK(fs::exists(dir.file(std::string("out/") + f)));
  // One row per set x policy x metric (7 metrics), and per policy x metric.
  CHECK(count_lines(test::file_text(dir.file("out/ensemble_sets.csv"))) == 1 + 4 * 7);
  const std::string effects = test::file_text(dir.file("out/ensemble_effects.csv"));
  CHECK(count_lines(effects) == 1 + 7);
  CHECK(effects.rfind("policy,metric,sets,median_pct,q05_pct,q95_pct,mc_half_width_pct,claimed_sign,", 0) == 0);
  CHECK_THAT(effects, Contains("short-inspection,us_border_seizures,4,"));
  // A single policy ranks against nobody; the header is still there.
  CHECK(test::file_text(dir.file("out/ensemble_ranking.csv")) == "metric,better,policy_a,policy_b,p_a_beats_b\n");
  CHECK(count_lines(test::file_text(dir.file("out/ensemble_sensitivity.csv"))) == 1 + 7 * 2);
  CHECK(
      test::file_text(dir.file("out/prim_boxes.csv")).rfind("box,chosen,coverage,density,mass,points,restricted,", 0) ==
      0);
  const nlohmann::json run = nlohmann::json::parse(test::file_text(dir.file("out/run.json")));
  CHECK(run.at("parameter_sets") == 4);
  CHECK(run.at("replications_finished") == 16);
  // What `gunflow report --ensemble` and scripts/plot.py read: the scenarios (baseline
  // first), the failure rule, and the metric catalogue for names and units.
  CHECK(run.at("scenarios") == nlohmann::json::array({"short", "short-inspection"}));
  CHECK(run.at("fail") == "short-inspection:us_border_seizures<1");
  CHECK(fs::exists(dir.file("out/metrics.csv")));
}

TEST_CASE("ensemble_job is byte-identical across threads, resume and shards", "[engine][ensemble]") {
  const test::TempDir dir("ensemble_identity");
  const ParameterSets sets = four_sets();
  ensemble_job(arms(), sets, RunPlan{5, 2}, with_prim(), test::quiet_config(dir.file("one")));
  ExecutionConfig two = test::quiet_config(dir.file("two"));
  two.threads = 2;
  ensemble_job(arms(), sets, RunPlan{5, 2}, with_prim(), two);
  // Shards 0/2 and 1/2 in their own directories; their checkpoints together, resumed.
  for (std::uint64_t s = 0; s < 2; ++s) {
    ExecutionConfig shard = test::quiet_config(dir.file("shard" + std::to_string(s)));
    shard.shard_index = s;
    shard.shard_count = 2;
    CHECK(ensemble_job(arms(), sets, RunPlan{5, 2}, with_prim(), shard).finished == 4);
  }
  fs::create_directories(dir.file("merged"));
  for (int s = 0; s < 2; ++s)
    fs::copy_file(dir.file("shard" + std::to_string(s) + "/checkpoint.bin"),
                  dir.file("merged/checkpoint." + std::to_string(s) + ".bin"));
  ExecutionConfig merged = test::quiet_config(dir.file("merged"));
  merged.resume = true;
  CHECK(ensemble_job(arms(), sets, RunPlan{5, 2}, with_prim(), merged).finished == 8);
  // An interrupted run: the checkpoint holds its first 3 items; resume runs the other 5.
  const CheckpointContents full = read_checkpoint(dir.file("one/checkpoint.bin"));
  fs::create_directories(dir.file("cut"));
  {
    CheckpointWriter w(dir.file("cut/checkpoint.bin"), full.header, false);
    for (int i = 0; i < 3; ++i) w.append(full.results[static_cast<std::size_t>(i)]);
  }
  ExecutionConfig cut = test::quiet_config(dir.file("cut"));
  cut.resume = true;
  CHECK(ensemble_job(arms(), sets, RunPlan{5, 2}, with_prim(), cut).finished == 8);
  CHECK(read_checkpoint(dir.file("cut/checkpoint.bin")).results.size() == 8);
  for (const char* f : kOutputs) {
    INFO(f);
    const std::string one = test::file_text(dir.file(std::string("one/") + f));
    CHECK(test::file_text(dir.file(std::string("two/") + f)) == one);
    CHECK(test::file_text(dir.file(std::string("merged/") + f)) == one);
    CHECK(test::file_text(dir.file(std::string("cut/") + f)) == one);
  }
  // Another seed is another ensemble: its checkpoint is refused.
  CHECK_THROWS_AS(ensemble_job(arms(), sets, RunPlan{6, 2}, with_prim(), cut), InputError);
}

TEST_CASE("ensemble_job: bad failure rules are input errors", "[engine][ensemble]") {
  const test::TempDir dir("ensemble_bad");
  CHECK_THROWS_WITH(parse_failure_rule("combined guns > 5"), Contains("is not POLICY:METRIC>PERCENT"));
  const FailureRule r = parse_failure_rule("combined:guns_trafficked>-5");
  CHECK(r.policy == "combined");
  CHECK(r.above);
  CHECK(r.threshold == -5.0);
  EnsembleOptions o;
  o.fail = parse_failure_rule("nobody:guns_trafficked>-5");
  CHECK_THROWS_WITH(ensemble_job(arms(), four_sets(), RunPlan{5, 2}, o, test::quiet_config(dir.file("out"))),
                    Contains("names no policy scenario"));
}
