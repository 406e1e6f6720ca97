#include "gunflow/scenario/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gunflow {

YAML::Node load_yaml_mapping(const std::string& path, const std::string& kind) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(InputProblem{path, 0, 0, "", "cannot open " + kind + " file: no such file"});
  } catch (const YAML::ParserException& e) {
    throw InputError(InputProblem{path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
  }
  if (!root.IsMap()) throw InputError(InputProblem{path, 0, 0, "", "a " + kind + " file must be a mapping"});
  return root;
}

void YamlReader::fail(const YAML::Node& at, const std::string& key, const std::string& message) {
  const YAML::Mark m = at.Mark();
  problems_.push_back({file_, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0, key, message});
}

bool YamlReader::number(const YAML::Node& n, const std::string& key, double& out) {
  if (n && n.IsScalar()) {
    const std::string& s = n.Scalar();
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(out)) return true;
  }
  fail(n, key, "must be a number");
  return false;
}

bool YamlReader::range(const YAML::Node& n, const std::string& key, double& low, double& high) {
  if (!n || !n.IsSequence() || n.size() != 2) {
    fail(n, key, "must be [low, high]");
    return false;
  }
  if (!number(n[0], key, low) || !number(n[1], key, high)) return false;
  if (!(low < high)) {
    fail(n, key, "must have low < high");
    return false;
  }
  return true;
}

void YamlReader::only_keys(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& known,
                           const std::string& what) {
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  for (const auto& kv : map) {
    const std::string k = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), k) == known.end())
      fail(kv.first, prefix + k, "is not a known " + what + " (" + list + ")");
  }
}

void YamlReader::throw_if_any() const {
  if (!problems_.empty()) throw InputError(problems_);
}

}  // namespace gunflow
