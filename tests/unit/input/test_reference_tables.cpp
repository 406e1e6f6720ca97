// reference_tables.hpp: the four reference tables read once into one value; every bad
// value, row or table is an InputError located as file:line:column with the column name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <string>

#include "../io/temp_dir.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/input/reference_tables.hpp"
#include "gunflow/scenario/loader.hpp"

using namespace gunflow;
using Catch::Matchers::Contains;

namespace {
/// scenarios/baseline.yaml as loaded: its tables were read by load_scenario.
const Settings& baseline() {
  static const Settings settings = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml").settings;
  return settings;
}

/// The 1-based line of the first `needle` in `text`.
int line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  REQUIRE(pos != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

/// Replaces the first `from` in `text` with `to`.
void replace_first(std::string& text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  text.replace(pos, from.size(), to);
}

/// Writes `text` as table `name` in `dir` and returns its path.
std::string write_table(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// What read_reference_tables says of tables it must refuse ("" and a failed check if
/// it accepts them).
std::string rejection(const ReferenceTablePaths& paths) {
  try {
    (void)read_reference_tables(paths);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL_CHECK("a table with bad rows was accepted");
  return "";
}
}  // namespace

TEST_CASE("read_reference_tables reads the shipped tables with codes resolved", "[input][reference_tables]") {
  const ReferenceTables t = read_reference_tables(baseline().data.paths());
  CHECK(t.states.size() == 51);
  CHECK(t.staging.size() == 11);
  CHECK(t.crossings.size() == 33);
  REQUIRE(t.regions.size() == 33);
  REQUIRE(t.onward_region >= 0);
  const int tx = t.state_index("TX");
  REQUIRE(tx >= 0);
  CHECK(t.state_index("ZZ") == -1);
  CHECK(t.crossing_index("san_ysidro") >= 0);
  CHECK(t.crossing_index("nowhere") == -1);
  for (const Crossing& c : t.crossings) {
    CHECK(c.us_state >= 0);
    CHECK(c.mx_region >= 0);
  }
}

TEST_CASE("load_scenario reads the reference tables once, into the settings", "[input][reference_tables]") {
  const Settings& s = baseline();
  REQUIRE(s.data.tables);
  const ReferenceTables again = read_reference_tables(s.data.paths());
  CHECK(s.data.tables->states.size() == again.states.size());
  CHECK(s.data.tables->crossings.size() == again.crossings.size());
  // Copies of the settings (sweep points, calibration evaluations) share the one read.
  const Settings copy = s;
  CHECK(copy.data.tables.get() == s.data.tables.get());
}

TEST_CASE("read_reference_tables reports a bad table value as file:line and column", "[input][reference_tables]") {
  Settings s = baseline();
  std::string csv = test::file_text(s.data.us_states);
  replace_first(csv, "TX,Texas,5329,", "TX,Texas,many,");
  const int line = line_of(csv, "TX,Texas,many,");
  const test::TempDir dir("tables_bad_value");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                    Contains(bad + ":" + std::to_string(line)) && Contains("retail_dealers"));
}

TEST_CASE("read_reference_tables reports every problem of a table at once", "[input][reference_tables]") {
  // Two bad rows and a duplicate code: one error with all three, in table order.
  Settings s = baseline();
  std::string csv = test::file_text(s.data.us_states);
  replace_first(csv, "AZ,Arizona,1527,", "AZ,Arizona,lots,");
  replace_first(csv, "34.2,-111.7", "134.2,-111.7");
  replace_first(csv, "TX,Texas,5329,", "AZ,Texas,5329,");
  const test::TempDir dir("tables_many_problems");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  try {
    (void)read_reference_tables(s.data.paths());
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 3);
    CHECK(e.problems()[0].line == 58);  // the duplicate code: found first, by the code check
    CHECK(e.problems()[0].key_path == "code");
    CHECK(e.problems()[1].line == 17);
    CHECK(e.problems()[1].key_path == "retail_dealers");
    CHECK(e.problems()[2].line == 17);
    CHECK(e.problems()[2].key_path == "lat");
  }
}

// tests/fixtures/fuzz_tables/ (docs/fuzzing.md, fuzz_data_tables): each file is a
// selector byte, the table it replaces (digits: 0 us_states, 1 crossings, 2 mx_states,
// 3 staging_cities; '@' + n: the optional table n % 5 in the order of `optional` below), and then the CSV text.
TEST_CASE("read_reference_tables reports the fuzz_data_tables findings as located errors",
          "[input][reference_tables][fuzz]") {
  struct Finding {
    const char* fixture;
    const char* message;  ///< after the table's path
  };
  const Finding findings[] = {
      {"staging_no_rows", ":6:1: has a header but no data rows"},
      {"utf8_in_number", ":7:50: is not valid UTF-8 (a reference table must be UTF-8 text)"},
      {"duplicate_state_code", ":52:1: code is 'TX', which line 51 already uses"},
      {"dealers_over_cap", ":13:3: retail_dealers brings the table's total to 1004144 dealers; at most 1000000 in all"},
      {"mx_no_homicides", ":8:5: homicides_2010 is 0 in every Mexican state; demand is shared out by it"},
      {"conflict_above_homicides",
       ":8:2: homicides is more than the 25757 homicides of 2010 in all (data.mx_states, 2010): the conflict's "
       "homicides are part of the year's"}};
  const test::TempDir dir("tables_fuzz_findings");
  for (const Finding& f : findings) {
    const std::string bytes =
        test::file_text(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/fuzz_tables/" + f.fixture + ".csv");
    REQUIRE(bytes.size() > 1);
    const std::string table = write_table(dir, std::string(f.fixture) + ".csv", bytes.substr(1));
    Settings s = baseline();
    std::string* const paths[] = {&s.data.us_states, &s.data.crossings, &s.data.mx_states, &s.data.staging_cities};
    std::string* const optional[] = {&s.data.mx_homicides_by_year, &s.data.mx_homicides_by_state_year,
                                     &s.data.mx_conflict_homicides_by_year, &s.data.us_sales_by_state_year,
                                     &s.data.us_state_laws};
    const auto selector = static_cast<unsigned char>(bytes[0]);
    if (selector & 64U)
      *optional[(selector & 7U) % 5] = table;
    else
      *paths[selector & 3U] = table;
    INFO(f.fixture);
    CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), table + f.message);
  }
}

