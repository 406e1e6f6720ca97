#include "gunflow/scenario/prior_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "gunflow/analysis/sweep_design.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/core/utf8.hpp"
#include "gunflow/input/csv_table.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/scenario/schema.hpp"
#include "gunflow/scenario/yaml_reader.hpp"

namespace gunflow {

bool is_uncertain_key(const std::string& key) {
  const SchemaEntry* e = find_parameter_entry(key);
  return e && (e->type == ValueType::kReal || e->type == ValueType::kInt);
}

void apply_parameter(Settings& settings, const std::string& key, double value) {
  const SchemaEntry* e = find_parameter_entry(key);
  if (e->type == ValueType::kInt)
    e->set(settings, Value(static_cast<std::int64_t>(std::llround(value))));
  else
    e->set(settings, Value(value));
}

PriorSpec load_prior(const std::string& path) {
  const YAML::Node root = load_yaml_mapping(path, "prior");
  YamlReader r(path);
  PriorSpec spec;
  spec.file = path;
  r.only_keys(root, "", {"draws", "seed", "parameters"});
  if (root["draws"]) r.whole(root["draws"], "draws", 2, 1e6, spec.draws);
  if (root["seed"]) r.whole(root["seed"], "seed", 0, 9e15, spec.seed);
  const YAML::Node params = root["parameters"];
  if (r.non_empty_list(params, root, "parameters", "{key, range, distribution}"))
    for (std::size_t i = 0; i < params.size(); ++i) {
      const YAML::Node p = params[i];
      const std::string at = "parameters[" + std::to_string(i) + "]";
      if (!p.IsMap() || !p["key"] || !p["key"].IsScalar()) {
        r.fail(p, at, "must be a mapping {key, range, distribution, source}");
        continue;
      }
      r.only_keys(p, at + ".", {"key", "range", "distribution", "source"});
      PriorParameter pp;
      pp.key = p["key"].Scalar();
      const SchemaEntry* e = find_parameter_entry(pp.key);
      if (!is_uncertain_key(pp.key)) {
        r.fail(p["key"], at + ".key", parameter_key_problem(pp.key, true));
        continue;
      }
      for (const PriorParameter& q : spec.parameters)
        if (q.key == pp.key) r.fail(p["key"], at + ".key", "'" + pp.key + "' is listed twice");
      if (!r.key_range(p, at, pp.key, e->min, e->max, pp.low, pp.high)) continue;
      const std::string dist = p["distribution"] ? p["distribution"].Scalar() : "uniform";
      if (dist == "log-uniform")
        pp.log_uniform = true;
      else if (dist != "uniform")
        r.fail(p["distribution"], at + ".distribution", "must be uniform or log-uniform, not '" + dist + "'");
      if (pp.log_uniform && !(pp.low > 0))
        r.fail(p["range"], at + ".range", "must lie above zero for a log-uniform prior");
      if (p["source"]) pp.source = p["source"].Scalar();
      spec.parameters.push_back(pp);
    }
  r.throw_if_any();
  return spec;
}

Eigen::MatrixXd prior_values(const std::vector<PriorParameter>& prior, const Eigen::MatrixXd& unit) {
  Eigen::MatrixXd out(unit.rows(), unit.cols());
  for (Eigen::Index j = 0; j < unit.cols(); ++j) {
    const PriorParameter& p = prior[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < unit.rows(); ++i) {
      const double u = unit(i, j);
      out(i, j) = p.log_uniform ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)))
                                : p.low + u * (p.high - p.low);
    }
  }
  return out;
}

Eigen::MatrixXd prior_unit(const std::vector<PriorParameter>& prior, const Eigen::MatrixXd& values) {
  Eigen::MatrixXd out(values.rows(), values.cols());
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    const PriorParameter& p = prior[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
      const double x = values(i, j);
      const double u = p.log_uniform ? (std::log(x) - std::log(p.low)) / (std::log(p.high) - std::log(p.low))
                                     : (x - p.low) / (p.high - p.low);
      out(i, j) = std::clamp(u, 0.0, 1.0);  // ranges have low < high (load_prior)
    }
  }
  return out;
}

