// csv_table.hpp: reference tables with '#' comments; every bad value is reported as
// file:line with the column name.
#include <catch2/catch.hpp>

#include <string>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/input/csv_table.hpp"
#include "gunflow/io/atomic_file.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
// Line numbers matter: the data row "BB" is on line 6.
constexpr const char* kTable =
    "# title: test table\n"       // 1
    "# source: made up\n"         // 2
    "code,value,flag\n"           // 3
    "AA, 1.5 ,1\r\n"              // 4 (spaces and CRLF are trimmed)
    "# a comment between rows\n"  // 5
    "BB,abc,0\n"                  // 6
    "\n"                          // 7
    "CC,-2e3,1\n";                // 8

std::string write_table(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  write_file_atomic(path, text);
  return path;
}
}  // namespace

TEST_CASE("CsvTable reads rows, skipping comments and blank lines", "[io][csv_table]") {
  test::TempDir dir("csv_read");
  const std::string path = write_table(dir, "t.csv", kTable);
  const CsvTable t = CsvTable::read(path, {"code", "value"});
  REQUIRE(t.rows() == 3);
  CHECK(t.file() == path);
  CHECK(t.text(0, "code") == "AA");
  CHECK(t.text(1, "code") == "BB");
  CHECK(t.text(2, "code") == "CC");
  CHECK(t.real(0, "value", 0, 10) == 1.5);
  CHECK(t.real(0, "flag", 0, 1) == 1.0);  // last field: '\r' trimmed
  CHECK(t.real(2, "value", -1e4, 0) == -2000.0);
}

TEST_CASE("CsvTable::real reports a bad number as file:line and column", "[io][csv_table]") {
  test::TempDir dir("csv_bad_number");
  const std::string path = write_table(dir, "t.csv", kTable);
  const CsvTable t = CsvTable::read(path, {"code", "value"});
  try {
    (void)t.real(1, "value", 0, 10);
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Contains(path + ":6") && Contains("value") && Contains("abc"));
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].line == 6);
    CHECK(e.problems()[0].column == 2);
    CHECK(e.problems()[0].key_path == "value");
  }
  SECTION("out of range is reported the same way") {
    CHECK_THROWS_WITH(t.real(2, "value", 0, 10),
                      Contains(path + ":8:2") && Contains("value") && Contains("must be in"));
  }
  SECTION("an unknown column is an InputError naming it") {
    CHECK_THROWS_WITH(t.text(0, "nope"), Contains("nope"));
    CHECK_THROWS_AS(t.real(0, "nope", 0, 1), InputError);
  }
  SECTION("inf, nan, empty and trailing junk are not numbers") {
    const std::string p2 = write_table(dir, "u.csv", "x\ninf\nnan\n\n1.0x\n,\n");
    // ",": a row of two fields against a one-field header is a read error instead.
    CHECK_THROWS_AS(CsvTable::read(p2, {"x"}), InputError);
    const std::string p3 = write_table(dir, "v.csv", "x,y\ninf,1\nnan,1\n,1\n1.0x,1\n");
    const CsvTable u = CsvTable::read(p3, {"x"});
    REQUIRE(u.rows() == 4);
    for (std::size_t r = 0; r < u.rows(); ++r) CHECK_THROWS_AS(u.real(r, "x", -1e300, 1e300), InputError);
  }
}

TEST_CASE("CsvTable::read rejects a missing column, ragged rows and a missing file", "[io][csv_table]") {
  test::TempDir dir("csv_bad_table");
  const std::string path = write_table(dir, "t.csv", kTable);
  try {
    (void)CsvTable::read(path, {"code", "lat", "lon"});
    FAIL("expected InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 2);  // every missing column, not just the first
    CHECK(e.problems()[0].key_path == "lat");
    CHECK(e.problems()[1].key_path == "lon");
    CHECK(e.problems()[0].line == 3);  // the header line
    CHECK_THAT(e.what(), Contains(path + ":3"));
  }

  const std::string ragged = write_table(dir, "r.csv", "# c\na,b\n1,2\n3\n4,5,6\n");
  try {
    (void)CsvTable::read(ragged, {"a"});
    FAIL("expected InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].line == 4);
    CHECK(e.problems()[1].line == 5);
  }

  CHECK_THROWS_WITH(CsvTable::read(dir.file("absent.csv"), {"a"}), Contains("absent.csv"));
  const std::string only_comments = write_table(dir, "c.csv", "# nothing here\n");
  CHECK_THROWS_WITH(CsvTable::read(only_comments, {}), Contains("no header"));
}

TEST_CASE("CsvTable::read rejects bytes that are not UTF-8 and a table without rows", "[io][csv_table][fuzz]") {
  test::TempDir dir("csv_fuzz");
  // Comments may hold anything; header and data must be UTF-8 (codes become output keys).
  const std::string latin1 = write_table(dir, "l.csv", "# caf\xe9\ncode,lat\nAA,1\nB\xc3\xa9,\xe9\n");
  CHECK_THROWS_WITH(CsvTable::read(latin1, {"code"}),
                    latin1 + ":4:4: is not valid UTF-8 (a reference table must be UTF-8 text)");
  const std::string no_rows = write_table(dir, "n.csv", "# only a header\ncode,lat\n\n");
  CHECK_THROWS_WITH(CsvTable::read(no_rows, {"code"}), no_rows + ":2:1: has a header but no data rows");
}

TEST_CASE("split_csv_fields reads quoted fields as spreadsheets save them", "[io][csv_table]") {
  std::vector<std::string> f;
  REQUIRE(split_csv_fields("TX, 12 ,\"Texas, USA\",\"a \"\"quoted\"\" word\",\r", f));
  CHECK(f == std::vector<std::string>{"TX", "12", "Texas, USA", "a \"quoted\" word", ""});
  REQUIRE(split_csv_fields("a,,b", f));
  CHECK(f == std::vector<std::string>{"a", "", "b"});
  REQUIRE(split_csv_fields("", f));
  CHECK(f == std::vector<std::string>{""});
  CHECK_FALSE(split_csv_fields("AZ,\"Arizona, 1527", f));  // a quote never closed
}

TEST_CASE("CsvTable::read takes a quoted field with a comma and names an unclosed quote", "[io][csv_table]") {
  test::TempDir dir("csv_quotes");
  const CsvTable t =
      CsvTable::read(write_table(dir, "q.csv", "code,value,source\nAA,1,\"ATF, 2012\"\n"), {"code", "source"});
  REQUIRE(t.rows() == 1);
  CHECK(t.text(0, "source") == "ATF, 2012");
  CHECK_THROWS_WITH(CsvTable::read(write_table(dir, "u.csv", "code,value\nAA,\"1\n"), {"code"}),
                    Contains("u.csv:2: has a quote (\") that is not closed on its line"));
}