TEST_CASE("read_reference_tables refuses more than 1000 states at the first row over the cap",
          "[input][reference_tables]") {
  Settings s = baseline();
  std::string csv = test::file_text(s.data.us_states);
  if (csv.back() != '\n') csv += '\n';
  // Lines so far, and data rows among them (not comments, not the header).
  int lines = 0, rows = -1;
  for (std::size_t begin = 0; begin < csv.size();) {
    const std::size_t end = csv.find('\n', begin);
    if (csv[begin] != '#' && end > begin) ++rows;
    ++lines;
    begin = end + 1;
  }
  int over_line = 0;
  for (int i = 0; rows < 1001; ++i) {  // add states X0, X1, … up to 1001 rows
    csv += "X" + std::to_string(i) + ",Extra,1,1000,0,0,0,0,35.0,-100.0\n";
    ++lines;
    if (++rows == 1001) over_line = lines;
  }
  const test::TempDir dir("tables_many_states");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  s.data.us_states = bad;
  CHECK_THROWS_WITH(
      read_reference_tables(s.data.paths()),
      Contains(bad + ":" + std::to_string(over_line) + ":1: code is on row 1001 of the states; at most 1000 in all"));
}

TEST_CASE("read_reference_tables refuses a column named twice and a state code not in postal form",
          "[input][reference_tables][hardening]") {
  // Expected: both are located errors of the states table itself. Before, a second `code`
  // column was read from its first place only, and 'az' was taken as a state, so the
  // staging cities' 'AZ' was then blamed as "not a US state code" in another file.
  Settings s = baseline();
  std::string csv = test::file_text(s.data.us_states);
  const test::TempDir dir("tables_twice");
  const std::size_t at = csv.find("\ncode,") + 1;  // the header, after the comment lines
  const std::size_t end = csv.find('\n', at);
  std::string doubled = csv;
  doubled.replace(at, end - at, csv.substr(at, end - at) + ",code");
  const std::string twice = write_table(dir, "twice.csv", doubled);
  s.data.us_states = twice;
  CHECK_THAT(rejection(s.data.paths()), Contains(twice + ":" + std::to_string(line_of(csv, "\ncode,") + 1)) &&
                                            Contains("code is a column name given twice"));
  const int line = line_of(csv, "\nAZ,") + 1;
  replace_first(csv, "\nAZ,", "\naz,");
  const std::string lower = write_table(dir, "lower.csv", csv);
  s.data.us_states = lower;
  CHECK_THAT(rejection(s.data.paths()), Contains(lower + ":" + std::to_string(line) +
                                                 ":1: code is 'az', but must be a "
                                                 "two-letter upper-case postal code"));
}

