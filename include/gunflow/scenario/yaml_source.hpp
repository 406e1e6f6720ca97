#pragma once
// Reading scenario files: YAML → flat map of located leaves, following `extends:`.
// A leaf is a value whose path is a schema key; everything above it must be a
// mapping whose path is a schema group. Locations survive the overlay, so errors in
// a value inherited from a base file point into the base file.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"

namespace gunflow {

struct Location {
  std::string file;
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based
};

struct LocatedNode {
  YAML::Node node;
  Location where;
};

/// The merged scenario before values are checked.
struct ScenarioSource {
  std::string root_file;
  std::map<std::string, LocatedNode> leaves;  ///< by dotted schema path
  std::map<std::string, Location> groups;     ///< where each mapping was written (last writer)
  std::vector<std::string> files;             ///< root first, then its bases
};

/// The largest scenario file read (1 MiB; real ones are a few KB): yaml-cpp keeps a whole
/// document as nodes, tens of times its size, so a larger file is a located problem.
inline constexpr std::uintmax_t kMaxScenarioBytes = 1u << 20;

/// Loads `path` and its `extends:` chain (relative to the extending file). Collects
/// structural problems (parse errors, unknown or duplicate keys, cycles, missing
/// files) into `problems`; throws nothing for those. `overrides` ("key=value", from
/// `--set`) are a last layer above the whole chain, located at "--set key=value".
ScenarioSource read_scenario_source(const std::string& path, std::vector<InputProblem>& problems,
                                    const std::vector<std::string>& overrides = {});

/// Closest known key at the same level, for "did you mean"; empty if none is close.
std::string suggest_key(const std::string& unknown_path);

}  // namespace gunflow
