// libFuzzer target for the scenario loader: bytes → scenario file →
// load_scenario(). The contract under test is the one main() relies on: any input
// gives Settings or an InputError whose problems are located, never a crash, hang,
// leak, or another exception type (main() reports those as internal errors, exit 1).
// So only InputError is caught here; anything else escapes and libFuzzer records it.
//
// The loader reads files, not bytes, because `extends:` and data paths are relative
// to the file: each input is written into a private sandbox (fuzz_support.hpp) where the
// relative references used by scenarios/ and tests/fixtures/scenarios/ resolve.
//
// Built two ways: with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt) and with the
// plain replay_main.cpp (ctest fuzz_corpus_replay, so crashers stay regression tests).
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/loader.hpp"

const char gunflow_fuzz::kHarnessName[] = "fuzz_scenario_loader";

namespace {

using gunflow_fuzz::check_located;
using gunflow_fuzz::contract_broken;
using gunflow_fuzz::Sandbox;
using gunflow_fuzz::write_file;

/// loader.hpp promises that the resolved form loads to the same Settings; compare the
/// resolved texts, which list every key.
void check_round_trip(const gunflow::LoadedScenario& loaded, const Sandbox& box) {
  const std::string text = gunflow::resolved_yaml(loaded.settings);
  write_file(box.resolved(), text.data(), text.size());
  try {
    const gunflow::LoadedScenario again = gunflow::load_scenario(box.resolved().string());
    if (gunflow::resolved_yaml(again.settings) != text) contract_broken("resolved scenario loads differently");
  } catch (const gunflow::InputError& e) {
    contract_broken(std::string("resolved scenario does not load:\n") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Sandbox box;
  write_file(box.input(), reinterpret_cast<const char*>(data), size);
  try {
    const gunflow::LoadedScenario loaded = gunflow::load_scenario(box.input().string());
    check_round_trip(loaded, box);
  } catch (const gunflow::InputError& e) {
    check_located(e);
  }
  return 0;
}