TEST_CASE("read_reference_tables rejects an empty code or id", "[input][reference_tables][fuzz]") {
  Settings s = baseline();
  std::string csv = test::file_text(s.data.staging_cities);
  const int line = line_of(csv, "\nhouston,") + 1;
  replace_first(csv, "\nhouston,", "\n,");  // ",Houston,TX,…": no id
  const test::TempDir dir("tables_empty_id");
  const std::string bad = write_table(dir, "staging_cities.csv", csv);
  s.data.staging_cities = bad;
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), bad + ":" + std::to_string(line) + ":1: id is empty");
}

TEST_CASE("load_scenario reports a bad reference table at its file:line", "[input][reference_tables]") {
  std::string csv = test::file_text(baseline().data.us_states);
  replace_first(csv, "TX,Texas,5329,", "TX,Texas,many,");
  const int line = line_of(csv, "TX,Texas,many,");
  const test::TempDir dir("tables_at_load");
  const std::string bad = write_table(dir, "us_states.csv", csv);
  const std::string scenario = write_table(
      dir, "scenario.yaml",
      "extends: " + std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml\ndata:\n  us_states: " + bad + "\n");
  CHECK_THROWS_WITH(load_scenario(scenario), Contains(bad + ":" + std::to_string(line)) && Contains("retail_dealers"));
}

namespace {
/// `table` of the baseline with data rows appended (copies of its first row under new
/// codes) up to `rows` rows in all; returns the path and sets `over_line` to the line of
/// row `rows`.
std::string grown_table(const test::TempDir& dir, const std::string& shipped, const std::string& name, int rows,
                        int& over_line) {
  std::string csv = test::file_text(shipped);
  if (csv.back() != '\n') csv += '\n';
  int lines = 0, have = -1;
  std::string last;
  for (std::size_t begin = 0; begin < csv.size();) {
    const std::size_t end = csv.find('\n', begin);
    if (csv[begin] != '#' && end > begin) {
      if (++have == 1) last = csv.substr(begin, end - begin);
    }
    ++lines;
    begin = end + 1;
  }
  const std::string rest = last.substr(last.find(','));
  for (int i = 0; have < rows; ++i) {
    csv += "X" + std::to_string(i) + rest + "\n";
    ++lines;
    if (++have == rows) over_line = lines;
  }
  return write_table(dir, name, csv);
}
}  // namespace

TEST_CASE("read_reference_tables caps the crossings and Mexican states and staging cities at 1000 rows",
          "[input][reference_tables][hardening]") {
  const test::TempDir dir("tables_caps");
  for (const std::string& which : {"crossings", "mx_states", "staging_cities"}) {
    Settings s = baseline();
    std::string& path = which == "crossings"   ? s.data.crossings
                        : which == "mx_states" ? s.data.mx_states
                                               : s.data.staging_cities;
    const std::string what = which == "crossings"   ? "crossings"
                             : which == "mx_states" ? "Mexican states"
                                                    : "staging cities";
    const std::string column = which == "mx_states" ? "code" : "id";
    int over_line = 0;
    path = grown_table(dir, path, which + ".csv", 1001, over_line);
    INFO(which);
    CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                      Contains(path + ":" + std::to_string(over_line) + ":1: " + column + " is on row 1001 of the " +
                               what + "; at most 1000 in all"));
    Settings ok = baseline();  // 1000 rows are accepted
    std::string& ok_path = which == "crossings"   ? ok.data.crossings
                           : which == "mx_states" ? ok.data.mx_states
                                                  : ok.data.staging_cities;
    ok_path = grown_table(dir, ok_path, which + "_ok.csv", 1000, over_line);
    CHECK_NOTHROW(read_reference_tables(ok.data.paths()));
  }
}

