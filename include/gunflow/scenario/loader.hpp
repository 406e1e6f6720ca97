#pragma once
// Scenario file → validated Settings, once, with every problem reported together.
#include <string>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct SchemaEntry;  // scenario/schema.hpp

struct LoadedScenario {
  Settings settings;
  std::string source_file;             ///< the file named on the command line
  std::vector<std::string> files;      ///< it and every file it extends
  std::vector<std::string> overrides;  ///< `--set key=value` texts applied on top, in order
  /// What is valid but very likely not meant (a policy never in force during the run);
  /// the commands print these as warnings and go on.
  std::vector<InputProblem> warnings = {};
  /// What is meant and runs, but has a limit worth knowing (a ban in force before the run's
  /// first day, which the first day's stock does not carry); printed as notes.
  std::vector<InputProblem> notes = {};
};

/// Throws InputError listing every problem (file:line:col, key path, what is wrong).
/// `overrides` ("key=value", as given to `--set`) are applied after the whole `extends`
/// chain, as one more layer, checked like YAML keys; their problems are located at
/// "--set key=value".
LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// The fully resolved scenario as YAML: every key, defaults included, data paths
/// absolute, no `extends`. Loading it gives the same Settings.
std::string resolved_yaml(const Settings& settings);

/// One key's value as resolved_yaml writes it: its year-by-year series where it has one.
std::string resolved_value(const Settings& settings, const SchemaEntry& entry);

/// The resolved scenario as written beside outputs into directory `dir`: data paths
/// relative to `dir` (so the directory can move with its data), each data file's SHA-256
/// and the `--set` overrides in comments. Loading it gives the same Settings.
std::string resolved_yaml_for(const Settings& settings, const std::string& dir,
                              const std::vector<std::string>& overrides = {});

/// SHA-256 of bytes, as 64 hex digits.
std::string sha256_of_text(const std::string& bytes);

}  // namespace gunflow
