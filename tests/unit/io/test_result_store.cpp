// result_store.hpp: results read back from checkpoint files in replication order,
// one replication or one block of cells at a time; duplicates, strangers and torn
// tails handled as resume and merge need.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/result_store.hpp"
#include "temp_dir.hpp"

using namespace gunflow;

namespace {
constexpr CheckpointHeader kHeader{42, 7, 10, 3, 2};  // 10 replications of 3 series × 2 years

ReplicationResult result(std::uint64_t rep) {
  ReplicationResult r;
  r.replication = rep;
  r.values.resize(3, 2);
  for (Eigen::Index i = 0; i < r.values.size(); ++i)
    r.values.data()[i] = 100.0 * static_cast<double>(rep) + static_cast<double>(i) + 0.5;
  return r;
}

void write(const std::string& path, std::initializer_list<std::uint64_t> reps, CheckpointHeader h = kHeader) {
  CheckpointWriter w(path, h, false);
  for (std::uint64_t r : reps) w.append(result(r));
}
}  // namespace

TEST_CASE("ResultStore reads results of several files back in replication order", "[io][result_store]") {
  test::TempDir dir("store_" + std::to_string(__LINE__));
  write(dir.file("a.bin"), {7, 2, 5});
  write(dir.file("b.bin"), {0, 9});
  ResultStore store(kHeader);
  store.add_file(dir.file("a.bin"));
  store.add_file(dir.file("b.bin"));
  REQUIRE(store.size() == 5);
  CHECK(store.replications() == std::vector<std::uint64_t>{0, 2, 5, 7, 9});
  for (std::size_t i = 0; i < store.size(); ++i) {
    const ReplicationResult r = store.read(i);
    CHECK(r.replication == store.replications()[i]);
    CHECK((r.values == result(r.replication).values).all());
  }
  double cells[3];
  store.read_cells(3, 2, 3, cells);  // replication 7, cells 2..4 (column-major)
  CHECK(cells[0] == 702.5);
  CHECK(cells[2] == 704.5);
  CHECK(store.file_of(9) == dir.file("b.bin"));
  CHECK(store.file_of(1).empty());
}

TEST_CASE("ResultStore keeps the first copy of a replication, or names both files", "[io][result_store]") {
  test::TempDir dir("store_" + std::to_string(__LINE__));
  write(dir.file("a.bin"), {1, 2});
  write(dir.file("b.bin"), {2, 3});
  ResultStore lenient(kHeader);
  lenient.add_file(dir.file("a.bin"));
  lenient.add_file(dir.file("b.bin"));
  CHECK(lenient.replications() == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(lenient.file_of(2) == dir.file("a.bin"));

  ResultStore strict;
  strict.add_file(dir.file("a.bin"), true);
  CHECK(strict.header() == kHeader);  // adopted from the first file
  CHECK_THROWS_WITH(strict.add_file(dir.file("b.bin"), true),
                    Catch::Contains("holds replication 2, which") && Catch::Contains("a.bin holds too"));
}

TEST_CASE("ResultStore refuses files of another run and missing files", "[io][result_store]") {
  test::TempDir dir("store_" + std::to_string(__LINE__));
  CheckpointHeader other = kHeader;
  other.seed = 8;
  write(dir.file("other.bin"), {1}, other);
  ResultStore store(kHeader);
  CHECK_THROWS_WITH(store.add_file(dir.file("other.bin"), false, "is from elsewhere"),
                    Catch::Contains("is from elsewhere"));
  CHECK_THROWS_AS(store.add_file(dir.file("missing.bin")), IoError);
  write_file_atomic(dir.file("junk.bin"), "not a checkpoint at all, but long enough to have a header.....");
  CHECK_THROWS_WITH(store.add_file(dir.file("junk.bin")), Catch::Contains("bad header"));
}

TEST_CASE("ResultStore stops at a torn tail and reports the intact length", "[io][result_store]") {
  test::TempDir dir("store_" + std::to_string(__LINE__));
  const std::string path = dir.file("c.bin");
  write(path, {3, 4});
  const auto full = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, full - 5);  // killed in the middle of the last record
  ResultStore store(kHeader);
  const std::uint64_t valid = store.add_file(path);
  CHECK(store.replications() == std::vector<std::uint64_t>{3});
  CHECK(valid == read_checkpoint(path).valid_bytes);
}

TEST_CASE("AtomicFileWriter publishes on commit only", "[io][atomic_file]") {
  test::TempDir dir("store_" + std::to_string(__LINE__));
  const std::string path = dir.file("out.csv");
  write_file_atomic(path, "old\n");
  {
    AtomicFileWriter w(path);
    w.write("new, in ");
    w.write("pieces\n");
    // destroyed without commit (as when an exception unwinds)
  }
  CHECK(read_file(path) == "old\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 1);
  AtomicFileWriter w(path);
  w.write("new, in ");
  w.write("pieces\n");
  w.commit();
  CHECK(read_file(path) == "new, in pieces\n");
}
