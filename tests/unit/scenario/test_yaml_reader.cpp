// yaml_reader.hpp through its two users: sweep and calibration files report every
// problem with file:line:col and key, like scenarios.
#include <catch2/catch.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/scenario/sweep_file.hpp"

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
