#include "gunflow/scenario/schema.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>
#include <unordered_map>

#include "gunflow/core/closest_name.hpp"
#include "gunflow/scenario/schema_tables.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {
namespace {
struct Index {
  std::vector<SchemaEntry> entries;
  std::unordered_map<std::string, std::size_t> by_path;
  std::set<std::string> groups;
};

const Index& index() {
  static const Index idx = [] {
    Index i;
    schema_detail::add_run_keys(i.entries);
    schema_detail::add_model_keys(i.entries);
    schema_detail::add_mexico_keys(i.entries);
    schema_detail::add_market_keys(i.entries);
    schema_detail::add_policy_keys(i.entries);
    for (std::size_t k = 0; k < i.entries.size(); ++k) {
      const std::string& p = i.entries[k].path;
      i.by_path.emplace(p, k);
      for (std::size_t dot = p.find('.'); dot != std::string::npos; dot = p.find('.', dot + 1))
        i.groups.insert(p.substr(0, dot));
    }
    return i;
  }();
  return idx;
}
}  // namespace

const std::vector<SchemaEntry>& schema() { return index().entries; }

const SchemaEntry* find_entry(const std::string& path) {
  const auto& idx = index();
  const auto it = idx.by_path.find(path);
  return it == idx.by_path.end() ? nullptr : &idx.entries[it->second];
}

namespace {
/// One real entry per element of every real map with a fixed set of keys.
const std::unordered_map<std::string, SchemaEntry>& map_elements() {
  static const std::unordered_map<std::string, SchemaEntry> elements = [] {
    std::unordered_map<std::string, SchemaEntry> out;
    for (const SchemaEntry& map : schema()) {
      if (map.type != ValueType::kRealMap) continue;
      for (const std::string& key : map.allowed) {
        SchemaEntry e;
        e.path = map.path + "." + key;
        e.type = ValueType::kReal;
        const auto& defaults = std::get<RealMap>(map.default_value);
        e.default_value = defaults.count(key) ? defaults.at(key) : 0.0;
        e.min = map.min;
        e.max = map.max;
        e.unit = map.unit;
        e.doc = "Element '" + key + "' of " + map.path + ".";
        const auto set_map = map.set;
        const auto get_map = map.get;
        e.set = [set_map, get_map, key](Settings& s, const Value& v) {
          RealMap m = std::get<RealMap>(get_map(s));
          m[key] = std::get<double>(v);
          set_map(s, Value(m));
        };
        e.get = [get_map, key](const Settings& s) {
          const RealMap m = std::get<RealMap>(get_map(s));
          return Value(m.count(key) ? m.at(key) : 0.0);
        };
        out.emplace(e.path, e);
      }
    }
    return out;
  }();
  return elements;
}
}  // namespace

const SchemaEntry* find_parameter_entry(const std::string& path) {
  if (const SchemaEntry* e = find_entry(path)) return e;
  const auto& elements = map_elements();
  const auto it = elements.find(path);
  return it == elements.end() ? nullptr : &it->second;
}

std::string parameter_key_problem(const std::string& key, bool integers) {
  const std::string kind = integers ? "real or integer" : "real-valued";
  if (find_parameter_entry(key) != nullptr) return "'" + key + "' is a scenario key but not a " + kind + " one";
  std::vector<std::string> candidates;
  for (const SchemaEntry& e : schema())
    if (e.type == ValueType::kReal || (integers && e.type == ValueType::kInt)) candidates.push_back(e.path);
  for (const auto& [path, entry] : map_elements()) candidates.push_back(path);
  std::sort(candidates.begin(), candidates.end());  // the first of equally close ones: the same on every platform
  std::string out = "'" + key + "' is not a scenario key";
  if (const std::string hint = closest_name(key, candidates); !hint.empty()) out += "; did you mean '" + hint + "'?";
  return out + " (study parameters are " + kind + " keys, docs/scenarios.md)";
}

bool is_group(const std::string& prefix) { return index().groups.count(prefix) > 0; }

Settings default_settings() {
  Settings s{};
  for (const SchemaEntry& e : schema()) e.set(s, e.default_value);
  return s;
}

std::string format_real(double x) {
  // Shortest text that reads back to the same double, so a resolved scenario
  // reproduces the run bit for bit.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

std::string format_value(const Value& value) {
  struct Visitor {
    std::string operator()(double x) const { return format_real(x); }
    std::string operator()(std::int64_t x) const { return std::to_string(x); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const Date& d) const { return d.to_string(); }
    std::string operator()(const StringList& l) const {
      std::string out = "[";
      for (std::size_t i = 0; i < l.size(); ++i) out += (i ? ", " : "") + l[i];
      return out + "]";
    }
    std::string operator()(const RealMap& m) const {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : m) {
        out += (first ? "" : ", ") + k + ": " + format_real(v);
        first = false;
      }
      return out + "}";
    }
  };
  return std::visit(Visitor{}, value);
}

std::string type_name(ValueType type) {
  switch (type) {
    case ValueType::kReal:
      return "real";
    case ValueType::kInt:
      return "integer";
    case ValueType::kBool:
      return "bool";
    case ValueType::kString:
      return "string";
    case ValueType::kDate:
      return "date";
    case ValueType::kStringList:
      return "list of strings";
    case ValueType::kRealMap:
      return "map of reals";
  }
  return "?";
}

}  // namespace gunflow