Eigen::MatrixXd draw_prior(const std::vector<PriorParameter>& prior, std::uint64_t n, std::uint64_t seed) {
  std::vector<SweepParameter> unit;
  for (const PriorParameter& p : prior) unit.push_back({p.key, 0.0, 1.0, {}});
  return prior_values(prior, make_design(DesignKind::kLatinHypercube, unit, static_cast<int>(n), 0, seed).points);
}

double prior_sd(const PriorParameter& p) {
  if (!p.log_uniform) return (p.high - p.low) / std::sqrt(12.0);
  // X = exp(U), U ~ U(a, b): E X^k = (e^{kb} - e^{ka}) / (k (b - a)).
  const double a = std::log(p.low), b = std::log(p.high);
  const double m1 = (p.high - p.low) / (b - a), m2 = (p.high * p.high - p.low * p.low) / (2.0 * (b - a));
  return std::sqrt(std::max(0.0, m2 - m1 * m1));
}

namespace {
ParameterSets read_sets_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(InputProblem{path, 0, 0, "", "cannot be read"});
  ParameterSets sets;
  sets.file = path;
  std::string line;
  std::vector<InputProblem> problems;
  if (!std::getline(in, line)) throw InputError(InputProblem{path, 1, 0, "", "is empty: a header is required"});
  strip_byte_order_mark(line);
  // Column names and values reach messages, which must stay text (a terminal, a JSON reply).
  constexpr const char* kNotUtf8 = "is not valid UTF-8 (a parameter-set table must be UTF-8 text)";
  if (const auto bad = first_invalid_utf8_position(line))
    throw InputError(InputProblem{path, 1, bad->second, "", kNotUtf8});
  std::vector<std::string> header;
  if (!split_csv_fields(line, header)) throw InputError(InputProblem{path, 1, 0, "", kUnclosedCsvQuote});
  int weight_col = -1, set_col = -1;
  std::vector<int> key_cols;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (std::find(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(c), header[c]) !=
        header.begin() + static_cast<std::ptrdiff_t>(c))
      problems.push_back({path, 1, static_cast<int>(c) + 1, header[c], "is a column name given twice"});
    else if (header[c] == "weight")
      weight_col = static_cast<int>(c);
    else if (header[c] == "set")
      set_col = static_cast<int>(c);
    else if (!is_uncertain_key(header[c]))
      problems.push_back({path, 1, static_cast<int>(c) + 1, header[c], parameter_key_problem(header[c], true)});
    else {
      sets.keys.push_back(header[c]);
      key_cols.push_back(static_cast<int>(c));
    }
  }
  if (sets.keys.empty() && problems.empty()) problems.push_back({path, 1, 0, "", "names no scenario key"});
  if (!problems.empty()) throw InputError(problems);
  std::vector<std::vector<double>> rows;
  std::vector<double> weights;
  std::vector<int> set_lines;  // the line of each set, to name the first holder of a repeated id
  for (int line_no = 2; std::getline(in, line); ++line_no) {
    if (line.empty() || line == "\r") continue;
    if (const auto bad = first_invalid_utf8_position(line)) {
      problems.push_back({path, line_no, bad->second, "", kNotUtf8});
      continue;
    }
    std::vector<std::string> f;
    if (!split_csv_fields(line, f)) {
      problems.push_back({path, line_no, 0, "", kUnclosedCsvQuote});
      continue;
    }
    if (f.size() != header.size()) {
      problems.push_back({path, line_no, 0, "",
                          "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size())});
      continue;
    }
    auto number = [&](int c, double& x) {
      const std::string& s = f[static_cast<std::size_t>(c)];
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
      const bool ok = ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(x);
      if (!ok)
        problems.push_back({path, line_no, c + 1, header[static_cast<std::size_t>(c)], "'" + s + "' is not a number"});
      return ok;
    };
    std::vector<double> row;
    for (int c : key_cols) {
      double x = 0;
      number(c, x);
      const SchemaEntry* e = find_parameter_entry(header[static_cast<std::size_t>(c)]);
      if (x < e->min || x > e->max)
        problems.push_back(
            {path, line_no, c + 1, e->path,
             "is " + format_number(x) + ", outside [" + format_value(e->min) + ", " + format_value(e->max) + "]"});
      row.push_back(x);
    }
    // The set's id: its row number, or the `set` column's whole number. One that is not
    // (not a number, nan, inf, negative, too large) is reported and never cast; its row
    // keeps an id no valid one equals, so no later row is told it repeats it.
    constexpr std::uint64_t kNoId = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t id = set_col >= 0 ? kNoId : rows.size();
    if (double given = 0; set_col >= 0 && number(set_col, given)) {
      if (!(given >= 0 && given < 9e15 && given == std::floor(given)))
        problems.push_back({path, line_no, set_col + 1, "set", "must be a whole number"});
      else if (const auto seen = std::find(sets.ids.begin(), sets.ids.end(), static_cast<std::uint64_t>(given));
               seen != sets.ids.end())
        problems.push_back({path, line_no, set_col + 1, "set",
                            "is " + format_number(given) + ", the id of the set on line " +
                                std::to_string(set_lines[static_cast<std::size_t>(seen - sets.ids.begin())]) +
                                " too; ids must differ"});
      else
        id = static_cast<std::uint64_t>(given);
    }
    sets.ids.push_back(id);
    set_lines.push_back(line_no);
    double w = 1.0;
    if (weight_col >= 0 && number(weight_col, w) && !(w >= 0))
      problems.push_back({path, line_no, weight_col + 1, "weight", "must not be negative"});
    rows.push_back(row);
    weights.push_back(w);
  }
  if (rows.empty() && problems.empty()) problems.push_back({path, 2, 0, "", "holds no parameter set"});
  if (!problems.empty()) throw InputError(problems);
  sets.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(sets.keys.size()));
  sets.weights.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      sets.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
    sets.weights(static_cast<Eigen::Index>(i)) = weights[i];
  }
  const double total = sets.weights.sum();
  if (!(total > 0))
    throw InputError(InputProblem{path, 1, weight_col + 1, "weight",
                                  "is 0 for every set; at least one set needs a positive weight"});
  sets.weights *= static_cast<double>(rows.size()) / total;
  return sets;
}
}  // namespace

