#include "gunflow/scenario/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>
#include <unordered_set>
#include <vector>

#include "gunflow/core/utf8.hpp"
#include "gunflow/scenario/scenario_text.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {

namespace {
/// The first scalar anywhere under `root` (keys included, in document order) whose
/// decoded text is not UTF-8: a \N or \_ escape in a file that is itself valid UTF-8.
/// Each node is visited once, however many aliases name it: `&a [*a]` is a cycle, and
/// aliases of aliases of lists grow exponentially. yaml-cpp has no public node identity;
/// the address of a node's tag string, a member of the data that aliases share, is one.
std::optional<YAML::Node> first_non_utf8_scalar_under(const YAML::Node& root) {
  std::vector<YAML::Node> todo{root};  // a stack: children pushed in reverse order
  std::unordered_set<const std::string*> seen;
  std::vector<YAML::Node> children;
  while (!todo.empty()) {
    const YAML::Node node = todo.back();
    todo.pop_back();
    if (!seen.insert(&node.Tag()).second) continue;
    if (node.IsScalar() && first_invalid_utf8(node.Scalar())) return node;
    children.clear();
    if (node.IsSequence())
      for (const YAML::Node& item : node) children.push_back(item);
    if (node.IsMap())
      for (const auto& kv : node) {
        children.push_back(kv.first);
        children.push_back(kv.second);
      }
    todo.insert(todo.end(), children.rbegin(), children.rend());
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
    throw InputError(
        InputProblem{path, bad->first, bad->second, "", "is not valid UTF-8 text (save the file as UTF-8)"});
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(
        InputProblem{path, e.mark.line + 1, e.mark.column + 1, "",
                     "YAML syntax error: " + yaml_syntax_message(text, e.mark.line, repaired_utf8(e.msg))});
  }
  if (!root.IsMap()) throw InputError(InputProblem{path, 0, 0, "", "a " + kind + " file must be a mapping"});
  if (const auto bad = first_non_utf8_scalar_under(root)) {
    const YAML::Mark m = bad->Mark();
    throw InputError(
        InputProblem{path, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0, "", kEscapedNonUtf8});
  }
  return root;
}

void YamlReader::fail(const YAML::Node& at, const std::string& key, const std::string& message) {
  // A missing key (map["absent"]) gives an invalid node, whose Mark() throws.
  const YAML::Mark m = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
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

bool YamlReader::whole(const YAML::Node& n, const std::string& key, double lo, double hi, std::uint64_t& out) {
  double x = 0;
  if (!number(n, key, x)) return false;
  if (x != std::floor(x) || x < lo || x > hi) {
    fail(n, key,
         "is " + n.Scalar() + ", but must be a whole number in [" + std::to_string(static_cast<long long>(lo)) + ", " +
             std::to_string(static_cast<long long>(hi)) + "]");
    return false;
  }
  out = static_cast<std::uint64_t>(x);
  return true;
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

bool YamlReader::key_range(const YAML::Node& item, const std::string& at, const std::string& scenario_key, double min,
                           double max, double& low, double& high) {
  if (!item["range"]) {
    fail(item, at + ".range", "is required: [low, high]");
    return false;
  }
  if (range(item["range"], at + ".range", low, high) && (low < min || high > max))
    fail(item["range"], at + ".range",
         "lies outside " + scenario_key + "'s allowed range [" + format_value(min) + ", " + format_value(max) + "]");
  return true;
}

bool YamlReader::non_empty_list(const YAML::Node& list, const YAML::Node& parent, const std::string& key,
                                const std::string& items) {
  if (list && list.IsSequence() && list.size() > 0) return true;
  if (list)
    fail(list, key, "must be a non-empty list of " + items);
  else
    fail(parent, key, "is required: a list of " + items);
  return false;
}

std::string YamlReader::scenario_path(const YAML::Node& base) {
  const std::filesystem::path p = std::filesystem::path(file_).parent_path() / base.Scalar();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec))
    fail(base, "base", "cannot open scenario file '" + p.lexically_normal().string() + "': no such file");
  return p.string();
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
