// sweep_job.hpp: a design of points, each for the same replications; resumable.
#include <catch2/catch.hpp>

#include <sstream>

#include <algorithm>
#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/sweep_job.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/scenario/sweep_file.hpp"
#include "job_fixture.hpp"

using namespace gunflow;

namespace {
SweepSpec small_sweep() {
  SweepSpec spec = load_sweep(test::fixture("sweep_small.yaml"));
  test::shorten(spec.base.settings);
  return spec;
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("sweep_job runs every point for every replication and writes the sensitivity table", "[engine][sweep_job]") {
  const test::TempDir dir("sweep_job_outputs");
  const SweepSpec spec = small_sweep();  // Morris: 2 trajectories × (2 parameters + 1) = 6 points
  const SweepReport r = sweep_job(spec, test::quiet_config(dir.file("out")));
  CHECK(r.points == 6);
  CHECK(r.finished == 6);
  CHECK_FALSE(r.interrupted);
  CHECK(lines(test::file_text(dir.file("out/sweep_points.csv"))) == 1 + 6);
  // One row per point × replication (2), the outputs as columns, after the header.
  CHECK(lines(test::file_text(dir.file("out/sweep_results.csv"))) == 1 + 6 * 2);
  CHECK(std::filesystem::exists(dir.file("out/sensitivity.csv")));
  CHECK(read_checkpoint(dir.file("out/checkpoint.bin")).results.size() == 6);
  // run.json counts replications (points x replications per point), points apart.
  const nlohmann::json run = nlohmann::json::parse(test::file_text(dir.file("out/run.json")));
  CHECK(run.at("replications_requested") == 12);
  CHECK(run.at("replications_finished") == 12);
  CHECK(run.at("points_finished") == 6);
  CHECK(run.at("replications_per_point") == 2);
  CHECK(run.at("started_utc").get<std::string>().size() == 20);
  CHECK(std::filesystem::exists(dir.file("out/metrics.csv")));
}

TEST_CASE("load_sweep warns when a swept key belongs to a policy that is off in the base", "[engine][sweep_job]") {
  const test::TempDir dir("sweep_policy_off");
  std::ofstream(dir.file("s.yaml")) << "base: " << test::fixture("scenarios/short.yaml")
                                    << "\ndesign: lhs\npoints: 2\nparameters:\n"
                                       "  - key: policies.atf_capacity.extra_investigators\n    range: [0, 100]\n";
  const SweepSpec off = load_sweep(dir.file("s.yaml"));
  REQUIRE(off.warnings.size() == 1);
  CHECK_THAT(off.warnings[0], Catch::Contains("policies.atf_capacity is off in the base scenario"));
  CHECK(load_sweep(dir.file("s.yaml"), {"policies.atf_capacity.start=2010-01-01"}).warnings.empty());
}

TEST_CASE("sweep_job --resume runs no finished point again", "[engine][sweep_job]") {
  const test::TempDir dir("sweep_job_resume");
  const SweepSpec spec = small_sweep();
  ExecutionConfig cfg = test::quiet_config(dir.file("out"));
  sweep_job(spec, cfg);
  const std::string results = test::file_text(dir.file("out/sweep_results.csv"));
  cfg.resume = true;
  CHECK(sweep_job(spec, cfg).finished == 6);
  CHECK(read_checkpoint(dir.file("out/checkpoint.bin")).results.size() == 6);  // nothing appended
  CHECK(test::file_text(dir.file("out/sweep_results.csv")) == results);
}

TEST_CASE("sweep_job: an output that is not a metric is an input error", "[engine][sweep_job]") {
  const test::TempDir dir("sweep_job_bad_output");
  SweepSpec spec = small_sweep();
  spec.outputs = {"guns_trafficked", "no_such_metric"};
  CHECK_THROWS_WITH(sweep_job(spec, test::quiet_config(dir.file("out"))), Catch::Matchers::Contains("no_such_metric"));
  // A metric with one series per key is a metric, just not one a sweep can summarise.
  spec.outputs = {"guns_trafficked_by_class"};
  CHECK_THROWS_WITH(sweep_job(spec, test::quiet_config(dir.file("out2"))),
                    Catch::Matchers::Contains("'guns_trafficked_by_class', a metric with one series per key"));
}