ParameterSets load_parameter_sets(const std::string& path, std::uint64_t draws_override) {
  const bool yaml = path.size() > 5 && (path.ends_with(".yaml") || path.ends_with(".yml"));
  if (!yaml && draws_override > 0)  // silently ignoring it would run other sets than asked for
    throw InputError(InputProblem{"--draws", 0, 0, "",
                                  "only applies to a prior file (PRIOR.yaml); " + path + " lists its parameter sets"});
  if (!yaml) return read_sets_csv(path);
  const PriorSpec prior = load_prior(path);
  ParameterSets sets;
  sets.file = path;
  for (const PriorParameter& p : prior.parameters) sets.keys.push_back(p.key);
  const std::uint64_t n = draws_override > 0 ? draws_override : prior.draws;
  sets.values = draw_prior(prior.parameters, n, prior.seed);
  sets.weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
  return sets;
}

std::string parameter_sets_csv(const ParameterSets& sets) {
  std::string out = "set,weight";
  for (const std::string& k : sets.keys) append_field(out, k);
  out += '\n';
  for (Eigen::Index i = 0; i < sets.values.rows(); ++i) {
    const std::uint64_t id = sets.ids.empty() ? static_cast<std::uint64_t>(i) : sets.ids[static_cast<std::size_t>(i)];
    out += std::to_string(id);
    append_number_field(out, sets.weights(i));
    for (Eigen::Index j = 0; j < sets.values.cols(); ++j) append_number_field(out, sets.values(i, j));
    out += '\n';
  }
  return out;
}

}  // namespace gunflow
