#include "gunflow/scenario/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>

#include "gunflow/scenario/utf8.hpp"

namespace gunflow {

namespace {
/// The first scalar anywhere under `node` (keys included) whose decoded text is not
/// UTF-8: a \N or \_ escape in a file that is itself valid UTF-8.
std::optional<YAML::Node> first_non_utf8_scalar_under(const YAML::Node& node) {
  if (node.IsScalar()) return first_invalid_utf8(node.Scalar()) ? std::optional<YAML::Node>(node) : std::nullopt;
  if (node.IsSequence())
    for (const YAML::Node& item : node)
      if (auto bad = first_non_utf8_scalar_under(item)) return bad;
  if (node.IsMap())
    for (const auto& kv : node) {
      if (auto bad = first_non_utf8_scalar_under(kv.first)) return bad;
      if (auto bad = first_non_utf8_scalar_under(kv.second)) return bad;
    }
  return std::nullopt;
}
}  // namespace

YAML::Node load_yaml_mapping(const std::string& path, const std::string& kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputProblem{path, 0, 0, "", "cannot open " + kind + " file: no such file"});
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Names and strings of these files reach outputs (keys, metrics, target sources), so
  // they must be UTF-8 text, as scenarios must.
  if (const auto bad = first_invalid_utf8_position(text))
    throw InputError(InputProblem{path, bad->first, bad->second, "", "is not valid UTF-8 text (save the file as UTF-8)"});
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(
        InputProblem{path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + repaired_utf8(e.msg)});
  }
  if (!root.IsMap()) throw InputError(InputProblem{path, 0, 0, "", "a " + kind + " file must be a mapping"});
  if (const auto bad = first_non_utf8_scalar_under(root)) {
    const YAML::Mark m = bad->Mark();
    throw InputError(InputProblem{path, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0, "", kEscapedNonUtf8});
  }
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
