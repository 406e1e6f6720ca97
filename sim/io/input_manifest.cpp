#include "gunflow/io/input_manifest.hpp"

#include <sstream>

namespace gunflow {

std::vector<std::pair<std::string, ManifestLine>> parse_manifest(const std::string& text) {
  std::vector<std::pair<std::string, ManifestLine>> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t a = line.find(' ');
    const std::size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
    if (b == std::string::npos) continue;
    out.push_back({line.substr(0, a), {line.substr(a + 1, b - a - 1), line.substr(b + 1)}});
  }
  return out;
}

}  // namespace gunflow
