// run_job.hpp: the `run` job (outputs, --force, --resume, shards) and `merge`.
#include <catch2/catch.hpp>

#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "job_fixture.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
const char* const kOutputs[] = {"replications.csv", "summary.csv", "summary.json", "scenario.resolved.yaml"};
}

TEST_CASE("run_job writes every output and one checkpoint record per replication", "[engine][run_job]") {
  const test::TempDir dir("run_job_outputs");
  const RunReport r = run_job(test::short_scenario(), RunPlan{5, 3}, test::quiet_config(dir.file("out")));
  CHECK(r.finished == 3);
  CHECK_FALSE(r.interrupted);
  CHECK_FALSE(r.shard_only);
  CHECK(r.summary.cells.at(0).n == 3);
  for (const char* f : kOutputs) CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));
  CHECK(std::filesystem::exists(dir.file("out/run.json")));
  CHECK(read_checkpoint(dir.file("out/checkpoint.bin")).results.size() == 3);
}

TEST_CASE("run_job refuses a directory with results unless --force", "[engine][run_job]") {
  const test::TempDir dir("run_job_force");
  ExecutionConfig cfg = test::quiet_config(dir.file("out"));
  const LoadedScenario sc = test::short_scenario();
  run_job(sc, RunPlan{5, 1}, cfg);
  const std::string before = test::file_text(dir.file("out/summary.csv"));
  CHECK_THROWS_AS(run_job(sc, RunPlan{6, 1}, cfg), IoError);
  CHECK(test::file_text(dir.file("out/summary.csv")) == before);  // untouched
  cfg.force = true;
  CHECK(run_job(sc, RunPlan{6, 1}, cfg).finished == 1);
  CHECK(test::file_text(dir.file("out/summary.csv")) != before);  // another seed's results
}

TEST_CASE("run_job --resume runs only the replications missing from the checkpoint", "[engine][run_job]") {
  const test::TempDir dir("run_job_resume");
  const LoadedScenario sc = test::short_scenario();
  const RunPlan plan{9, 4};
  run_job(sc, plan, test::quiet_config(dir.file("whole")));
  // The first half as shard 0 of 2, then resumed as an unsharded run.
  ExecutionConfig cfg = test::quiet_config(dir.file("resumed"));
  cfg.shard_count = 2;
  const RunReport shard = run_job(sc, plan, cfg);
  CHECK(shard.shard_only);
  CHECK(shard.finished == 2);
  CHECK_FALSE(std::filesystem::exists(dir.file("resumed/summary.csv")));
  cfg.shard_count = 1;
  cfg.resume = true;
  CHECK(run_job(sc, plan, cfg).finished == 4);
  // Replications 0 and 1 were not run again: each is in the checkpoint once.
  const CheckpointContents cp = read_checkpoint(dir.file("resumed/checkpoint.bin"));
  REQUIRE(cp.results.size() == 4);
  CHECK(cp.results[0].replication == 0);
  CHECK(cp.results[1].replication == 1);
  for (const char* f : kOutputs)
    CHECK(test::file_text(dir.file(std::string("resumed/") + f)) ==
          test::file_text(dir.file(std::string("whole/") + f)));
}

TEST_CASE("run_job --resume with another seed is refused", "[engine][run_job]") {
  const test::TempDir dir("run_job_resume_other");
  const LoadedScenario sc = test::short_scenario();
  ExecutionConfig cfg = test::quiet_config(dir.file("out"));
  run_job(sc, RunPlan{9, 1}, cfg);
  cfg.resume = true;
  CHECK_THROWS_AS(run_job(sc, RunPlan{10, 1}, cfg), InputError);  // a changed input: exit 2
}

TEST_CASE("merge_job turns shards into the outputs of an unsharded run, and names a missing shard",
          "[engine][run_job]") {
  const test::TempDir dir("run_job_merge");
  const LoadedScenario sc = test::short_scenario();
  const RunPlan plan{3, 3};
  run_job(sc, plan, test::quiet_config(dir.file("whole")));
  std::vector<std::string> shards;
  for (std::uint64_t i = 0; i < 3; ++i) {
    ExecutionConfig cfg = test::quiet_config(dir.file("shard" + std::to_string(i)));
    cfg.shard_index = i;
    cfg.shard_count = 3;
    run_job(sc, plan, cfg);
    shards.push_back(cfg.out_dir);
  }
  CHECK_THROWS_WITH(merge_job({shards[0], shards[2]}, dir.file("partial"), false), Contains("missing"));
  CHECK_THROWS_AS(merge_job({}, dir.file("none"), false), IoError);
  const RunReport merged = merge_job(shards, dir.file("merged"), false);
  CHECK(merged.finished == 3);
  for (const char* f : kOutputs)
    CHECK(test::file_text(dir.file(std::string("merged/") + f)) ==
          test::file_text(dir.file(std::string("whole/") + f)));
}

TEST_CASE("format_digest lists the main metrics per year with n", "[engine][run_job]") {
  const test::TempDir dir("run_job_digest");
  const RunReport r = run_job(test::short_scenario(), RunPlan{5, 2}, test::quiet_config(dir.file("out")));
  const std::string digest = format_digest(r.summary, "short");
  CHECK_THAT(digest, Contains("gunflow: short (n = 2 replications"));
  CHECK_THAT(digest, Contains("US guns trafficked to Mexico / yr"));
  CHECK_THAT(digest, Contains("firearm share of homicides"));
  CHECK_THAT(digest, Contains(" 2010 "));
}
