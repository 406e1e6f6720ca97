// atomic_file.hpp: write-to-temp + fsync + rename, and the output-dir guard
// (DESIGN.md rule 15).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "temp_dir.hpp"

using namespace gunflow;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}
}  // namespace

TEST_CASE("write_file_atomic writes exactly the content and leaves no temp file", "[io][atomic_file]") {
  test::TempDir dir("atomic_write");
  const std::string path = dir.file("summary.csv");
  const std::string content = std::string("a,b\n1,2\n") + std::string("\0binary\xff", 8) + "\n";
  write_file_atomic(path, content);
  CHECK(read_file(path) == content);
  CHECK(entries(dir.path()) == std::vector<std::string>{"summary.csv"});

  SECTION("rewriting replaces the old content") {
    write_file_atomic(path, "short");
    CHECK(read_file(path) == "short");
    CHECK(entries(dir.path()) == std::vector<std::string>{"summary.csv"});
  }
  SECTION("empty content gives an empty file") {
    write_file_atomic(path, "");
    CHECK(read_file(path).empty());
    CHECK(fs::file_size(path) == 0);
  }
}

TEST_CASE("write_file_atomic and read_file throw IoError naming the path", "[io][atomic_file]") {
  test::TempDir dir("atomic_errors");
  const std::string missing_dir = dir.file("no/such/dir/out.json");
  try {
    write_file_atomic(missing_dir, "x");
    FAIL("expected IoError");
  } catch (const IoError& e) {
    CHECK(e.path().find("no/such/dir") != std::string::npos);
  }
  CHECK_THROWS_AS(read_file(dir.file("absent.txt")), IoError);
  CHECK(entries(dir.path()).empty());
}

TEST_CASE("prepare_output_dir creates, accepts empty, and guards results", "[io][atomic_file]") {
  test::TempDir dir("prepare_out");

  SECTION("a missing directory is created, parents included") {
    const fs::path out = dir.path() / "results" / "baseline";
    prepare_output_dir(out.string(), false);
    CHECK(fs::is_directory(out));
  }
  SECTION("an existing empty directory is accepted without force") {
    CHECK_NOTHROW(prepare_output_dir(dir.path().string(), false));
  }
  SECTION("a directory holding files is refused without force, accepted with it") {
    write_file_atomic(dir.file("summary.csv"), "old results");
    try {
      prepare_output_dir(dir.path().string(), false);
      FAIL("expected IoError");
    } catch (const IoError& e) {
      CHECK(e.path() == dir.path().string());
      CHECK(std::string(e.what()).find("--force") != std::string::npos);
    }
    CHECK_NOTHROW(prepare_output_dir(dir.path().string(), true));
    // Force deletes nothing: an input of the job may lie there, and the job may still be refused.
    CHECK(read_file(dir.file("summary.csv")) == "old results");
  }
  SECTION("a regular file in the way is refused even with force") {
    const std::string file = dir.file("not_a_dir");
    write_file_atomic(file, "x");
    CHECK_THROWS_AS(prepare_output_dir(file, true), IoError);
  }
}

TEST_CASE("Outputs are never written through a symbolic link", "[io][atomic_file][hardening]") {
  const test::TempDir dir("atomic_links");
  const fs::path target = dir.path() / "target";
  std::ofstream(target) << "precious";
  const fs::path out = dir.path() / "out";
  fs::create_directory(out);
  // A link planted as the output, or as its temporary file: refused, target untouched.
  for (const std::string name : {"summary.json", ".summary.json.tmp"}) {
    fs::create_symlink(target, out / name);
    CHECK_THROWS_AS(write_file_atomic((out / "summary.json").string(), "x"), IoError);
    CHECK(test::file_text(target.string()) == "precious");
    CHECK_THROWS_WITH(prepare_output_dir(out.string(), true), Catch::Contains("symbolic link"));
    fs::remove(out / name);
  }
  // A stale (regular) temporary file of a killed run is replaced.
  std::ofstream(out / ".summary.json.tmp") << "stale";
  write_file_atomic((out / "summary.json").string(), "new");
  CHECK(test::file_text((out / "summary.json").string()) == "new");
  CHECK_NOTHROW(prepare_output_dir(out.string(), true));
}
