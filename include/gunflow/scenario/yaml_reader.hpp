#pragma once
// Reading the small YAML files that are not scenarios (sweep and calibration files):
// loading with located syntax errors, and collecting located problems while reading
// values, so every problem is reported together (file:line:col, key, message).
#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"

namespace gunflow {

/// Loads `path`, which must hold a YAML mapping; `kind` names the file in messages
/// ("sweep", "calibration"). Throws InputError for a missing file, a syntax error (at
/// its position) or a document that is not a mapping.
YAML::Node load_yaml_mapping(const std::string& path, const std::string& kind);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  /// Records a problem at the node's position (the file itself if it has none).
  void fail(const YAML::Node& at, const std::string& key, const std::string& message);
  /// A finite real number; otherwise records "must be a number".
  bool number(const YAML::Node& n, const std::string& key, double& out);
  /// A whole number in [lo, hi] (0 <= lo: the cast to an integer is then defined);
  /// otherwise records "must be a number" or "must be a whole number in [lo, hi]".
  bool whole(const YAML::Node& n, const std::string& key, double lo, double hi, std::uint64_t& out);
  /// Whether `list` (parent[key]) is a non-empty list; otherwise records "is required: a
  /// list of <items>" where it is absent (at the parent) or "must be a non-empty list of
  /// <items>" where it is something else.
  bool non_empty_list(const YAML::Node& list, const YAML::Node& parent, const std::string& key,
                      const std::string& items);
  /// [low, high] with low < high.
  bool range(const YAML::Node& n, const std::string& key, double& low, double& high);
  /// The `range` of list item `item` (at `at`) for scenario key `scenario_key`: required,
  /// [low, high], and within [min, max], that key's schema bounds (a prior's or a
  /// calibration's parameter). False only when it is missing: nothing more to read there.
  bool key_range(const YAML::Node& item, const std::string& at, const std::string& scenario_key, double min, double max,
                 double& low, double& high);
  /// The scenario file `base` names, relative to this file; records a problem at `base`
  /// if there is no such file (load_scenario would report it without a position here).
  std::string scenario_path(const YAML::Node& base);
  /// Records every key of `map` not in `known`, as "<prefix><key> is not a known <what> (...)".
  void only_keys(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& known,
                 const std::string& what = "key");
  /// Throws InputError with everything recorded, if anything was.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<InputProblem> problems_;
};

}  // namespace gunflow
