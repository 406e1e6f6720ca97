#pragma once
// The one table of scenario keys. It drives parsing, validation, defaults, the
// resolved-scenario output and docs/scenarios.md, so none of them can drift.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "gunflow/core/date.hpp"
#include "gunflow/scenario/dated_series.hpp"

namespace gunflow {

struct Settings;

enum class ValueType { kReal, kInt, kBool, kString, kDate, kStringList, kRealMap };

using StringList = std::vector<std::string>;
using RealMap = std::map<std::string, double>;
using Value = std::variant<double, std::int64_t, bool, std::string, Date, StringList, RealMap>;

/// One scenario key.
struct SchemaEntry {
  std::string path;  ///< dotted key path, e.g. "border.inspection_rate"
  ValueType type = ValueType::kReal;
  Value default_value;
  double min = 0.0;  ///< inclusive bounds for kReal/kInt values, kRealMap values
  double max = 0.0;
  /// Allowed values for kString, elements of kStringList, keys of kRealMap; empty = any.
  std::vector<std::string> allowed;
  std::string unit;
  std::string doc;
  std::function<void(Settings&, const Value&)> set;
  std::function<Value(const Settings&)> get;
};

/// All keys, in documentation order.
const std::vector<SchemaEntry>& schema();
/// Entry for a dotted path, or nullptr.
const SchemaEntry* find_entry(const std::string& path);
/// The entry a study parameter names (sweeps, calibrations, priors, ensembles): a
/// schema key, or one element of a real map with a fixed set of keys, written
/// "map.element" (e.g. "violence.class_weight.ar_rifle"), as a real entry of its own with
/// the map's bounds whose setter changes that element only. nullptr if neither. Scenario
/// files still write such a map whole.
const SchemaEntry* find_parameter_entry(const std::string& path);
/// Why `key` cannot be a study parameter of a real (and, with `integers`, an integer) key:
/// "'K' is a scenario key but not a real or integer one", or "'K' is not a scenario key"
/// with the closest such key as "; did you mean 'X'?" when one is near.
std::string parameter_key_problem(const std::string& key, bool integers);
/// True if some key lives below this dotted prefix (e.g. "policies" or "border").
bool is_group(const std::string& prefix);
/// Settings with every schema default applied.
Settings default_settings();

/// Text form of a value as written in YAML (dates ISO, reals round-trip exact).
std::string format_value(const Value& value);
std::string type_name(ValueType type);

namespace schema_detail {
// Builders used by the per-area key tables (schema_*.cpp).
/// Setting a plain value of a real or integer key drops any year-by-year series it had
/// (an override, a sweep point or a calibration trial replaces the whole series).
template <class Accessor>
SchemaEntry real(std::string path, Accessor acc, double def, double lo, double hi, std::string unit, std::string doc) {
  const std::string key = path;
  return {std::move(path),
          ValueType::kReal,
          def,
          lo,
          hi,
          {},
          std::move(unit),
          std::move(doc),
          [acc, key](Settings& s, const Value& v) {
            drop_dated_series(s, key);
            acc(s) = std::get<double>(v);
          },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
/// A whole-number key (count, days, threshold). The field may be a double where the model
/// does real arithmetic with it; it then only ever holds whole values.
template <class Accessor>
SchemaEntry integer(std::string path, Accessor acc, std::int64_t def, double lo, double hi, std::string unit,
                    std::string doc) {
  const std::string key = path;
  return {std::move(path),
          ValueType::kInt,
          def,
          lo,
          hi,
          {},
          std::move(unit),
          std::move(doc),
          [acc, key](Settings& s, const Value& v) {
            drop_dated_series(s, key);
            auto& field = acc(s);
            field = static_cast<std::remove_reference_t<decltype(field)>>(std::get<std::int64_t>(v));
          },
          [acc](const Settings& s) { return Value(static_cast<std::int64_t>(acc(s))); }};
}
template <class Accessor>
SchemaEntry boolean(std::string path, Accessor acc, bool def, std::string doc) {
  return {std::move(path),
          ValueType::kBool,
          def,
          0,
          0,
          {},
          "",
          std::move(doc),
          [acc](Settings& s, const Value& v) { acc(s) = std::get<bool>(v); },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
template <class Accessor>
SchemaEntry string(std::string path, Accessor acc, std::string def, std::vector<std::string> allowed, std::string doc) {
  return {std::move(path),
          ValueType::kString,
          std::move(def),
          0,
          0,
          std::move(allowed),
          "",
          std::move(doc),
          [acc](Settings& s, const Value& v) { acc(s) = std::get<std::string>(v); },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
template <class Accessor>
SchemaEntry date(std::string path, Accessor acc, std::string def, std::string doc) {
  return {std::move(path),
          ValueType::kDate,
          *Date::parse(def),
          0,
          0,
          {},
          "",
          std::move(doc),
          [acc](Settings& s, const Value& v) { acc(s) = std::get<Date>(v); },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
template <class Accessor>
SchemaEntry string_list(std::string path, Accessor acc, StringList def, std::vector<std::string> allowed,
                        std::string doc) {
  return {std::move(path),
          ValueType::kStringList,
          std::move(def),
          0,
          0,
          std::move(allowed),
          "",
          std::move(doc),
          [acc](Settings& s, const Value& v) { acc(s) = std::get<StringList>(v); },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
template <class Accessor>
SchemaEntry real_map(std::string path, Accessor acc, RealMap def, double lo, double hi,
                     std::vector<std::string> allowed_keys, std::string doc) {
  return {std::move(path),
          ValueType::kRealMap,
          std::move(def),
          lo,
          hi,
          std::move(allowed_keys),
          "",
          std::move(doc),
          [acc](Settings& s, const Value& v) { acc(s) = std::get<RealMap>(v); },
          [acc](const Settings& s) { return Value(acc(s)); }};
}
}  // namespace schema_detail

}  // namespace gunflow