TEST_CASE("read_reference_tables refuses a Mexican state of population 0 and needs the onward node marked",
          "[input][reference_tables][hardening]") {
  const test::TempDir dir("tables_onward");
  Settings s = baseline();
  const std::string shipped = test::file_text(s.data.mx_states);
  // A state with population 0: once a second onward node, and inf in the outputs.
  std::string csv = shipped;
  replace_first(csv, "SON,state,Sonora,2662480,", "SON,state,Sonora,0,");
  s.data.mx_states = write_table(dir, "zero.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                    Contains(s.data.mx_states + ":" + std::to_string(line_of(csv, "SON,")) +
                             ":4: population_2010 is 0; a Mexican state has people"));
  // Two onward nodes.
  csv = shipped;
  replace_first(csv, "SON,state,", "SON,onward,");
  s.data.mx_states = write_table(dir, "two.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains("kind is 'onward' again"));
  // An unknown kind, and a table without the column.
  csv = shipped;
  replace_first(csv, "SON,state,", "SON,estado,");
  s.data.mx_states = write_table(dir, "kind.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains(":2: kind is 'estado', but must be 'state'"));
  csv = shipped;
  replace_first(csv, "code,kind,", "code,");
  s.data.mx_states = write_table(dir, "nokind.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains("kind column is missing from the header"));
  // The shipped table marks exactly its onward node.
  const ReferenceTables t = read_reference_tables(baseline().data.paths());
  REQUIRE(t.onward_region >= 0);
  CHECK(t.regions[static_cast<std::size_t>(t.onward_region)].code == "CAC");
  CHECK(std::count_if(t.regions.begin(), t.regions.end(), [](const Region& r) { return r.onward; }) == 1);
}

TEST_CASE("read_reference_tables refuses a crossing kind other than port or unofficial",
          "[input][reference_tables][hardening]") {
  // A misspelt kind used to make the port an unofficial crossing without a word.
  const test::TempDir dir("tables_crossing_kind");
  Settings s = baseline();
  std::string csv = test::file_text(s.data.crossings);
  replace_first(csv, "san_ysidro,San Ysidro,port,", "san_ysidro,San Ysidro,Port,");
  s.data.crossings = write_table(dir, "kind.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                    Contains(s.data.crossings + ":" + std::to_string(line_of(csv, "san_ysidro,")) +
                             ":3: kind is 'Port', but must be 'port'"));
}

TEST_CASE("A reference table saved with a UTF-8 byte-order mark reads as without one",
          "[input][reference_tables][hardening]") {
  const test::TempDir dir("tables_bom");
  Settings s = baseline();
  s.data.us_states = write_table(dir, "bom.csv", "\xEF\xBB\xBF" + test::file_text(s.data.us_states));
  CHECK(read_reference_tables(s.data.paths()).states.size() == 51);
}

TEST_CASE("A table value out of range states the range in shortest form", "[input][reference_tables][hardening]") {
  const test::TempDir dir("tables_range_text");
  Settings s = baseline();
  std::string csv = test::file_text(s.data.mx_states);
  replace_first(csv, "SON,state,Sonora,2662480,", "SON,state,Sonora,2000000000,");
  s.data.mx_states = write_table(dir, "range.csv", csv);
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                    Contains("population_2010 is 2000000000, but must be in [0, 1e+09]"));
}

