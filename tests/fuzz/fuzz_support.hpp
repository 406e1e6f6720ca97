#pragma once
// What the libFuzzer targets share (fuzz_scenario_loader.cpp, fuzz_job_files.cpp): the
// sandbox each input is written into, and the check that an InputError is located
// (fuzz_data_tables.cpp uses the check, write_file() and a bare TempRoot).
// Each harness defines gunflow_fuzz::kHarnessName, which prefixes its abort messages.
//
// The readers read files, not bytes, because `extends:`, `base:` and data paths are
// relative to the file. Each input is written into a private sandbox laid out so that
// the relative references used by scenarios/, tests/fixtures/scenarios/, the sweep and
// calibration files and their fixtures all resolve (directories and symlinks, no copies):
//
//   <tmp>/gunflow-fuzz-XXXXXX/scenarios -> <repo>/scenarios   (../../../scenarios/…)
//                             a/b/<each entry of scenarios/>   (../baseline.yaml, ../data/…,
//                                                               ../policies/…)
//                             a/b/c/<scenarios/ entries + fixture files>, input.yaml
//                             a/b/c/<scenarios/calibration/ entries>   (baseline-prior.yaml)
//                             a/b/c/scenarios/<fixture files>  (scenarios/short.yaml)
//                             a/scenarios -> <repo>/scenarios  (short.yaml's ../../../scenarios/…)
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"

namespace gunflow_fuzz {

namespace fs = std::filesystem;

extern const char kHarnessName[];  ///< defined by each harness

[[noreturn]] inline void contract_broken(const std::string& what) {
  std::fprintf(stderr, "%s: contract broken: %s\n", kHarnessName, what.c_str());
  std::abort();  // libFuzzer saves the input as a crash
}

inline void link_entries(const fs::path& from_dir, const fs::path& into_dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(from_dir)) {
    fs::create_symlink(e.path(), into_dir / e.path().filename(), ec);  // first one wins on a clash
  }
}

/// A private directory under the temp dir (`prefix`-XXXXXX), removed on a normal exit
/// (remove_all deletes symlinks, never what they point to).
class TempRoot {
 public:
  explicit TempRoot(const std::string& prefix) {
    std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(tmpl.data())) contract_broken("cannot create a temporary directory under " + tmpl);
    path_ = tmpl;
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// The sandbox lives for the whole process.
class Sandbox {
 public:
  Sandbox() {
    const fs::path source(GUNFLOW_SOURCE_DIR);
    const fs::path& root = root_.path();
    const fs::path inner = root / "a" / "b" / "c";
    fs::create_directories(inner);
    fs::create_directory_symlink(source / "scenarios", root / "scenarios");
    link_entries(source / "scenarios", inner.parent_path());
    link_entries(source / "scenarios", inner);
    link_entries(source / "tests" / "fixtures" / "scenarios", inner);
    // For the job files: `base: baseline-prior.yaml` (scenarios/calibration/) and
    // `base: scenarios/short.yaml` (tests/fixtures/). That scenarios/ is a directory, not
    // a link: the loader resolves short.yaml's `../../../scenarios/baseline.yaml` in the
    // file system but names it (and resolves its data paths) lexically, and the two must
    // agree: both give a/scenarios.
    link_entries(source / "scenarios" / "calibration", inner);
    fs::create_directory(inner / "scenarios");
    link_entries(source / "tests" / "fixtures" / "scenarios", inner / "scenarios");
    fs::create_directory_symlink(source / "scenarios", root / "a" / "scenarios");
    input_ = inner / "input.yaml";
    resolved_ = inner / "resolved.yaml";
  }
  [[nodiscard]] const fs::path& input() const { return input_; }
  [[nodiscard]] const fs::path& resolved() const { return resolved_; }

 private:
  TempRoot root_{"gunflow-fuzz"};
  fs::path input_, resolved_;
};

inline void write_file(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
  if (!out) contract_broken("cannot write " + path.string());
}

/// Whether text can go into the JSON outputs and replies — asked of nlohmann::json
/// itself (strict RFC 3629), the consumer whose refusal was the bug, rather than of a
/// second copy of the loader's own validator.
inline bool valid_utf8(const std::string& s) {
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
inline void check_located(const gunflow::InputError& e) {
  if (e.problems().empty()) contract_broken("InputError with no problems");
  // All problems' text is checked in one JSON round (a table of 1,000 bad rows has 1,000
  // problems; one dump per problem was a sixth of the tables fuzzer's time under ASan).
  std::string all;
  for (const gunflow::InputProblem& p : e.problems()) {
    if (p.file.empty() || p.message.empty()) contract_broken("problem without file or message: " + p.to_string());
    if (p.line < 0 || p.column < 0) contract_broken("negative position: " + p.to_string());
    all += p.to_string() + '\n';
  }
  if (!valid_utf8(all))
    for (const gunflow::InputProblem& p : e.problems())
      if (!valid_utf8(p.to_string())) contract_broken("problem text is not UTF-8: " + p.to_string());
}

}  // namespace gunflow_fuzz
