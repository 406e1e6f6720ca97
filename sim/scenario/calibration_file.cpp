#include "gunflow/scenario/calibration_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/yaml_reader.hpp"

namespace gunflow {
namespace fs = std::filesystem;

CalibrationSpec load_calibration(const std::string& path) {
  const YAML::Node root = load_yaml_mapping(path, "calibration");
  YamlReader r(path);
  CalibrationSpec spec;
  spec.file = path;
  r.only_keys(root, "", {"base", "replications", "seed", "max_evaluations", "parameters", "targets"});
  double x = 0;
  if (!root["base"] || !root["base"].IsScalar()) r.fail(root, "base", "is required: the scenario to calibrate");
  if (root["replications"] && r.number(root["replications"], "replications", x)) spec.replications = static_cast<std::uint64_t>(std::max(2.0, x));
  if (root["seed"] && r.number(root["seed"], "seed", x)) spec.seed = static_cast<std::uint64_t>(x);
  if (root["max_evaluations"] && r.number(root["max_evaluations"], "max_evaluations", x)) spec.max_evaluations = static_cast<int>(x);
  const YAML::Node params = root["parameters"];
  if (!params || !params.IsSequence() || params.size() == 0) r.fail(params ? params : root, "parameters", "is required: a list of {key, range}");
  else
    for (std::size_t i = 0; i < params.size(); ++i) {
      const YAML::Node p = params[i];
      const std::string at = "parameters[" + std::to_string(i) + "]";
      CalibrationParameter cp;
      if (!p["key"]) {
        r.fail(p, at + ".key", "is required");
        continue;
      }
      cp.key = p["key"].Scalar();
      const SchemaEntry* e = find_entry(cp.key);
      if (!e || e->type != ValueType::kReal) {
        r.fail(p["key"], at + ".key", "'" + cp.key + "' is not a real-valued scenario key");
        continue;
      }
      if (r.range(p["range"], at + ".range", cp.low, cp.high) && (cp.low < e->min || cp.high > e->max))
        r.fail(p["range"], at + ".range", "lies outside " + cp.key + "'s allowed range [" + format_value(e->min) + ", " +
                                              format_value(e->max) + "]");
      cp.start = std::nan("");
      if (p["start"]) r.number(p["start"], at + ".start", cp.start);
      spec.parameters.push_back(cp);
    }
  const YAML::Node targets = root["targets"];
  if (!targets || !targets.IsSequence() || targets.size() == 0) r.fail(targets ? targets : root, "targets", "is required: a list of {metric, band}");
  else
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const YAML::Node t = targets[i];
      const std::string at = "targets[" + std::to_string(i) + "]";
      CalibrationTarget ct;
      if (!t["metric"]) {
        r.fail(t, at + ".metric", "is required");
        continue;
      }
      ct.metric = t["metric"].Scalar();
      if (t["key"]) ct.key = t["key"].Scalar();
      if (t["year"] && r.number(t["year"], at + ".year", x)) ct.year = static_cast<int>(x);
      if (t["source"]) ct.source = t["source"].Scalar();
      r.range(t["band"], at + ".band", ct.low, ct.high);
      spec.targets.push_back(ct);
    }
  r.throw_if_any();
  spec.base_file = root["base"].Scalar();
  spec.base = load_scenario((fs::path(path).parent_path() / spec.base_file).string());
  for (CalibrationParameter& p : spec.parameters) {
    if (std::isnan(p.start)) p.start = std::get<double>(find_entry(p.key)->get(spec.base.settings));
    p.start = std::clamp(p.start, p.low, p.high);
  }
  return spec;
}

}  // namespace gunflow
