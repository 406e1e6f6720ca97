#include "gunflow/scenario/sweep_file.hpp"

#include <algorithm>
#include <cmath>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/scenario_diff.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/yaml_reader.hpp"

namespace gunflow {
namespace {

/// The sweep file's own reading rules on top of YamlReader.
class SweepReader : public YamlReader {
 public:
  using YamlReader::YamlReader;

  void parameter(const YAML::Node& p, std::size_t index, SweepSpec& spec) {
    const std::string at = "parameters[" + std::to_string(index) + "]";
    if (!p.IsMap()) return fail(p, at, "must be a mapping with key and range (or values)");
    SweepParameter param;
    only_keys(p, at + ".", {"key", "range", "values"});
    if (!p["key"] || !p["key"].IsScalar())
      return fail(p, at + ".key", "is required: a scenario key such as border.inspection_rate");
    param.key = p["key"].Scalar();
    const SchemaEntry* e = find_parameter_entry(param.key);
    if (!e || (e->type != ValueType::kReal && e->type != ValueType::kInt))
      return fail(p["key"], at + ".key", parameter_key_problem(param.key, true));
    if (std::any_of(spec.parameters.begin(), spec.parameters.end(),
                    [&](const SweepParameter& q) { return q.key == param.key; }))
      return fail(p["key"], at + ".key", "'" + param.key + "' is swept twice");
    const auto in_range = [&](const YAML::Node& n, double x) {
      if (x < e->min || x > e->max)
        fail(n, at,
             param.key + " value " + format_value(x) + " is outside its range [" + format_value(e->min) + ", " +
                 format_value(e->max) + "]");
    };
    if (const YAML::Node r = p["range"]) {
      if (range(r, at + ".range", param.low, param.high)) {
        in_range(r[0], param.low);
        in_range(r[1], param.high);
      }
    }
    if (const YAML::Node v = p["values"]) {
      if (!v.IsSequence() || v.size() == 0) return fail(v, at + ".values", "must be a non-empty list of numbers");
      for (std::size_t i = 0; i < v.size(); ++i) {
        double x = 0;
        if (number(v[i], at + ".values", x)) {
          in_range(v[i], x);
          param.values.push_back(x);
        }
      }
      if (!param.values.empty()) {
        param.low = *std::min_element(param.values.begin(), param.values.end());
        param.high = *std::max_element(param.values.begin(), param.values.end());
      }
    }
    if (!p["range"] && !p["values"]) return fail(p, at, "needs range: [low, high] or values: [...]");
    if (!param.values.empty() && spec.design != DesignKind::kGrid)
      fail(p["values"], at + ".values", "explicit values only work with design: grid; give a range");
    spec.parameters.push_back(param);
  }
};
}  // namespace

SweepSpec load_sweep(const std::string& path, const std::vector<std::string>& overrides) {
  SweepSpec spec;
  spec.file = path;
  const YAML::Node root = load_yaml_mapping(path, "sweep");
  SweepReader r(path);
  r.only_keys(root, "",
              {"base", "design", "points", "levels", "replications", "seed", "bootstrap", "parameters", "outputs"},
              "sweep key");
  std::string base_file;
  if (!root["base"] || !root["base"].IsScalar()) {
    r.fail(root, "base", "is required: the scenario file the sweep varies (relative to this file)");
  } else {
    base_file = r.scenario_path(root["base"]);
  }
  if (const YAML::Node d = root["design"]) {
    bool ok = false;
    spec.design = parse_design_kind(d.Scalar(), ok);
    if (!ok) r.fail(d, "design", "is '" + d.Scalar() + "', but must be one of: grid, lhs, morris, saltelli");
  }
  std::uint64_t x = 0;
  if (root["points"] && r.whole(root["points"], "points", 1, 1e6, x)) spec.points = static_cast<int>(x);
  if (root["levels"] && r.whole(root["levels"], "levels", 2, 1000, x)) spec.levels = static_cast<int>(x);
  if (root["replications"]) r.whole(root["replications"], "replications", 1, 1e6, spec.replications);
  if (root["seed"]) r.whole(root["seed"], "seed", 0, 9e15, spec.seed);
  if (root["bootstrap"] && r.whole(root["bootstrap"], "bootstrap", 0, 1e5, x)) spec.bootstrap = static_cast<int>(x);
  if (spec.design == DesignKind::kMorris && spec.levels % 2 != 0)
    r.fail(root["levels"], "levels", "must be even for a Morris design");
  const YAML::Node params = root["parameters"];
  if (r.non_empty_list(params, root, "parameters", "{key, range} (or {key, values} for grid)"))
    for (std::size_t i = 0; i < params.size(); ++i) r.parameter(params[i], i, spec);
  if (const YAML::Node outs = root["outputs"]) {
    if (!outs.IsSequence())
      r.fail(outs, "outputs", "must be a list of metric names");
    else
      for (const auto& o : outs) {
        if (o.IsScalar()) {
          spec.outputs.push_back(o.Scalar());
          spec.output_lines.push_back(o.Mark().line + 1);
        } else {
          r.fail(o, "outputs", "must be a list of metric names");  // not '' (Scalar() of a list or map)
        }
      }
  } else {
    spec.outputs = {"guns_trafficked", "homicides"};
    spec.output_lines = {0, 0};
  }
  r.throw_if_any();
  spec.base = load_scenario(base_file, overrides);
  // A policy parameter swept while its policy is off in the base changes nothing.
  for (const SweepParameter& p : spec.parameters) {
    if (p.key.rfind("policies.", 0) != 0) continue;
    const std::string block = p.key.substr(0, p.key.rfind('.'));
    const SchemaEntry* enabled = find_entry(block + ".enabled");
    if (enabled && !std::get<bool>(enabled->get(spec.base.settings)))
      spec.warnings.push_back(path + ": sweeps " + p.key + ", but " + block +
                              " is off in the base scenario, so every point gives the same results; switch it on in "
                              "the base (or with --set " +
                              block + ".start=YYYY-MM-DD)");
  }
  std::vector<std::string> swept;
  for (const SweepParameter& p : spec.parameters) swept.push_back(p.key);
  if (std::string w = trade_cost_warning(path, spec.base.settings, swept); !w.empty())
    spec.warnings.push_back(std::move(w));
  return spec;
}

Settings settings_at(const SweepSpec& spec, const Eigen::RowVectorXd& values) {
  Settings s = spec.base.settings;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
    const SchemaEntry* e = find_parameter_entry(spec.parameters[j].key);
    const double x = values(static_cast<Eigen::Index>(j));
    if (e->type == ValueType::kInt)
      e->set(s, Value(static_cast<std::int64_t>(std::llround(x))));
    else
      e->set(s, Value(x));
  }
  return s;
}

}  // namespace gunflow
