// Bad-input fixtures: every problem names file:line:column and the key path
// (DESIGN.md rule 9), and a scenario loads to the same Settings as its resolved form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/yaml_source.hpp"

using namespace gunflow;

namespace {
std::string fixture(const std::string& name) {
  return std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/scenarios/" + name;
}

/// The message of the InputError thrown by loading `name`.
std::string load_error(const std::string& name) {
  try {
    load_scenario(fixture(name));
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for " << name);
  return "";
}
}  // namespace

TEST_CASE("baseline loads and extends overlays only named keys", "[scenario]") {
  const LoadedScenario base = load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const LoadedScenario child = load_scenario(fixture("good_child.yaml"));
  CHECK(child.files.size() == 3);  // child, baseline, calibration/baseline-prior
  CHECK(child.settings.simulation.name == "child");
  CHECK(child.settings.border.inspection_rate == 0.05);
  CHECK(child.settings.simulation.start == base.settings.simulation.start);
  CHECK(child.settings.data.us_states == base.settings.data.us_states);  // resolved against the base file
  CHECK(std::filesystem::path(child.settings.data.us_states).is_absolute());
}

TEST_CASE("out-of-range value names file, line, column and key", "[scenario]") {
  const std::string msg = load_error("bad_range.yaml");
  CHECK_THAT(msg, Catch::Contains("bad_range.yaml:3:20: border.inspection_rate is 1.7, but must be in [0, 1]"));
}

TEST_CASE("misspelt key is an error with a suggestion", "[scenario]") {
  const std::string msg = load_error("bad_typo.yaml");
  CHECK_THAT(msg, Catch::Contains("bad_typo.yaml:3:3: border.inspection_rat is not a known key"));
  CHECK_THAT(msg, Catch::Contains("did you mean 'border.inspection_rate'"));
}

TEST_CASE("wrong types are reported for each key", "[scenario]") {
  const std::string msg = load_error("bad_type.yaml");
  CHECK_THAT(msg, Catch::Contains("bad_type.yaml:3:10: traffickers.count must be an integer, but is 'many'"));
  CHECK_THAT(msg, Catch::Contains("bad_type.yaml:4:14: traffickers.straw_fee must be a real, but is a list"));
}

TEST_CASE("integer keys reject a fraction instead of truncating it", "[scenario]") {
  const std::string msg = load_error("bad_integer.yaml");
  CHECK_THAT(msg,
             Catch::Contains(
                 "bad_integer.yaml:10:16: policies.multiple_rifle_reporting.threshold is 2.5, but must be an integer"));
  CHECK_THAT(msg, Catch::Contains("bad_integer.yaml:3:18: traffickers.shipment_size is 20.5, but must be an integer"));
  CHECK_THAT(msg, Catch::Contains("bad_integer.yaml:6:17: border.reroute_days is 1e9, but must be in [1, 3650]"));
  CHECK_THAT(msg, Catch::Contains("bad_integer.yaml:11:27: policies.multiple_rifle_reporting.window_business_days must "
                                  "be an integer, but is 'five'"));
  // A whole number written as a real is a whole number.
  CHECK_THAT(msg, !Catch::Contains("guns_per_buyer"));
}

TEST_CASE("duplicate keys are errors", "[scenario]") {
  CHECK_THAT(load_error("bad_duplicate.yaml"),
             Catch::Contains("bad_duplicate.yaml:4:3: border.inspection_rate is given twice"));
}

TEST_CASE("dates out of order and impossible dates", "[scenario]") {
  CHECK_THAT(load_error("bad_dates.yaml"),
             Catch::Contains("bad_dates.yaml:4:8: simulation.end is 2011-01-01, but must be after simulation.start"));
  CHECK_THAT(
      load_error("bad_date_format.yaml"),
      Catch::Contains("bad_date_format.yaml:3:10: simulation.start must be a date YYYY-MM-DD, but is '2011-02-30'"));
}

TEST_CASE("missing base file and cyclic extends", "[scenario]") {
  CHECK_THAT(load_error("bad_missing_base.yaml"), Catch::Contains("bad_missing_base.yaml:1:10: extends cannot open"));
  CHECK_THAT(load_error("bad_cycle_a.yaml"), Catch::Contains("extends forms a cycle"));
  CHECK_THAT(load_error("does_not_exist_at_all.yaml"),
             Catch::Contains("does_not_exist_at_all.yaml: cannot open scenario file: no such file"));
}

TEST_CASE("YAML syntax errors carry the parser's position", "[scenario]") {
  CHECK_THAT(load_error("bad_syntax.yaml"),
             Catch::Contains("bad_syntax.yaml:") && Catch::Contains("YAML syntax error"));
}

TEST_CASE("map keys are checked against their vocabulary", "[scenario]") {
  CHECK_THAT(load_error("bad_map_key.yaml"),
             Catch::Contains("bad_map_key.yaml:3:29: demand.class_mix.laser_rifle is not a valid key here"));
}

TEST_CASE("an error inherited from a base file points into the base file", "[scenario]") {
  CHECK_THAT(load_error("bad_inherited.yaml"), Catch::Contains("bad_range.yaml:3:20: border.inspection_rate"));
}

TEST_CASE("all problems are collected in one pass", "[scenario]") {
  try {
    load_scenario(fixture("bad_many.yaml"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 3);
    CHECK(e.problems()[0].line > 0);
  }
}

TEST_CASE("the resolved scenario reloads to identical settings", "[scenario]") {
  const LoadedScenario child = load_scenario(fixture("good_child.yaml"));
  const std::string text = resolved_yaml(child.settings);
  const auto path = std::filesystem::temp_directory_path() / "gunflow_resolved_test.yaml";
  std::ofstream(path) << text;
  const LoadedScenario again = load_scenario(path.string());
  CHECK(resolved_yaml(again.settings) == text);
  std::filesystem::remove(path);
}

TEST_CASE("policy blocks: writing one switches it on and requires a start", "[scenario][policy]") {
  CHECK_THAT(load_error("bad_policy_no_start.yaml"),
             Catch::Contains("bad_policy_no_start.yaml:3:3: policies.atf_capacity.start is required"));
  CHECK_THAT(load_error("bad_policy_dates.yaml"),
             Catch::Contains("bad_policy_dates.yaml:5:10: policies.vetting.end is 2011-01-01, but must be after"));
  CHECK_THAT(
      load_error("bad_policy_crossing.yaml"),
      Catch::Contains("bad_policy_crossing.yaml:5:16: policies.southbound_inspection.crossings names 'tijuana'"));
  CHECK_THAT(load_error("bad_policy_state.yaml"),
             Catch::Contains("bad_policy_state.yaml:5:18: policies.universal_background_checks.states[1] is 'XX'"));
  const LoadedScenario off = load_scenario(fixture("good_policy_off.yaml"));
  CHECK_FALSE(off.settings.policies.vetting.enabled);
  CHECK(off.settings.policies.atf_capacity.enabled);  // inherited from combined.yaml
  CHECK(off.settings.policies.atf_capacity.start == Date::from_ymd(2011, 1, 1));
}

TEST_CASE("bad-input catalogue: each is a located error, never a crash", "[scenario][bad-input]") {
  struct Case {
    const char* file;
    const char* expected;
  };
  const Case cases[] = {
      {"bad_truncated.yaml", "bad_truncated.yaml:4:1: YAML syntax error"},
      {"bad_negative.yaml", "bad_negative.yaml:3:10: traffickers.count is -5, but must be in [1, 1e+06]"},
      {"bad_huge.yaml", "bad_huge.yaml:3:10: traffickers.count is 99999999999999999999999, but must be in"},
      {"bad_huge.yaml", "bad_huge.yaml:5:18: demand.guns_per_year must be a real number, but is '1e400'"},
      {"bad_unknown_state.yaml", "bad_unknown_state.yaml:3:31: traffickers.home_state_weights.ZZ is not a valid key"},
      {"bad_non_utf8.yaml", "bad_non_utf8.yaml:3:12: is not valid UTF-8"},
      {"bad_horizon.yaml", "bad_horizon.yaml:4:8: simulation.end gives a horizon of 50 years; at most 40"},
      {"bad_cycle_a.yaml", "extends forms a cycle"},
      {"bad_dates.yaml", "must be after simulation.start"},
      {"bad_policy_crossing.yaml", "which is not a crossing id"},
      {"bad_horizon_override.yaml", "bad_horizon_override.yaml:5:10: simulation.start gives a horizon of"},
      {"bad_open_quote.yaml", "bad_open_quote.yaml:3:16: simulation.description has a quoted string that does not end"},
      {"bad_truncated_string.yaml",
       "bad_truncated_string.yaml:2:9: simulation.name has a quoted string that does not end"},
      {"bad_document_marker.yaml", "bad_document_marker.yaml:3:1: has a YAML document marker"},
      {"bad_nested_dotted.yaml", "bad_nested_dotted.yaml:3:1: border.inspection_rate is given twice in this file"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    CHECK_THAT(load_error(c.file), Catch::Contains(c.expected));
  }
}

// Inputs found with the libFuzzer target (tests/fuzz/, docs/fuzzing.md); the replay test
// fuzz_corpus_replay runs them through the harness too. Loaded strings and error text
// must be UTF-8: outputs and `gunflow serve` go through nlohmann::json, which throws on
// anything else (an internal error, exit 1, instead of a located input error).
namespace {
std::string fuzz_error(const std::string& name) {
  try {
    load_scenario(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/fuzz/" + name);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for " << name);
  return "";
}
}  // namespace

TEST_CASE("fuzz finds: UTF-8 is checked by code point, not by the shape of the bytes", "[scenario][fuzz]") {
  CHECK_THAT(fuzz_error("utf8_beyond_u10ffff_in_name.yaml"),
             Catch::Contains("utf8_beyond_u10ffff_in_name.yaml:6:20: is not valid UTF-8 text"));
  CHECK_THAT(fuzz_error("utf8_surrogate_in_name.yaml"),
             Catch::Contains("utf8_surrogate_in_name.yaml:4:21: is not valid UTF-8 text"));
  CHECK_THAT(fuzz_error("utf8_overlong_in_name.yaml"),
             Catch::Contains("utf8_overlong_in_name.yaml:3:22: is not valid UTF-8 text"));
}

// yaml-cpp decodes the \N and \_ escapes to lone Latin-1 bytes, and quotes half a
// character in its "unknown escape character" message.
TEST_CASE("fuzz finds: escapes that decode to invalid UTF-8 are located input errors", "[scenario][fuzz]") {
  const std::string nel = fuzz_error("escape_nel_in_name.yaml");
  CHECK_THAT(nel, Catch::Contains("escape_nel_in_name.yaml:6:9: simulation.name is not valid UTF-8 once escapes"));
  CHECK_THAT(nel, Catch::Contains("the \\N and \\_ escapes are not supported"));
  const std::string nbsp = fuzz_error("escape_nbsp_in_key_and_list.yaml");
  CHECK_THAT(nbsp, Catch::Contains("escape_nbsp_in_key_and_list.yaml:4:1: has a key that is not valid UTF-8"));
  CHECK_THAT(nbsp, Catch::Contains(
                       "escape_nbsp_in_key_and_list.yaml:8:29: policies.southbound_inspection.crossings is not valid"));
  const std::string multibyte = fuzz_error("escape_unknown_multibyte.yaml");
  CHECK_THAT(multibyte, Catch::Contains("escape_unknown_multibyte.yaml:5:"));
  CHECK_THAT(multibyte, Catch::Contains("YAML syntax error: unknown escape character: \xEF\xBF\xBD"));
}

namespace {
std::string override_error(const std::vector<std::string>& overrides) {
  try {
    load_scenario(fixture("good_child.yaml"), overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for the overrides");
  return "";
}
}  // namespace

TEST_CASE("set overrides apply after the extends chain and are kept", "[scenario][set]") {
  const LoadedScenario s = load_scenario(
      fixture("good_child.yaml"), {"traffickers.count=40", "border.inspection_rate=0.2", "border.inspection_rate=0.3"});
  CHECK(s.settings.traffickers.count == 40);
  CHECK(s.settings.border.inspection_rate == 0.3);  // the last one wins, as a later layer
  CHECK(s.overrides.size() == 3);
  CHECK(s.files.size() == 3);  // overrides are not files
  // A key inside a policy block writes the block: the policy is switched on.
  const LoadedScenario p = load_scenario(fixture("good_child.yaml"), {"policies.atf_capacity.start=2011-01-01"});
  CHECK(p.settings.policies.atf_capacity.enabled);
  // A mapping value works like a YAML block.
  const LoadedScenario m = load_scenario(fixture("good_child.yaml"), {"border={inspection_rate: 0.25}"});
  CHECK(m.settings.border.inspection_rate == 0.25);
}

TEST_CASE("set override problems are located at the override with the same checks and suggestions", "[scenario][set]") {
  CHECK_THAT(override_error({"traffickers.count=abc"}),
             Catch::Contains("--set traffickers.count=abc: traffickers.count must be an integer, but is 'abc'"));
  CHECK_THAT(override_error({"border.inspection_rate=2"}),
             Catch::Contains("--set border.inspection_rate=2: border.inspection_rate is 2, but must be in [0, 1]"));
  CHECK_THAT(override_error({"traffickers.cout=4"}),
             Catch::Contains(
                 "--set traffickers.cout=4: traffickers.cout is not a known key; did you mean 'traffickers.count'?"));
  CHECK_THAT(
      override_error({"trafickers.count=4"}),
      Catch::Contains("--set trafickers.count=4: trafickers is not a known key; did you mean 'traffickers.count'?"));
  CHECK_THAT(override_error({"traffickers.count"}), Catch::Contains("--set traffickers.count: must be KEY=VALUE"));
  // A map key written as a group: said so, not "unknown; did you mean" the same key.
  CHECK_THAT(override_error({"demand.class_mix.handgun=0.9"}),
             Catch::Contains("demand.class_mix is a key, not a group of keys: set it whole") &&
                 Catch::Contains("'demand.class_mix={a: 1, b: 2}'"));
  // Start and end are wrong only together: the one given by --set is blamed, not the file's.
  CHECK_THAT(override_error({"simulation.end=1990-01-01"}),
             Catch::Contains("--set simulation.end=1990-01-01: simulation.end is 1990-01-01, but must be after"));
  CHECK_THAT(override_error({"simulation.start=2099-01-01"}),
             Catch::Contains("--set simulation.start=2099-01-01: simulation.start is 2099-01-01, but must be before"));
  // The extends chain is read before overrides: one given there must not be silently dropped.
  CHECK_THAT(override_error({"extends=other.yaml"}),
             Catch::Contains("--set extends=other.yaml: extends cannot be set from the command line"));
  CHECK_THAT(override_error({"policies.atf_capacity.agents=3"}),
             Catch::Contains("policies.atf_capacity.start is required"));
  // Every problem at once: two bad overrides give two lines.
  const std::string both = override_error({"traffickers.count=abc", "border.inspection_rate=-1"});
  CHECK(std::count(both.begin(), both.end(), '\n') >= 1);
}

TEST_CASE("the resolved scenario written beside outputs has relative data paths and their SHA-256", "[scenario][set]") {
  const LoadedScenario child = load_scenario(fixture("good_child.yaml"), {"traffickers.count=40"});
  const auto dir = std::filesystem::temp_directory_path() / "gunflow_resolved_for_test";
  std::filesystem::create_directories(dir);
  const std::string text = resolved_yaml_for(child.settings, dir.string(), child.overrides);
  CHECK(text.find("  us_states: \"/") == std::string::npos);  // not absolute
  CHECK_THAT(text, Catch::Contains("  us_states: \"../"));
  CHECK_THAT(text, Catch::Contains("sha256 "));
  CHECK_THAT(text, Catch::Contains("#   --set traffickers.count=40"));
  std::ofstream(dir / "scenario.resolved.yaml") << text;
  const LoadedScenario again = load_scenario((dir / "scenario.resolved.yaml").string());
  CHECK(resolved_yaml(again.settings) == resolved_yaml(child.settings));  // the same settings
  std::filesystem::remove_all(dir);
}

TEST_CASE("sha256_of_text matches FIPS 180-4 test vectors", "[scenario]") {
  CHECK(sha256_of_text("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_of_text("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_of_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("a file of many unknown keys lists the first 50 and counts the rest", "[scenario]") {
  const auto path = std::filesystem::temp_directory_path() / "gunflow_many_unknown_keys.yaml";
  {
    std::ofstream out(path);
    out << "simulation: {name: many}\n";  // one real key: a scenario (else it is "not a scenario" at once)
    for (int i = 0; i < 5000; ++i) out << "no_such_key_" << i << ": 1\n";
  }
  try {
    load_scenario(path.string());
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.problems().size() == kMaxListedProblems);  // 49 described and the count
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("no_such_key_0 is not a known key"));
    CHECK_THAT(msg, Catch::Contains("no_such_key_48 is not a known key"));
    CHECK_THAT(msg, !Catch::Contains("no_such_key_49 "));
    CHECK_THAT(msg, Catch::EndsWith("gunflow_many_unknown_keys.yaml: … and 4951 more problems (not listed)"));
    CHECK(msg.size() < 20000);
  }
  std::filesystem::remove(path);
}

TEST_CASE("a scenario file over 1 MiB is refused before it is parsed", "[scenario]") {
  const auto path = std::filesystem::temp_directory_path() / "gunflow_huge_scenario.yaml";
  {
    std::ofstream out(path);
    for (int i = 0; out.tellp() <= static_cast<std::streamoff>(kMaxScenarioBytes); ++i)
      out << "unknown_key_" << i << ": 1\n";
  }
  const std::string msg = [&] {
    try {
      load_scenario(path.string());
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  std::filesystem::remove(path);
  CHECK_THAT(msg, Catch::Contains("gunflow_huge_scenario.yaml: is ") &&
                      Catch::Contains(" bytes; a scenario file may be at most 1048576 (1 MiB)"));
  CHECK_THAT(msg, !Catch::Contains("unknown_key_0"));
}
