#pragma once
// Typed exceptions of the library. main() catches them once and maps them to exit
// codes; nothing below main() calls exit().
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace gunflow {

/// One located problem in an input file: `file:line:col: key.path message`.
struct InputProblem {
  std::string file;
  int line = 0;    ///< 1-based; 0 when the problem has no position (e.g. missing file)
  int column = 0;  ///< 1-based; 0 when unknown
  std::string key_path;
  std::string message;

  /// "scenarios/x.yaml:14:5: policies.a.rate is 1.7, but must be in [0, 1]"
  [[nodiscard]] std::string to_string() const;
};

/// Problems listed in a message at most; readers stop describing problems past it (a
/// file of a million unknown keys must not cost gigabytes of messages).
inline constexpr std::size_t kMaxListedProblems = 50;

/// Bad user input (scenario, data table, command line). Carries every problem found,
/// so the user fixes them all in one pass.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<InputProblem> problems);
  explicit InputError(InputProblem problem);
  [[nodiscard]] const std::vector<InputProblem>& problems() const { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

/// A file-system failure (cannot write, rename, fsync, or a refused output dir).
class IoError : public std::runtime_error {
 public:
  IoError(const std::string& path, const std::string& what);
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Exit codes, documented in README: 0 ok, 1 internal, 2 input, 3 I/O, 130 interrupted.
enum class ExitCode : int { kOk = 0, kInternal = 1, kInput = 2, kIo = 3, kInterrupted = 130 };

}  // namespace gunflow
