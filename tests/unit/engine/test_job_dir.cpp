// job_dir.hpp: preparing a job's output directory on every rank, where each rank
// checkpoints, and what a resumed job already has.
#include <catch2/catch.hpp>

#include <fstream>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
/// Rank `rank` of `size`, where `any` reports what rank 0 decided (`others_refused`).
class FakeCluster : public Cluster {
 public:
  FakeCluster(int rank, int size, bool others_refused) : rank_(rank), size_(size), others_refused_(others_refused) {}
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }
  bool any(bool flag) override { return flag || others_refused_; }

 private:
  int rank_, size_;
  bool others_refused_;
};

const CheckpointHeader kHeader{42, 7, 6, 1, 1};

ReplicationResult result(std::uint64_t rep) {
  ReplicationResult r;
  r.replication = rep;
  r.values = Eigen::ArrayXXd::Constant(1, 1, 100.0 + static_cast<double>(rep));
  return r;
}

void write_checkpoint(const std::filesystem::path& path, std::initializer_list<std::uint64_t> reps,
                      const CheckpointHeader& header = kHeader) {
  CheckpointWriter w(path.string(), header, false);
  for (std::uint64_t r : reps) w.append(result(r));
}

ExecutionConfig config(const test::TempDir& dir, bool force, bool resume) {
  ExecutionConfig cfg;
  cfg.out_dir = dir.file("out");
  cfg.force = force;
  cfg.resume = resume;
  return cfg;
}
}  // namespace

TEST_CASE("prepare_job_dir creates the directory, and refuses one with files unless --force", "[engine][job_dir]") {
  const test::TempDir dir("job_dir_prepare");
  prepare_job_dir(config(dir, false, false), single_process());
  CHECK(std::filesystem::is_directory(dir.file("out")));
  prepare_job_dir(config(dir, false, false), single_process());  // empty: fine
  std::ofstream(dir.file("out/summary.csv")) << "old results\n";
  CHECK_THROWS_WITH(prepare_job_dir(config(dir, false, false), single_process()), Contains("--force"));
  CHECK(test::file_text(dir.file("out/summary.csv")) == "old results\n");
  CHECK_NOTHROW(prepare_job_dir(config(dir, true, false), single_process()));
  // Resuming leaves the directory (and its checkpoint) to the job.
  CHECK_NOTHROW(prepare_job_dir(config(dir, false, true), single_process()));
}

TEST_CASE("prepare_job_dir: a refusal on rank 0 is an IoError on every rank", "[engine][job_dir]") {
  const test::TempDir dir("job_dir_ranks");
  std::filesystem::create_directories(dir.file("out"));
  std::ofstream(dir.file("out/run.json")) << "{}\n";
  FakeCluster rank0(0, 2, false), rank1(1, 2, true);
  CHECK_THROWS_AS(prepare_job_dir(config(dir, false, false), rank0), IoError);
  CHECK_THROWS_WITH(prepare_job_dir(config(dir, false, false), rank1), Contains("refused (see rank 0)"));
  // Rank 1 never touches the directory itself: with nothing refused it does nothing.
  FakeCluster quiet1(1, 2, false);
  CHECK_NOTHROW(prepare_job_dir(config(dir, false, false), quiet1));
}

TEST_CASE("checkpoint_path: checkpoint.bin alone, checkpoint.<rank>.bin under MPI", "[engine][job_dir]") {
  const std::filesystem::path d = "/x";
  CHECK(checkpoint_path(d, 0, 1) == d / "checkpoint.bin");
  CHECK(checkpoint_path(d, 0, 3) == d / "checkpoint.0.bin");
  CHECK(checkpoint_path(d, 2, 3) == d / "checkpoint.2.bin");
  CHECK(checkpoint_path(d, single_process()) == d / "checkpoint.bin");
  CHECK(checkpoint_path(d, FakeCluster(1, 4, false)) == d / "checkpoint.1.bin");
}

