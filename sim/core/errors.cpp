#include "gunflow/core/errors.hpp"

#include <algorithm>
#include <sstream>

namespace gunflow {
namespace {
std::string join(const std::vector<InputProblem>& problems) {
  std::ostringstream out;
  const std::size_t shown = std::min(problems.size(), kMaxListedProblems);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out << '\n';
    out << problems[i].to_string();
  }
  if (problems.size() > shown) out << "\n… and " << problems.size() - shown << " more problems";
  return out.str();
}
}  // namespace

std::string InputProblem::to_string() const {
  std::ostringstream out;
  out << file;
  if (line > 0) {
    out << ':' << line;
    if (column > 0) out << ':' << column;
  }
  out << ": ";
  if (!key_path.empty()) out << key_path << ' ';
  out << message;
  return out.str();
}

InputError::InputError(std::vector<InputProblem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

InputError::InputError(InputProblem problem) : InputError(std::vector<InputProblem>{std::move(problem)}) {}

IoError::IoError(const std::string& path, const std::string& what)
    : std::runtime_error(path + ": " + what), path_(path) {}

}  // namespace gunflow
