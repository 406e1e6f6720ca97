// libFuzzer target for the job files that are not scenarios: bytes → file → load_sweep(),
// and independently load_calibration() and load_parameter_sets() on the same bytes, once as
// a prior file (.yaml, three sets drawn) and once as a parameter-set table (.csv), the two
// forms `gunflow ensemble --parameters` takes. The contract is the one `gunflow sweep`,
// `calibrate` and `ensemble` rely on: any input gives a spec or an InputError whose
// problems are located, never a crash, hang, leak, or another exception type (main()
// reports those as internal errors, exit 1). So only InputError is caught here; anything
// else escapes and libFuzzer records it.
//
// `base:` is relative to the file, so each input is written into the sandbox of
// fuzz_support.hpp, where the bases of scenarios/sweeps/, scenarios/calibration/ and
// the tests/fixtures/ job files resolve (../baseline.yaml, ../policies/…,
// baseline-prior.yaml, scenarios/short.yaml). A loaded spec is not run: the model is
// out of scope, and the base scenario has its own target (fuzz_scenario_loader).
//
// Built two ways: with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt) and with the
// plain replay_main.cpp (ctest fuzz_jobs_replay, so crashers stay regression tests).
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/calibration_file.hpp"
#include "gunflow/scenario/prior_file.hpp"
#include "gunflow/scenario/sweep_file.hpp"

const char gunflow_fuzz::kHarnessName[] = "fuzz_job_files";

namespace {

/// Loads or throws a located InputError; whatever else it throws escapes.
template <class Load>
void check_reader(Load load, const std::string& path) {
  try {
    (void)load(path, {});  // no --set overrides
  } catch (const gunflow::InputError& e) {
    gunflow_fuzz::check_located(e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gunflow_fuzz::Sandbox box;
  gunflow_fuzz::write_file(box.input(), reinterpret_cast<const char*>(data), size);
  const std::string path = box.input().string();
  check_reader(gunflow::load_sweep, path);
  check_reader(gunflow::load_calibration, path);
  // Three sets, whatever `draws:` says (up to a million), so a large but valid prior is not
  // mistaken for a hang; the file's draws are still checked.
  const auto sets = [](const std::string& file, int) { return gunflow::load_parameter_sets(file, 3); };
  check_reader(sets, path);
  const std::string csv = (box.input().parent_path() / "input.csv").string();
  gunflow_fuzz::write_file(csv, reinterpret_cast<const char*>(data), size);
  check_reader([](const std::string& file, int) { return gunflow::load_parameter_sets(file); }, csv);
  return 0;
}
