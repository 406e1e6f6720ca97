#include "gunflow/scenario/yaml_source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "gunflow/scenario/schema.hpp"
#include "gunflow/core/utf8.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

/// Line and column of the first byte of the file that breaks UTF-8, if any. YAML must be
/// Unicode; yaml-cpp would otherwise pass the bytes through into names and outputs.
std::optional<std::pair<int, int>> first_invalid_utf8_in_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return first_invalid_utf8_position(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

/// Valid UTF-8 files can still give invalid text: yaml-cpp decodes the \N and \_
/// escapes to the single Latin-1 bytes 0x85 and 0xA0. Such text would reach outputs
/// and JSON, which refuse it (an internal error instead of an input error), so a leaf
/// is checked where its text is read: its own scalar, or its items, keys and values.
std::optional<YAML::Node> first_non_utf8_scalar(const YAML::Node& leaf) {
  const auto bad = [](const YAML::Node& n) { return n.IsScalar() && first_invalid_utf8(n.Scalar()).has_value(); };
  if (bad(leaf)) return leaf;
  if (leaf.IsSequence())
    for (const YAML::Node& item : leaf)
      if (bad(item)) return item;
  if (leaf.IsMap())
    for (const auto& kv : leaf) {
      if (bad(kv.first)) return kv.first;
      if (bad(kv.second)) return kv.second;
    }
  return std::nullopt;
}

/// What a `--set key=value` problem is located at: the override itself, with no line.
const std::string kOverridePrefix = "--set ";

Location location(const std::string& file, const YAML::Mark& mark) {
  if (file.rfind(kOverridePrefix, 0) == 0) return {file, 0, 0};  // a --set value has no file position
  // yaml-cpp marks are 0-based; -1 means "no position".
  return {file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
}

InputProblem problem_at(const Location& where, std::string key_path, std::string message) {
  return {where.file, where.line, where.column, std::move(key_path), std::move(message)};
}

std::string join_path(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

class Flattener {
 public:
  Flattener(ScenarioSource& out, std::vector<InputProblem>& problems) : out_(out), problems_(problems) {}

  void read_file(const fs::path& path, const Location& requested_at, std::vector<std::string>& chain) {
    const std::string file = path.lexically_normal().string();
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    const std::string id = ec ? file : canonical.string();
    if (std::find(chain.begin(), chain.end(), id) != chain.end()) {
      problems_.push_back(problem_at(requested_at, "extends", "forms a cycle: " + file + " is already being loaded"));
      return;
    }
    if (!fs::is_regular_file(path, ec)) {
      if (requested_at.file.empty())  // the file named on the command line: it is its own location
        problems_.push_back(problem_at({file, 0, 0}, "", "cannot open scenario file: no such file"));
      else
        problems_.push_back(problem_at(requested_at, "extends", "cannot open scenario file '" + file + "': no such file"));
      return;
    }
    // A scenario is a few KB; yaml-cpp holds a whole document as nodes (about 40 times its
    // size), so a huge file is refused before it is read.
    if (const std::uintmax_t size = fs::file_size(path, ec); !ec && size > kMaxScenarioBytes) {
      const std::string limit =
          " bytes; a scenario file may be at most " + std::to_string(kMaxScenarioBytes) + " (1 MiB)";
      if (requested_at.file.empty())
        problems_.push_back(problem_at({file, 0, 0}, "", "is " + std::to_string(size) + limit));
      else
        problems_.push_back(
            problem_at(requested_at, "extends", "names '" + file + "', which is " + std::to_string(size) + limit));
      return;
    }
    if (const auto bad = first_invalid_utf8_in_file(path.string())) {
      problems_.push_back(problem_at({file, bad->first, bad->second}, "", "is not valid UTF-8 text (save the file as UTF-8)"));
      return;
    }
    YAML::Node root;
    try {
      root = YAML::LoadFile(path.string());
    } catch (const YAML::ParserException& e) {
      problems_.push_back(problem_at(location(file, e.mark), "", "YAML syntax error: " + repaired_utf8(e.msg)));
      return;
    } catch (const YAML::Exception& e) {
      problems_.push_back(problem_at({file, 0, 0}, "", "cannot read: " + repaired_utf8(e.what())));
      return;
    }
    out_.files.push_back(file);
    if (root.IsNull()) return;  // an empty file is an empty overlay
    if (!root.IsMap()) {
      problems_.push_back(problem_at(location(file, root.Mark()), "", "a scenario must be a mapping of keys"));
      return;
    }
    chain.push_back(id);
    if (const YAML::Node base = root["extends"]) {
      const Location at = location(file, base.Mark());
      if (!base.IsScalar() || base.Scalar().empty())
        problems_.push_back(problem_at(at, "extends", "must be the path of another scenario file"));
      else if (first_invalid_utf8(base.Scalar()))
        problems_.push_back(problem_at(at, "extends", kEscapedNonUtf8));
      else
        read_file(path.parent_path() / base.Scalar(), at, chain);
    }
    chain.pop_back();
    flatten(root, "", file);  // overlay after the base, so this file wins
  }

 /// One `--set key=value`, applied as a layer above every file: the value is read as
  /// YAML (so lists and mappings work) and checked as if written at `key` in a file.
  void apply_override(const std::string& text) {
    const std::string at = kOverridePrefix + text;
    const std::size_t eq = text.find('=');
    if (first_invalid_utf8(text)) {
      problems_.push_back(problem_at({at, 0, 0}, "", kEscapedNonUtf8));
      return;
    }
    if (eq == std::string::npos || eq == 0) {
      problems_.push_back(problem_at({at, 0, 0}, "", "must be KEY=VALUE with a dotted scenario key (e.g. traffickers.count=40)"));
      return;
    }
    const std::string key = text.substr(0, eq);
    YAML::Node value;
    try {
      value = YAML::Load(text.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      problems_.push_back(problem_at({at, 0, 0}, key, "has a value that is not valid YAML: " + repaired_utf8(e.msg)));
      return;
    }
    YAML::Node map(YAML::NodeType::Map);
    YAML::Node inner = map;
    const std::size_t dot = key.rfind('.');
    const std::string prefix = dot == std::string::npos ? "" : key.substr(0, dot);
    map[dot == std::string::npos ? key : key.substr(dot + 1)] = value;
    if (!prefix.empty() && !is_group(prefix)) {  // the parent must itself be a known group
      // Name the first unknown part, as a file would, and suggest the whole key corrected.
      std::size_t end = key.find('.');
      while (end < dot && is_group(key.substr(0, end))) end = key.find('.', end + 1);
      const std::string unknown = key.substr(0, end);
      std::string msg = "is not a known key";
      if (std::string hint = suggest_key(unknown); !hint.empty()) {
        const std::string whole = hint + key.substr(end);
        msg += "; did you mean '" + (find_entry(whole) || is_group(whole) ? whole : hint) + "'?";
      }
      problems_.push_back(problem_at({at, 0, 0}, unknown, msg));
      return;
    }
    // Writing a key inside a group writes the group (a policy block set this way is on).
    for (std::size_t p = 0; (p = key.find('.', p)) != std::string::npos; ++p) out_.groups[key.substr(0, p)] = {at, 0, 0};
    flatten(inner, prefix, at);
  }

 private:
  void flatten(const YAML::Node& map, const std::string& prefix, const std::string& file) {
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const YAML::Node& key = kv.first;
      const YAML::Node& value = kv.second;
      const Location key_at = location(file, key.Mark());
      if (!key.IsScalar()) {
        report(problem_at(key_at, prefix, "has a key that is not a plain name"));
        continue;
      }
      if (first_invalid_utf8(key.Scalar())) {
        report(problem_at(key_at, prefix, std::string("has a key that ") + kEscapedNonUtf8));
        continue;
      }
      const std::string path = join_path(prefix, key.Scalar());
      if (!seen.insert(key.Scalar()).second) {
        report(problem_at(key_at, path, "is given twice in the same mapping"));
        continue;
      }
      if (prefix.empty() && key.Scalar() == "extends") continue;
      if (find_entry(path)) {
        if (const auto bad = first_non_utf8_scalar(value)) {
          report(problem_at(location(file, bad->Mark()), path, kEscapedNonUtf8));
          continue;
        }
        out_.leaves[path] = {value, value.IsNull() ? key_at : location(file, value.Mark())};
      } else if (is_group(path)) {
        if (!value.IsMap()) {
          report(problem_at(key_at, path, "must be a mapping of keys (see docs/scenarios.md)"));
          continue;
        }
        out_.groups[path] = key_at;
        flatten(value, path, file);
      } else {
        if (full()) {  // counted, not described: a file of a million unknown keys stays cheap
          ++suppressed_;
          continue;
        }
        std::string msg = "is not a known key";
        if (const std::string hint = suggest_key(path); !hint.empty()) msg += "; did you mean '" + hint + "'?";
        report(problem_at(key_at, path, msg));
      }
    }
  }

  /// After kMaxListedProblems - 1 problems the rest are only counted (suppressed()),
  /// leaving room for the line that counts them.
  [[nodiscard]] bool full() const { return problems_.size() + 1 >= kMaxListedProblems; }
  void report(InputProblem p) {
    if (full())
      ++suppressed_;
    else
      problems_.push_back(std::move(p));
  }

 public:
  [[nodiscard]] std::size_t suppressed() const { return suppressed_; }

 private:
  ScenarioSource& out_;
  std::vector<InputProblem>& problems_;
  std::size_t suppressed_ = 0;
};

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string suggest_key(const std::string& unknown_path) {
  const auto dot = unknown_path.rfind('.');
  const std::string parent = dot == std::string::npos ? "" : unknown_path.substr(0, dot);
  const std::string leaf = dot == std::string::npos ? unknown_path : unknown_path.substr(dot + 1);
  std::set<std::string> siblings;
  for (const SchemaEntry& e : schema()) {
    if (!parent.empty() && e.path.rfind(parent + ".", 0) != 0) continue;
    const std::string rest = parent.empty() ? e.path : e.path.substr(parent.size() + 1);
    siblings.insert(rest.substr(0, rest.find('.')));
  }
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, leaf.size() / 3) + 1;
  for (const std::string& s : siblings) {
    const std::size_t d = edit_distance(leaf, s);
    if (d < best_distance) {
      best_distance = d;
      best = s;
    }
  }
  return best.empty() ? "" : join_path(parent, best);
}

ScenarioSource read_scenario_source(const std::string& path, std::vector<InputProblem>& problems,
                                   const std::vector<std::string>& overrides) {
  ScenarioSource source;
  source.root_file = fs::path(path).lexically_normal().string();
  std::vector<std::string> chain;
  Flattener flattener(source, problems);
  flattener.read_file(path, Location{}, chain);
  if (!source.files.empty())
    for (const std::string& o : overrides) flattener.apply_override(o);
  if (flattener.suppressed() > 0)
    problems.push_back({source.root_file, 0, 0, "",
                        "… and " + std::to_string(flattener.suppressed()) + " more problems (not listed)"});
  return source;
}

}  // namespace gunflow