TEST_CASE("stored_results: every checkpoint file, each replication once, and none is an error", "[engine][job_dir]") {
  const test::TempDir dir("job_dir_stored");
  std::uint64_t own_bytes = 99;
  CHECK_THROWS_WITH(stored_results(dir.path(), dir.path() / "checkpoint.bin", kHeader, own_bytes),
                    Contains("holds no checkpoint to resume"));
  {  // Stopped at start-up, after inputs.txt and before a first replication: resumed from none.
    const test::TempDir early("job_dir_stopped_early");
    write_file_atomic((early.path() / "inputs.txt").string(), "scenario 0 a.yaml\n");
    CHECK(stored_results(early.path(), early.path() / "checkpoint.bin", kHeader, own_bytes).size() == 0);
    CHECK(own_bytes == 0);
    // With results beside it (the checkpoint removed by hand), it is not resumed.
    write_file_atomic((early.path() / "replications.csv").string(), "x\n");
    CHECK_THROWS_WITH(stored_results(early.path(), early.path() / "checkpoint.bin", kHeader, own_bytes),
                      Contains("holds no checkpoint to resume"));
  }

  // An earlier run with 2 ranks (the second re-ran replication 2), resumed by 1 process.
  write_checkpoint(dir.path() / "checkpoint.0.bin", {0, 1, 2});
  write_checkpoint(dir.path() / "checkpoint.1.bin", {2, 4});
  std::ofstream(dir.file("summary.csv")) << "not a checkpoint\n";
  const ResultStore store = stored_results(dir.path(), dir.path() / "checkpoint.1.bin", kHeader, own_bytes);
  CHECK(store.replications() == std::vector<std::uint64_t>{0, 1, 2, 4});
  CHECK(store.file_of(2) == (dir.path() / "checkpoint.0.bin").string());  // the first file's copy is kept
  CHECK(own_bytes == std::filesystem::file_size(dir.path() / "checkpoint.1.bin"));

  const std::vector<ReplicationResult> loaded =
      resumed_results(dir.path(), dir.path() / "checkpoint.bin", kHeader, own_bytes);
  REQUIRE(loaded.size() == 4);
  CHECK(loaded[3].replication == 4);
  CHECK(loaded[3].values(0, 0) == 104.0);
  CHECK(own_bytes == 0);  // this process has no file of its own yet
}

TEST_CASE("stored_results refuses a checkpoint of another run", "[engine][job_dir]") {
  const test::TempDir dir("job_dir_mismatch");
  CheckpointHeader other = kHeader;
  other.seed = 8;
  write_checkpoint(dir.path() / "checkpoint.bin", {0}, other);
  std::uint64_t own_bytes = 0;
  CHECK_THROWS_WITH(stored_results(dir.path(), dir.path() / "checkpoint.bin", kHeader, own_bytes),
                    Contains("another scenario, sweep, seed or replication count"));
}

TEST_CASE("job_results: a fresh job reads only its own ranks' files, a resumed one every file", "[engine][job_dir]") {
  const test::TempDir dir("job_dir_results");
  write_checkpoint(dir.path() / "checkpoint.bin", {0, 1, 2, 3, 4, 5});  // a --force'd leftover
  write_checkpoint(dir.path() / "checkpoint.0.bin", {0, 1, 2});
  write_checkpoint(dir.path() / "checkpoint.1.bin", {3, 4});
  const FakeCluster rank0(0, 2, false);
  const ResultStore fresh = job_results(dir.path(), dir.path() / "checkpoint.0.bin", kHeader, false, rank0);
  CHECK(fresh.replications() == std::vector<std::uint64_t>{0, 1, 2, 3, 4});
  const ResultStore resumed = job_results(dir.path(), dir.path() / "checkpoint.0.bin", kHeader, true, rank0);
  CHECK(resumed.replications() == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("The input manifest names the first input whose content changed", "[engine][job_dir][hardening]") {
  const test::TempDir dir("job_dir_manifest");
  LoadedScenario sc = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const std::string table = dir.file("mx_states.csv");
  std::filesystem::copy_file(sc.settings.data.mx_states, table);
  sc.settings.data.mx_states = table;
  const std::string before = input_manifest(sc);
  CHECK_THAT(before, Contains("data.mx_states ") && Contains("scenario.0 ") && Contains("scenario.1 "));
  CHECK_NOTHROW(require_same_inputs(before, input_manifest(sc), "the run started"));
  std::ofstream(table, std::ios::app) << "# edited\n";
  CHECK_THROWS_WITH(require_same_inputs(before, input_manifest(sc), "the run started"),
                    Contains(table + ": data.mx_states has changed since the run started"));
  CHECK_THROWS_WITH(require_same_inputs(before, current_data_manifest(before), "the shards were run"),
                    Contains(table + ": data.mx_states has changed"));
  // A directory without a manifest cannot be checked, so it is not resumed.
  CHECK_THROWS_WITH(recorded_manifest(dir.path()), Contains("holds no inputs.txt"));
}
