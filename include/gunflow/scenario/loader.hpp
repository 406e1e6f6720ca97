#pragma once
// Scenario file → validated Settings, once, with every problem reported together.
#include <string>
#include <vector>

#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct LoadedScenario {
  Settings settings;
  std::string source_file;           ///< the file named on the command line
  std::vector<std::string> files;    ///< it and every file it extends
};

/// Throws InputError listing every problem (file:line:col, key path, what is wrong).
LoadedScenario load_scenario(const std::string& path);

/// The fully resolved scenario as YAML: every key, defaults included, data paths
/// absolute, no `extends`. Loading it gives the same Settings.
std::string resolved_yaml(const Settings& settings);

}  // namespace gunflow
