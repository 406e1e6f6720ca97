// checkpoint.hpp: records survive, a torn tail is dropped, headers are checked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/result_store.hpp"
#include "temp_dir.hpp"

using namespace gunflow;

namespace {
ReplicationResult result(std::uint64_t rep) {
  ReplicationResult r;
  r.replication = rep;
  r.values = Eigen::ArrayXXd::Constant(3, 2, 0.1 * static_cast<double>(rep));
  r.values(2, 1) = 1e300;
  return r;
}
}  // namespace

TEST_CASE("checkpoint records read back exactly, in order", "[io][checkpoint]") {
  test::TempDir dir("checkpoint_" + std::to_string(__LINE__));
  const std::string path = (dir.path() / "c.bin").string();
  const CheckpointHeader h{42, 7, 10, 3, 2};
  {
    CheckpointWriter w(path, h, false);
    for (std::uint64_t r : {4u, 1u, 9u}) w.append(result(r));
  }
  const CheckpointContents c = read_checkpoint(path);
  CHECK(c.header == h);
  CHECK_FALSE(c.truncated);
  REQUIRE(c.results.size() == 3);
  CHECK(c.results[0].replication == 4);
  CHECK((c.results[2].values == result(9).values).all());
}

TEST_CASE("a torn last record is ignored and cut off when appending", "[io][checkpoint]") {
  test::TempDir dir("checkpoint_" + std::to_string(__LINE__));
  const std::string path = (dir.path() / "c.bin").string();
  const CheckpointHeader h{1, 2, 3, 3, 2};
  {
    CheckpointWriter w(path, h, false);
    w.append(result(0));
    w.append(result(1));
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);  // kill -9 mid-write
  CheckpointContents c = read_checkpoint(path);
  CHECK(c.truncated);
  REQUIRE(c.results.size() == 1);
  {
    CheckpointWriter w(path, h, true, c.valid_bytes);
    w.append(result(2));
  }
  c = read_checkpoint(path);
  CHECK_FALSE(c.truncated);
  REQUIRE(c.results.size() == 2);
  CHECK(c.results[1].replication == 2);
}

TEST_CASE("a corrupt record stops reading; a foreign file is refused", "[io][checkpoint]") {
  test::TempDir dir("checkpoint_" + std::to_string(__LINE__));
  const std::string path = (dir.path() / "c.bin").string();
  {
    CheckpointWriter w(path, {1, 2, 3, 3, 2}, false);
    w.append(result(0));
    w.append(result(1));
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-20, std::ios::end);
    f.put('\x7f');  // flip a byte in the last record
  }
  CHECK(read_checkpoint(path).results.size() == 1);
  const std::string other = (dir.path() / "not.bin").string();
  std::ofstream(other) << "hello, this is not a checkpoint at all......................";
  CHECK_THROWS_AS(read_checkpoint(other), IoError);
  CHECK_THROWS_AS(read_checkpoint((dir.path() / "missing.bin").string()), IoError);
}

TEST_CASE("a corrupt record in the middle is counted with the records after it", "[io][checkpoint]") {
  test::TempDir dir("checkpoint_" + std::to_string(__LINE__));
  const std::string path = (dir.path() / "checkpoint.bin").string();
  {
    CheckpointWriter w(path, {1, 2, 10, 3, 2}, false);
    for (std::uint64_t r = 0; r < 6; ++r) w.append(result(r));
  }
  const std::uint64_t record = 8 + 3 * 2 * 8 + 8;
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-static_cast<std::streamoff>(4 * record) + 12, std::ios::end);  // inside record 3 of 6
    f.put('\x7f');
  }
  const CheckpointScan scan = scan_checkpoint(path, [](auto&&...) {});
  CHECK(scan.discarded_records == 4);  // the corrupt one and the three after it
  CHECK(scan.truncated);
  ResultStore store;
  store.add_file(path);
  CHECK(store.size() == 2);
  REQUIRE(store.warnings().size() == 1);
  CHECK_THAT(store.warnings()[0], Catch::Contains("record 3") && Catch::Contains("the 3 records after it") &&
                                      Catch::Contains("(4 replications)"));
  // A torn tail (kill -9 in the middle of a write) is not a warning.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4 * record - 5);
  ResultStore torn;
  torn.add_file(path);
  CHECK(torn.size() == 1);
  CHECK(torn.warnings().empty());
}