TEST_CASE("read_reference_tables reads homicides by year when named, and refuses years out of order",
          "[input][reference_tables]") {
  Settings s = baseline();
  CHECK(read_reference_tables(s.data.paths()).homicides_by_year.empty());  // not named: none
  s.data.mx_homicides_by_year = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/mx_homicides_by_year.csv";
  const ReferenceTables t = read_reference_tables(s.data.paths());
  REQUIRE(t.homicides_by_year.size() == 34);  // 1990-2023
  CHECK(t.homicides_by_year.front() == std::pair<int, double>{1990, 14493});
  CHECK(t.homicides_by_year[19] == std::pair<int, double>{2009, 19803});
  CHECK(t.homicides_by_year[20] == std::pair<int, double>{2010, 25757});  // the calibration's 2010
  const std::string csv = "# test\nyear,homicides\n2010,25757\n2012,25967\n2011,27213\n";
  const test::TempDir dir("tables_homicides_order");
  const std::string bad = write_table(dir, "h.csv", csv);
  s.data.mx_homicides_by_year = bad;
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains(bad + ":5") && Contains("year"));
}

TEST_CASE("read_reference_tables reads conflict homicides by year when named, and locates a bad count",
          "[input][reference_tables]") {
  Settings s = baseline();
  CHECK(read_reference_tables(s.data.paths()).conflict_homicides_by_year.empty());  // not named: none
  s.data.mx_conflict_homicides_by_year =
      std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/mx_conflict_homicides_by_year.csv";
  const ReferenceTables t = read_reference_tables(s.data.paths());
  REQUIRE(t.conflict_homicides_by_year.size() == 7);  // 2007-2011, 2013, 2014
  CHECK(t.conflict_homicides_by_year.front() == std::pair<int, double>{2007, 2826});
  CHECK(t.conflict_homicides_by_year[3] == std::pair<int, double>{2010, 15273});
  CHECK(t.homicides_by_year.empty());  // the two national tables are separate keys
  const test::TempDir dir("tables_conflict");
  const std::string bad = write_table(dir, "c.csv", "# test\nyear,homicides\n2009,9614\n2010,-5\n");
  s.data.mx_conflict_homicides_by_year = bad;
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains(bad + ":4") && Contains("homicides"));
}

TEST_CASE(
    "read_reference_tables refuses a year with more conflict homicides than homicides, against the count the "
    "model reads",
    "[input][reference_tables]") {
  Settings s = baseline();
  const test::TempDir dir("tables_conflict_share");
  // Without a yearly table the year's count is 2010's by state (data.mx_states: 25,757).
  s.data.mx_conflict_homicides_by_year =
      write_table(dir, "c.csv", "# test\nyear,homicides\n2009,9614\n2010,25757\n2011,25758\n");
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains(s.data.mx_conflict_homicides_by_year + ":5") &&
                                                               Contains("homicides") &&
                                                               Contains("more than the 25757 homicides of 2011") &&
                                                               Contains("data.mx_states, 2010") && !Contains(":4"));
  // With the national table, the year's count there (INEGI 2018: 36,685).
  s.data.mx_homicides_by_year = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/mx_homicides_by_year.csv";
  const ReferenceTables national = read_reference_tables(s.data.paths());
  REQUIRE(national.homicides_by_year.front().first == 1990);
  s.data.mx_conflict_homicides_by_year = write_table(dir, "c2.csv", "# test\nyear,homicides\n2010,25757\n2018,36686\n");
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()), Contains(s.data.mx_conflict_homicides_by_year + ":4") &&
                                                               Contains("of 2018 in all") &&
                                                               Contains("data.mx_homicides_by_year"));
  s.data.mx_conflict_homicides_by_year = write_table(dir, "c3.csv", "# test\nyear,homicides\n2010,25757\n2018,36685\n");
  CHECK(read_reference_tables(s.data.paths()).conflict_homicides_by_year.size() == 2);  // equal is allowed
  // The series the check reads is the model's: the national table when named.
  CHECK(read_reference_tables(s.data.paths()).national_homicides_by_year() == national.homicides_by_year);
  // With only the state table, the states' total of the year.
  s.data.mx_homicides_by_year.clear();
  s.data.mx_homicides_by_state_year =
      std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/mx_homicides_by_state_year.csv";
  s.data.mx_conflict_homicides_by_year = write_table(dir, "c4.csv", "# test\nyear,homicides\n2018,60000\n");
  CHECK_THROWS_WITH(read_reference_tables(s.data.paths()),
                    Contains("of 2018 in all (data.mx_homicides_by_state_year, summed)"));
  s.data.mx_conflict_homicides_by_year.clear();
  const ReferenceTables by_state = read_reference_tables(s.data.paths());
  const std::vector<std::pair<int, double>> totals = by_state.national_homicides_by_year();
  REQUIRE(totals.size() == by_state.homicides_by_state_year.size());
  const auto& [year, counts] = by_state.homicides_by_state_year.front();
  CHECK(totals.front().first == year);
  CHECK(totals.front().second == Approx(std::accumulate(counts.begin(), counts.end(), 0.0)));
  // Without either table: none, and 2010's count by state (data.mx_states) serves.
  const ReferenceTables plain = read_reference_tables(baseline().data.paths());
  CHECK(plain.national_homicides_by_year().empty());
  CHECK(plain.homicides_2010() == Approx(25757).epsilon(0.01));
}

