// yaml_reader.hpp through its two users: sweep and calibration files report every
// problem with file:line:col and key, like scenarios.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/scenario/sweep_file.hpp"
#include "gunflow/scenario/yaml_reader.hpp"

#include <fstream>

#include "../io/temp_dir.hpp"

using namespace gunflow;

namespace {
template <class Load>
std::string error_of(Load load, const std::string& file) {
  try {
    load(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + file, {});  // no --set overrides
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for " << file);
  return "";
}
}  // namespace

TEST_CASE("sweep files: unknown keys and bad ranges are located", "[scenario][sweep]") {
  const std::string msg = error_of(load_sweep, "bad_sweep.yaml");
  CHECK_THAT(msg, Catch::Contains("bad_sweep.yaml:2:1: desgn is not a known sweep key (base, design,"));
  CHECK_THAT(msg, Catch::Contains("bad_sweep.yaml:6:5: parameters[0].extra is not a known key (key, range, values)"));
  CHECK_THAT(msg, Catch::Contains("bad_sweep.yaml:5:12: parameters[0].range must have low < high"));
  CHECK_THAT(error_of(load_sweep, "no_such_sweep.yaml"), Catch::Contains("cannot open sweep file: no such file"));
}

TEST_CASE("calibration files: unknown keys, bad numbers and bands are located", "[scenario][calibrate]") {
  const std::string msg = error_of(load_calibration, "bad_calibration.yaml");
  CHECK_THAT(msg, Catch::Contains("bad_calibration.yaml:6:1: foo is not a known key (base, replications,"));
  CHECK_THAT(msg, Catch::Contains("bad_calibration.yaml:3:44: parameters[0].range must be a number"));
  CHECK_THAT(msg, Catch::Contains("bad_calibration.yaml:5:28: targets[0].band must be [low, high]"));
}

TEST_CASE("sweep and calibration files must be UTF-8 text, escapes decoded", "[scenario][sweep][calibrate]") {
  // Their keys, metric names and target sources reach outputs, as a scenario's do.
  const test::TempDir dir("yaml_reader_utf8");
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name), std::ios::binary) << text;
    return dir.file(name);
  };
  auto error = [](auto load, const std::string& path) -> std::string {
    try {
      load(path, {});
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  const std::string sweep_bytes =
      write("bytes.sweep.yaml",
            "base: x.yaml\nparameters:\n  - key: border.inspection_rate\n    range: [0, 1]\n"
            "outputs: [\"guns\xff\xfe\"]\n");
  CHECK_THAT(error(load_sweep, sweep_bytes), Catch::Contains("bytes.sweep.yaml:5:16: is not valid UTF-8 text"));
  const std::string sweep_escape = write(
      "escape.sweep.yaml", "base: x.yaml\nparameters:\n  - key: \"border.inspection_rate\\N\"\n    range: [0, 1]\n");
  CHECK_THAT(error(load_sweep, sweep_escape),
             Catch::Contains("escape.sweep.yaml:3:10: is not valid UTF-8 once escapes"));
  const std::string calib_source = write("source.calib.yaml",
                                         "base: x.yaml\nparameters:\n  - {key: demand.guns_per_year, range: [1, 2]}\n"
                                         "targets:\n  - {metric: traces, band: [1, 2], source: \"\xc3\x28 bad\"}\n");
  CHECK_THAT(error(load_calibration, calib_source), Catch::Contains("source.calib.yaml:5:45: is not valid UTF-8 text"));
  const std::string calib_key = write("key.calib.yaml", "base: x.yaml\n\"rep\\_lications\": 2\n");
  CHECK_THAT(error(load_calibration, calib_key),
             Catch::Contains("key.calib.yaml:2:1: is not valid UTF-8 once escapes"));
}

TEST_CASE("fuzz_job_files regression fixtures: each a located error, never a crash", "[scenario][sweep][calibrate]") {
  // tests/fixtures/fuzz_jobs holds what the fuzzer (or a hand search next to it) found;
  // fuzz_jobs_replay proves they no longer crash, this proves what the user is told.
  const auto calib = [](const std::string& f) { return error_of(load_calibration, "fuzz_jobs/" + f); };
  const auto sweep = [](const std::string& f) { return error_of(load_sweep, "fuzz_jobs/" + f); };
  CHECK_THAT(calib("alias_cycle.yaml"), Catch::Contains("alias_cycle.yaml:8:13: parameters[0] must be a mapping"));
  CHECK_THAT(sweep("alias_cycle.yaml"), Catch::Contains("alias_cycle.yaml:8:13: parameters[0] must be a mapping"));
  CHECK_THAT(calib("alias_expansion.yaml"), Catch::Contains("alias_expansion.yaml:16:1: l10 is not a known key"));
  CHECK_THAT(sweep("alias_expansion.yaml"), Catch::Contains("alias_expansion.yaml:16:1: l10 is not a known sweep key"));
  CHECK_THAT(calib("calibration_band_map.yaml"), Catch::Contains(":8:37: targets[0].band must be [low, high]"));
  const std::string item = calib("calibration_item_not_a_map.yaml");
  CHECK_THAT(item, Catch::Contains(":7:3: parameters[0] must be a mapping {key, range, start}"));
  CHECK_THAT(item, Catch::Contains(":9:3: targets[0] must be a mapping {metric, key, year, band, source}"));
  CHECK_THAT(sweep("calibration_item_not_a_map.yaml"), Catch::Contains(":7:3: parameters[0] must be a mapping"));
  const std::string missing = calib("calibration_missing_range_and_band.yaml");
  CHECK_THAT(missing, Catch::Contains(":9:5: parameters[0].range is required: [low, high]"));
  CHECK_THAT(missing, Catch::Contains(":12:5: targets[0].band is required: [low, high]"));
  const std::string whole = calib("calibration_whole_numbers_out_of_range.yaml");
  CHECK_THAT(whole, Catch::Contains(":9:15: replications is -1, but must be a whole number in [2, 1000000]"));
  CHECK_THAT(whole, Catch::Contains(":10:7: seed is 42222222222222222222222222222222222222222222222, but must be"));
  CHECK_THAT(whole, Catch::Contains(":11:18: max_evaluations is 1e300, but must be a whole number in [0, 1000000]"));
  CHECK_THAT(whole, Catch::Contains(":15:31: targets[0].year is 1e10, but must be a whole number in [0, 9999]"));
  CHECK_THAT(sweep("sweep_missing_base.yaml"),
             Catch::Contains("sweep_missing_base.yaml:6:7: base cannot open scenario file"));
  CHECK_THAT(calib("sweep_missing_base.yaml"),
             Catch::Contains("sweep_missing_base.yaml:6:7: base cannot open scenario file"));
  CHECK_THAT(sweep("sweep_parameters_scalar.yaml"),
             Catch::Contains(":5:13: parameters must be a non-empty list of {key, range}"));
  CHECK_THAT(calib("sweep_parameters_scalar.yaml"), Catch::Contains(":5:13: parameters must be a non-empty list"));
  CHECK_THAT(calib("sweep_parameters_scalar.yaml"), Catch::Contains("targets is required: a list of {metric, band}"));
}

TEST_CASE("key_range: required, [low, high], and within the scenario key's bounds", "[scenario][calibrate]") {
  // The reader calibration and prior files share for a parameter's range.
  const YAML::Node items = YAML::Load(
      "- {key: border.inspection_rate, range: [0.1, 2]}\n"
      "- {key: border.inspection_rate}\n"
      "- {key: border.inspection_rate, range: [0.01, 0.5]}\n");
  YamlReader r("f.yaml");
  double low = 0, high = 0;
  CHECK(r.key_range(items[0], "parameters[0]", "border.inspection_rate", 0, 1, low, high));
  CHECK_FALSE(r.key_range(items[1], "parameters[1]", "border.inspection_rate", 0, 1, low, high));
  CHECK(r.key_range(items[2], "parameters[2]", "border.inspection_rate", 0, 1, low, high));
  CHECK(low == 0.01);
  CHECK(high == 0.5);
  try {
    r.throw_if_any();
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 2);  // the third range is fine
    CHECK_THAT(
        e.what(),
        Catch::Contains("f.yaml:1:40: parameters[0].range lies outside border.inspection_rate's allowed range [0, 1]"));
    CHECK_THAT(e.what(), Catch::Contains("f.yaml:2:3: parameters[1].range is required: [low, high]"));
  }
}
