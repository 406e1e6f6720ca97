#include "gunflow/scenario/calibration_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/yaml_reader.hpp"

namespace gunflow {
namespace {
/// posterior: {prior: FILE, draws: N, replications: R, cutoff: C, waves: W}; the prior file's
/// problems are reported as they are (its own file, line and key).
void read_posterior(const YAML::Node& post, const std::string& path, YamlReader& r, CalibrationSpec& spec) {
  if (!post.IsMap()) {
    r.fail(post, "posterior", "must be a mapping {prior, draws, replications, cutoff, waves}");
    return;
  }
  r.only_keys(post, "posterior.", {"prior", "draws", "replications", "cutoff", "waves"});
  PosteriorSettings ps;
  if (post["draws"]) r.whole(post["draws"], "posterior.draws", 2, 1e6, ps.draws);
  if (post["replications"]) r.whole(post["replications"], "posterior.replications", 2, 1e4, ps.replications);
  if (post["cutoff"] && r.number(post["cutoff"], "posterior.cutoff", ps.cutoff) && !(ps.cutoff > 0))
    r.fail(post["cutoff"], "posterior.cutoff", "must be above zero");
  if (post["waves"]) r.whole(post["waves"], "posterior.waves", 1, 10, ps.waves);
  if (!post["prior"] || !post["prior"].IsScalar()) {
    r.fail(post, "posterior.prior", "is required: a prior file (docs/uncertainty.md)");
    return;
  }
  ps.prior_file = (std::filesystem::path(path).parent_path() / post["prior"].Scalar()).lexically_normal().string();
  if (!std::filesystem::exists(ps.prior_file)) {
    r.fail(post["prior"], "posterior.prior", "names a file that does not exist: " + ps.prior_file);
    return;
  }
  ps.prior = load_prior(ps.prior_file);
  spec.posterior = ps;
}
}  // namespace

CalibrationSpec load_calibration(const std::string& path, const std::vector<std::string>& overrides) {
  const YAML::Node root = load_yaml_mapping(path, "calibration");
  YamlReader r(path);
  CalibrationSpec spec;
  spec.file = path;
  r.only_keys(root, "", {"base", "replications", "seed", "max_evaluations", "parameters", "targets", "posterior"});
  std::string base_path;
  if (!root["base"] || !root["base"].IsScalar())
    r.fail(root, "base", "is required: the scenario to calibrate");
  else
    base_path = r.scenario_path(root["base"]);
  // Whole numbers in bounds, as in sweep files: casting any other double to an integer
  // is undefined (`seed: 1e46`, `seed: -1`, `year: 1e10`).
  std::uint64_t n = 0;
  if (root["replications"]) r.whole(root["replications"], "replications", 2, 1e6, spec.replications);
  if (root["seed"]) r.whole(root["seed"], "seed", 0, 9e15, spec.seed);
  if (root["max_evaluations"] && r.whole(root["max_evaluations"], "max_evaluations", 0, 1e6, n))
    spec.max_evaluations = static_cast<int>(n);
  const YAML::Node params = root["parameters"];
  if (r.non_empty_list(params, root, "parameters", "{key, range}"))
    for (std::size_t i = 0; i < params.size(); ++i) {
      const YAML::Node p = params[i];
      const std::string at = "parameters[" + std::to_string(i) + "]";
      CalibrationParameter cp;
      if (!p.IsMap()) {  // p["key"] would throw on a scalar
        r.fail(p, at, "must be a mapping {key, range, start}");
        continue;
      }
      if (!p["key"]) {
        r.fail(p, at + ".key", "is required");
        continue;
      }
      cp.key = p["key"].Scalar();
      const SchemaEntry* e = find_parameter_entry(cp.key);
      if (!e || e->type != ValueType::kReal) {
        r.fail(p["key"], at + ".key", parameter_key_problem(cp.key, false));
        continue;
      }
      if (std::any_of(spec.parameters.begin(), spec.parameters.end(),
                      [&](const CalibrationParameter& q) { return q.key == cp.key; })) {
        r.fail(p["key"], at + ".key", "'" + cp.key + "' is calibrated twice");
        continue;
      }
      if (!r.key_range(p, at, cp.key, e->min, e->max, cp.low, cp.high)) continue;
      cp.start = std::nan("");
      if (p["start"] && r.number(p["start"], at + ".start", cp.start) && (cp.start < cp.low || cp.start > cp.high))
        r.fail(p["start"], at + ".start",
               "is " + format_value(cp.start) + ", outside the parameter's range [" + format_value(cp.low) + ", " +
                   format_value(cp.high) + "]");
      spec.parameters.push_back(cp);
    }
  const YAML::Node targets = root["targets"];
  if (r.non_empty_list(targets, root, "targets", "{metric, band}"))
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const YAML::Node t = targets[i];
      const std::string at = "targets[" + std::to_string(i) + "]";
      CalibrationTarget ct;
      if (!t.IsMap()) {
        r.fail(t, at, "must be a mapping {metric, key, year, band, source}");
        continue;
      }
      if (!t["metric"] || !t["metric"].IsScalar()) {
        r.fail(t["metric"] ? t["metric"] : t, at + ".metric", "is required: a metric name");
        continue;
      }
      ct.metric = t["metric"].Scalar();
      ct.line = t["metric"].Mark().line + 1;
      ct.column = t["metric"].Mark().column + 1;
      // Scalar() of a list or map is '': refuse them rather than read an empty name.
      for (const char* text : {"key", "source"})
        if (t[text] && (t[text].IsSequence() || t[text].IsMap())) r.fail(t[text], at + "." + text, "must be text");
      if (t["key"]) ct.key = t["key"].Scalar();
      if (t["year"] && r.whole(t["year"], at + ".year", 0, 9999, n)) ct.year = static_cast<int>(n);
      if (t["source"]) ct.source = t["source"].Scalar();
      if (!t["band"])
        r.fail(t, at + ".band", "is required: [low, high]");
      else
        r.range(t["band"], at + ".band", ct.low, ct.high);
      spec.targets.push_back(ct);
    }
  if (const YAML::Node post = root["posterior"]) read_posterior(post, path, r, spec);
  r.throw_if_any();
  spec.base_file = root["base"].Scalar();
  spec.base = load_scenario(base_path, overrides);
  for (CalibrationParameter& p : spec.parameters) {
    if (std::isnan(p.start)) p.start = std::get<double>(find_parameter_entry(p.key)->get(spec.base.settings));
    p.start = std::clamp(p.start, p.low, p.high);
  }
  return spec;
}

}  // namespace gunflow
