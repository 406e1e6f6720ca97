#include "gunflow/scenario/calibration_file.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
struct Reader {
  std::string file;
  std::vector<InputProblem> problems;
  void fail(const YAML::Node& at, const std::string& key, const std::string& msg) {
    const YAML::Mark m = at.Mark();
    problems.push_back({file, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0, key, msg});
  }
  bool number(const YAML::Node& n, const std::string& key, double& out) {
    if (n && n.IsScalar()) {
      const std::string& s = n.Scalar();
      const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(out)) return true;
    }
    fail(n, key, "must be a number");
    return false;
  }
  bool pair(const YAML::Node& n, const std::string& key, double& lo, double& hi) {
    if (!n || !n.IsSequence() || n.size() != 2) {
      fail(n, key, "must be [low, high]");
      return false;
    }
    if (!number(n[0], key, lo) || !number(n[1], key, hi)) return false;
    if (!(lo < hi)) {
      fail(n, key, "must have low < high");
      return false;
    }
    return true;
  }
};
}  // namespace

CalibrationSpec load_calibration(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(InputProblem{path, 0, 0, "", "cannot open calibration file: no such file"});
  } catch (const YAML::ParserException& e) {
    throw InputError(InputProblem{path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
  }
  Reader r{path, {}};
  CalibrationSpec spec;
  spec.file = path;
  if (!root.IsMap()) throw InputError(InputProblem{path, 0, 0, "", "a calibration file must be a mapping"});
  static const std::set<std::string> known = {"base", "replications", "seed", "max_evaluations", "parameters", "targets"};
  for (const auto& kv : root)
    if (!known.count(kv.first.Scalar()))
      r.fail(kv.first, kv.first.Scalar(), "is not a known key (base, replications, seed, max_evaluations, parameters, targets)");
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
      if (r.pair(p["range"], at + ".range", cp.low, cp.high) && (cp.low < e->min || cp.high > e->max))
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
      r.pair(t["band"], at + ".band", ct.low, ct.high);
      spec.targets.push_back(ct);
    }
  if (!r.problems.empty()) throw InputError(r.problems);
  spec.base_file = root["base"].Scalar();
  spec.base = load_scenario((fs::path(path).parent_path() / spec.base_file).string());
  for (CalibrationParameter& p : spec.parameters) {
    if (std::isnan(p.start)) p.start = std::get<double>(find_entry(p.key)->get(spec.base.settings));
    p.start = std::clamp(p.start, p.low, p.high);
  }
  return spec;
}

}  // namespace gunflow
