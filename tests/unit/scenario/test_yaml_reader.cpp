// yaml_reader.hpp through its two users: sweep and calibration files report every
// problem with file:line:col and key, like scenarios.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/scenario/sweep_file.hpp"

#include <fstream>

#include "../io/temp_dir.hpp"

using namespace gunflow;

namespace {
template <class Load>
std::string error_of(Load load, const std::string& file) {
  try {
    load(std::string(GUNFLOW_SOURCE_DIR) + "/tests/fixtures/" + file);
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
      load(path);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  const std::string sweep_bytes =
      write("bytes.sweep.yaml", "base: x.yaml\nparameters:\n  - key: border.inspection_rate\n    range: [0, 1]\n"
                                "outputs: [\"guns\xff\xfe\"]\n");
  CHECK_THAT(error(load_sweep, sweep_bytes), Catch::Contains("bytes.sweep.yaml:5:16: is not valid UTF-8 text"));
  const std::string sweep_escape =
      write("escape.sweep.yaml", "base: x.yaml\nparameters:\n  - key: \"border.inspection_rate\\N\"\n    range: [0, 1]\n");
  CHECK_THAT(error(load_sweep, sweep_escape), Catch::Contains("escape.sweep.yaml:3:10: is not valid UTF-8 once escapes"));
  const std::string calib_source =
      write("source.calib.yaml", "base: x.yaml\nparameters:\n  - {key: demand.guns_per_year, range: [1, 2]}\n"
                                 "targets:\n  - {metric: traces, band: [1, 2], source: \"\xc3\x28 bad\"}\n");
  CHECK_THAT(error(load_calibration, calib_source), Catch::Contains("source.calib.yaml:5:45: is not valid UTF-8 text"));
  const std::string calib_key = write("key.calib.yaml", "base: x.yaml\n\"rep\\_lications\": 2\n");
  CHECK_THAT(error(load_calibration, calib_key), Catch::Contains("key.calib.yaml:2:1: is not valid UTF-8 once escapes"));
}
