// libFuzzer target for the scenario loader (issue 8): bytes → scenario file →
// load_scenario(). The contract under test is the one main() relies on: any input
// gives Settings or an InputError whose problems are located, never a crash, hang,
// leak, or another exception type (main() reports those as internal errors, exit 1).
// So only InputError is caught here; anything else escapes and libFuzzer records it.
//
// The loader reads files, not bytes, because `extends:` and data paths are relative
// to the file. Each input is written into a private sandbox laid out so that the
// relative references used by scenarios/ and tests/fixtures/scenarios/ resolve:
//
//   <tmp>/gunflow-fuzz-XXXXXX/scenarios -> <repo>/scenarios   (../../../scenarios/…)
//                             a/b/<each entry of scenarios/>   (../baseline.yaml, ../data/…)
//                             a/b/c/<scenarios/ entries + fixture files>, input.yaml
//
// Built two ways: with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt) and with the
// plain replay_main.cpp (ctest fuzz_corpus_replay, so crashers stay regression tests).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/loader.hpp"

namespace fs = std::filesystem;

namespace {

[[noreturn]] void contract_broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_scenario_loader: contract broken: %s\n", what.c_str());
  std::abort();  // libFuzzer saves the input as a crash
}

void link_entries(const fs::path& from_dir, const fs::path& into_dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(from_dir)) {
    fs::create_symlink(e.path(), into_dir / e.path().filename(), ec);  // first one wins on a clash
  }
}

/// The sandbox lives for the whole process; its destructor removes it on a normal exit
/// (remove_all deletes the symlinks, never what they point to).
class Sandbox {
 public:
  Sandbox() {
    const fs::path source(GUNFLOW_SOURCE_DIR);
    std::string tmpl = (fs::temp_directory_path() / "gunflow-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) contract_broken("cannot create a temporary directory under " + tmpl);
    root_ = tmpl;
    const fs::path inner = root_ / "a" / "b" / "c";
    fs::create_directories(inner);
    fs::create_directory_symlink(source / "scenarios", root_ / "scenarios");
    link_entries(source / "scenarios", inner.parent_path());
    link_entries(source / "scenarios", inner);
    link_entries(source / "tests" / "fixtures" / "scenarios", inner);
    input_ = inner / "input.yaml";
    resolved_ = inner / "resolved.yaml";
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  [[nodiscard]] const fs::path& input() const { return input_; }
  [[nodiscard]] const fs::path& resolved() const { return resolved_; }

 private:
  fs::path root_, input_, resolved_;
};

void write_file(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
  if (!out) contract_broken("cannot write " + path.string());
}

/// Whether text can go into the JSON outputs and replies — asked of nlohmann::json
/// itself (strict RFC 3629), the consumer whose refusal was the bug, rather than of a
/// second copy of the loader's own validator.
bool valid_utf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

/// "Bad input → clear located error": at least one problem, each naming a file and
/// saying what is wrong, in text that a terminal, a log or a JSON reply can carry
/// (`gunflow serve` sends errors as JSON, and nlohmann::json throws on invalid UTF-8).
void check_located(const gunflow::InputError& e) {
  if (e.problems().empty()) contract_broken("InputError with no problems");
  for (const gunflow::InputProblem& p : e.problems()) {
    if (p.file.empty() || p.message.empty()) contract_broken("problem without file or message: " + p.to_string());
    if (p.line < 0 || p.column < 0) contract_broken("negative position: " + p.to_string());
    if (!valid_utf8(p.to_string())) contract_broken("problem text is not UTF-8: " + p.to_string());
  }
}

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
