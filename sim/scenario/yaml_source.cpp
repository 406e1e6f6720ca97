#include "gunflow/scenario/yaml_source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include <cstring>

#include <yaml-cpp/depthguard.h>

#include "gunflow/core/closest_name.hpp"
#include "gunflow/core/utf8.hpp"
#include "gunflow/scenario/scenario_text.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

// An `extends:` chain deeper than this is refused where the link that crosses it is
// written: real chains are two or three files, and each link is a stack frame.
constexpr std::size_t kMaxExtendsDepth = 64;

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
    if (chain.size() >= kMaxExtendsDepth) {
      problems_.push_back(problem_at(requested_at, "extends",
                                     "makes a chain of more than " + std::to_string(kMaxExtendsDepth) +
                                         " scenario files; at most " + std::to_string(kMaxExtendsDepth) +
                                         " may extend each other"));
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
    std::string why;
    const std::optional<std::string> text = read_scenario_bytes(path, why);
    if (!text) {
      if (requested_at.file.empty())  // the file named on the command line: it is its own location
        problems_.push_back(problem_at({file, 0, 0}, "", "cannot open scenario file: " + why));
      else
        problems_.push_back(problem_at(requested_at, "extends", "cannot open scenario file '" + file + "': " + why));
      return;
    }
    if (const auto bad = first_invalid_utf8_position(*text)) {
      problems_.push_back(
          problem_at({file, bad->first, bad->second}, "", "is not valid UTF-8 text (save the file as UTF-8)"));
      return;
    }
    if (const int marker = first_document_marker(*text)) {
      problems_.push_back(problem_at({file, marker, 1}, "",
                                     "has a YAML document marker ('---' or '...'); a scenario file holds one document "
                                     "(split it into files and join them with extends:)"));
      return;
    }
    YAML::Node root;
    try {
      root = YAML::Load(*text);
    } catch (const YAML::DeepRecursion& e) {
      problems_.push_back(
          problem_at(location(file, e.mark), "", "YAML nesting deeper than " + std::to_string(e.depth()) + " levels"));
      return;
    } catch (const YAML::ParserException& e) {
      problems_.push_back(
          problem_at(location(file, e.mark), "",
                     "YAML syntax error: " + yaml_syntax_message(*text, e.mark.line, repaired_utf8(e.msg))));
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
    if (!names_any_scenario_key(root)) {
      // Never echo its keys: they may be lines of a file that is not a scenario at all
      // (`extends: /etc/passwd`).
      problems_.push_back(problem_at(
          requested_at.file.empty() ? Location{file, 0, 0} : requested_at, requested_at.file.empty() ? "" : "extends",
          (requested_at.file.empty() ? std::string("is") : "names '" + file + "', which is") +
              " not a gunflow scenario: none of its top-level keys is a scenario key "
              "(see docs/scenarios.md)"));
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
    lines_ = split_lines(*text);
    file_leaves_.clear();
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
      problems_.push_back(
          problem_at({at, 0, 0}, "", "must be KEY=VALUE with a dotted scenario key (e.g. traffickers.count=40)"));
      return;
    }
    const std::string key = text.substr(0, eq);
    if (key == "extends") {  // the chain is read before any override; silently ignoring one misleads
      problems_.push_back(problem_at({at, 0, 0}, key,
                                     "cannot be set from the command line (name the scenario that extends "
                                     "the other instead, or write `extends:` in a file)"));
      return;
    }
    YAML::Node value;
    try {
      value = YAML::Load(text.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      const std::string why = yaml_syntax_message(text.substr(eq + 1), e.mark.line, repaired_utf8(e.msg));
      problems_.push_back(problem_at({at, 0, 0}, key, "has a value that is not valid YAML: " + why));
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
      if (const SchemaEntry* whole = find_entry(unknown)) {  // a key, not a group: set it whole
        problems_.push_back(problem_at(
            {at, 0, 0}, unknown,
            "is a key, not a group of keys: set it whole, as " + unknown + "=VALUE" +
                (whole->type == ValueType::kRealMap ? " with VALUE a mapping, e.g. '" + unknown + "={a: 1, b: 2}'"
                                                    : "")));
        return;
      }
      std::string msg = "is not a known key";
      if (std::string hint = suggest_key(unknown); !hint.empty()) {
        const std::string whole = hint + key.substr(end);
        msg += "; did you mean '" + (find_entry(whole) || is_group(whole) ? whole : hint) + "'?";
      }
      problems_.push_back(problem_at({at, 0, 0}, unknown, msg));
      return;
    }
    // Writing a key inside a group writes the group (a policy block set this way is on).
    for (std::size_t p = 0; (p = key.find('.', p)) != std::string::npos; ++p)
      out_.groups[key.substr(0, p)] = {at, 0, 0};
    // Each override is a layer of its own (a later one may set the same key again), and
    // its value text is what the one-line-quote check reads.
    override_text_ = text.substr(eq + 1);
    lines_ = split_lines(override_text_);
    file_leaves_.clear();
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
      if (const auto open = first_open_quote(key)) {
        problems_.push_back(problem_at(location(file, open->Mark()), prefix, kOpenQuote));
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
        if (const auto open = first_open_quote(value)) {
          problems_.push_back(problem_at(location(file, open->Mark()), path, kOpenQuote));
          continue;
        }
        if (!file_leaves_.insert(path).second) {
          problems_.push_back(
              problem_at(key_at, path, "is given twice in this file (once nested, once as a dotted key)"));
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

  static constexpr const char* kOpenQuote =
      "has a quoted string that does not end on its line (is the closing quote missing?); "
      "a quoted string in a scenario is one line";

  /// A scenario key or group at the top level, or a near miss of one ("did you mean"):
  /// a mapping with none of them is some other file.
  static bool names_any_scenario_key(const YAML::Node& root) {
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) continue;
      const std::string& k = kv.first.Scalar();
      if (k == "extends" || find_entry(k) || is_group(k) || !suggest_key(k).empty()) return true;
    }
    return false;
  }

  /// The first quoted scalar of a leaf (itself, or its items, keys and values) that does
  /// not close on the line it opens.
  [[nodiscard]] std::optional<YAML::Node> first_open_quote(const YAML::Node& leaf) const {
    const auto open = [this](const YAML::Node& n) {
      return n.IsScalar() && n.Tag() == "!" && !quote_closes_on_its_line(lines_, n.Mark());
    };
    if (open(leaf)) return leaf;
    if (leaf.IsSequence())
      for (const YAML::Node& item : leaf)
        if (open(item)) return item;
    if (leaf.IsMap())
      for (const auto& kv : leaf) {
        if (open(kv.first)) return kv.first;
        if (open(kv.second)) return kv.second;
      }
    return std::nullopt;
  }

 public:
  [[nodiscard]] std::size_t suppressed() const { return suppressed_; }

 private:
  ScenarioSource& out_;
  std::vector<InputProblem>& problems_;
  std::vector<std::string_view> lines_;  ///< of the file being flattened
  std::set<std::string> file_leaves_;    ///< leaf paths it has written
  std::string override_text_;            ///< the value text of the override being applied
  std::size_t suppressed_ = 0;
};

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
  const std::string best = closest_name(leaf, std::vector<std::string>(siblings.begin(), siblings.end()));
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
