// Writes the fully resolved scenario (every key, in schema order).
#include <sstream>

#include <nlohmann/json.hpp>

#include "gunflow/scenario/loader.hpp"

namespace gunflow {
namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(path.substr(start, dot - start));
  parts.push_back(path.substr(start));
  return parts;
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }  // JSON strings are YAML

std::string yaml_value(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return quoted(*s);
  if (const auto* l = std::get_if<StringList>(&v)) {
    std::string out = "[";
    for (std::size_t i = 0; i < l->size(); ++i) out += (i ? ", " : "") + quoted((*l)[i]);
    return out + "]";
  }
  return format_value(v);
}
}  // namespace

std::string resolved_yaml(const Settings& settings) {
  std::ostringstream out;
  out << "# Fully resolved scenario written by gunflow: every key, defaults included.\n"
      << "# `gunflow run` on this file repeats the run exactly.\n";
  std::vector<std::string> open;  // path of the mapping we are in
  for (const SchemaEntry& e : schema()) {
    const std::vector<std::string> parts = split(e.path);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t i = common; i + 1 < parts.size(); ++i) {
      out << std::string(2 * i, ' ') << parts[i] << ":\n";
      open.push_back(parts[i]);
    }
    out << std::string(2 * (parts.size() - 1), ' ') << parts.back() << ": " << yaml_value(e.get(settings)) << '\n';
  }
  return out.str();
}

}  // namespace gunflow