TEST_CASE("read_reference_tables reads dated state laws when named, and says what is wrong with a row",
          "[input][reference_tables]") {
  Settings s = baseline();
  const ReferenceTables none = read_reference_tables(s.data.paths());
  CHECK(none.state_law_changes.empty());
  CHECK(none.state_law_epoch(Date::from_ymd(2010, 1, 1)) == 0);
  const test::TempDir dir("tables_state_laws");
  s.data.us_state_laws = write_table(dir, "laws.csv",
                                     "# test\nstate,law,start,end,source\n"
                                     "NY,assault_weapons_ban,2000-11-01,,Laws of 2000 c.189\n"
                                     "CO,private_sale_checks,2013-07-01,2020-01-01,HB 13-1229\n");
  const ReferenceTables t = read_reference_tables(s.data.paths());
  const UsStateInfo& ny = t.states[static_cast<std::size_t>(t.state_index("NY"))];
  const UsStateInfo& co = t.states[static_cast<std::size_t>(t.state_index("CO"))];
  CHECK(ny.awb);  // its 2010 flag still holds in every year
  CHECK(ny.in_force(StateLaw::kAssaultWeaponsBan, Date::from_ymd(1999, 1, 1)));
  CHECK(co.in_force(StateLaw::kPrivateSaleChecks, Date::from_ymd(2013, 7, 1)));
  CHECK_FALSE(co.in_force(StateLaw::kPrivateSaleChecks, Date::from_ymd(2013, 6, 30)));
  CHECK_FALSE(co.in_force(StateLaw::kPrivateSaleChecks, Date::from_ymd(2020, 1, 1)));  // end is exclusive
  CHECK_FALSE(co.in_force(StateLaw::kAssaultWeaponsBan, Date::from_ymd(2015, 1, 1)));  // another law
  // The days on which the laws in force change, and the epochs they mark.
  REQUIRE(t.state_law_changes.size() == 3);
  CHECK(t.state_law_epoch(Date::from_ymd(2000, 10, 31)) == 0);
  CHECK(t.state_law_epoch(Date::from_ymd(2000, 11, 1)) == 1);
  CHECK(t.state_law_epoch(Date::from_ymd(2019, 12, 31)) == 2);
  CHECK(t.state_law_epoch(Date::from_ymd(2020, 1, 1)) == 3);

  const std::string bad = write_table(dir, "bad.csv",
                                      "state,law,start,end,source\n"
                                      "XX,assault_weapons_ban,2000-11-01,,a\n"
                                      "NY,handgun_ban,2000-11-01,,a\n"
                                      "NY,bmg50_ban,2000-13-01,,a\n"
                                      "NY,bmg50_ban,2001-01-01,2000-01-01,a\n"
                                      "NY,bmg50_ban,2001-01-01,,\n"
                                      "NY,assault_weapons_ban,2000-11-01,,a\n"
                                      "NY,assault_weapons_ban,2005-01-01,2006-01-01,b\n");
  s.data.us_state_laws = bad;
  const std::string what = rejection(s.data.paths());
  CHECK_THAT(what,
             Contains(bad + ":2") && Contains("'XX', which is not a code of the US states table (data.us_states)"));
  CHECK_THAT(what, Contains(bad + ":3") && Contains("'handgun_ban'; expected assault_weapons_ban"));
  CHECK_THAT(what, Contains(bad + ":4") && Contains("not a date"));
  CHECK_THAT(what, Contains(bad + ":5") && Contains("is not after start"));
  // A second period of a law the state already has in force then (a copy-paste slip).
  CHECK_THAT(what, Contains(bad + ":8") &&
                       Contains("within a period of the same law on an earlier row (2000-11-01 to open-ended)"));
  CHECK_THAT(what, Contains(bad + ":6") && Contains("every dated law names its source"));
}

