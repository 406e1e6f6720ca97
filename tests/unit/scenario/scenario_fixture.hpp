#pragma once
// Scenario text written to a temp file (scenario, sweep and calibration tests).
#include <fstream>
#include <string>

#include "../io/temp_dir.hpp"

namespace gunflow::test {

inline std::string source_dir() { return GUNFLOW_SOURCE_DIR; }

/// Writes `text` to `name` in `dir` and returns the path.
inline std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}

}  // namespace gunflow::test