TEST_CASE("read_reference_tables reads homicides by state and year, every state each year",
          "[input][reference_tables]") {
  Settings s = baseline();
  s.data.mx_homicides_by_state_year =
      std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/mx_homicides_by_state_year.csv";
  const ReferenceTables t = read_reference_tables(s.data.paths());
  REQUIRE(t.homicides_by_state_year.size() == 33);  // 1990-2022
  CHECK(t.homicides_by_state_year.front().first == 1990);
  const auto& [year, counts] = t.homicides_by_state_year[20];
  CHECK(year == 2010);
  CHECK(counts[static_cast<std::size_t>(t.region_index("CHH"))] == 6430);
  // 1990-1999 from a second tabulation of INEGI's records: Guerrero's 1995, Mexico City's 1997.
  CHECK(t.homicides_by_state_year[5].second[static_cast<std::size_t>(t.region_index("GRO"))] == 1263);
  CHECK(t.homicides_by_state_year[7].second[static_cast<std::size_t>(t.region_index("CMX"))] == 1217);
  CHECK(counts[static_cast<std::size_t>(t.onward_region)] == 0);  // the onward node has none

  const test::TempDir dir("tables_state_year");
  std::string csv = "year,state,homicides\n";
  for (const Region& r : t.regions)
    if (!r.onward && r.code != "ZAC") csv += "2010," + r.code + ",5\n";  // ZAC missing
  csv += "2010,CHH,7\n";                                                 // twice
  csv += "2010,XXX,1\n";                                                 // unknown
  const std::string bad = write_table(dir, "split.csv", csv);
  s.data.mx_homicides_by_state_year = bad;
  const std::string what = rejection(s.data.paths());
  CHECK_THAT(what, Contains("2010 has no row for ZAC"));
  CHECK_THAT(what, Contains("'CHH', which row") && Contains("already gives for 2010"));
  CHECK_THAT(what, Contains("'XXX', which is not a Mexican state"));
}

TEST_CASE("read_reference_tables reads dealer checks by state and year, 2010 among the years",
          "[input][reference_tables]") {
  Settings s = baseline();
  s.data.us_sales_by_state_year =
      std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/us_sales_by_state_year.csv";
  const ReferenceTables t = read_reference_tables(s.data.paths());
  REQUIRE(t.sales_checks_by_state_year.size() == 24);  // 1999-2022
  CHECK(t.sales_checks_by_state_year.front().first == 1999);
  CHECK(t.sales_checks_by_state_year[11].first == 2010);
  CHECK(t.sales_checks_by_state_year[11].second[static_cast<std::size_t>(t.state_index("TX"))] > 500000);

  const test::TempDir dir("tables_sales_year");
  std::string csv = "year,state,handgun,long_gun\n";
  for (const UsStateInfo& st : t.states)
    if (st.code != "WY") csv += "2011," + st.code + ",5,5\n";  // WY missing, and no 2010
  const std::string bad = write_table(dir, "sales.csv", csv);
  s.data.us_sales_by_state_year = bad;
  const std::string what = rejection(s.data.paths());
  CHECK_THAT(what, Contains("2011 has no row for WY"));
  CHECK_THAT(what, Contains("has no 2010 rows"));
}
