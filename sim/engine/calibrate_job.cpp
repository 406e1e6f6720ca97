#include "gunflow/engine/calibrate_job.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "gunflow/analysis/bounded_minimize.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

Settings settings_with(const CalibrationSpec& spec, const std::vector<double>& values) {
  Settings s = spec.base.settings;
  for (std::size_t j = 0; j < values.size(); ++j)
    find_parameter_entry(spec.parameters[j].key)->set(s, Value(values[j]));
  return s;
}

/// The fit may try any point of the parameters' box, and the checks between keys the
/// loader makes (a map's weights not all 0, dealer shares within 1) bound sums of values,
/// which are extreme at the box's corners: a box whose corners all pass holds no point
/// that fails. Past 12 parameters (4,096 corners) only the start is checked.
void check_box(const CalibrationSpec& spec) {
  const std::size_t k = spec.parameters.size();
  const std::uint64_t corners = k <= 12 ? std::uint64_t{1} << k : 0;
  std::vector<double> values(k);
  for (std::uint64_t c = 0; c <= corners; ++c) {  // the last pass: the start
    for (std::size_t j = 0; j < k; ++j) {
      const CalibrationParameter& p = spec.parameters[j];
      values[j] = c == corners ? p.start : ((c >> j) & 1U) != 0 ? p.high : p.low;
    }
    refuse_value_conflicts(settings_with(spec, values), spec.file,
                           " at a corner of the parameters' ranges; narrow them");
  }
}
}  // namespace

std::vector<std::size_t> calibration_target_rows(const CalibrationSpec& spec, const MetricLayout& layout) {
  std::vector<std::size_t> rows;
  std::vector<InputProblem> problems;
  for (const CalibrationTarget& t : spec.targets) {
    try {
      rows.push_back(layout.index(t.metric, t.key));
      if (t.year && (*t.year < layout.first_year() || *t.year >= layout.first_year() + layout.n_years()))
        problems.push_back({spec.file, t.line, t.column, "targets",
                            t.metric + ": year " + std::to_string(*t.year) + " is not simulated (the run covers " +
                                std::to_string(layout.first_year()) + "-" +
                                std::to_string(layout.first_year() + layout.n_years() - 1) + ")"});
    } catch (const std::exception&) {
      problems.push_back({spec.file, t.line, t.column, "targets",
                          "'" + t.metric + (t.key.empty() ? "" : "/" + t.key) +
                              "' is not an output series (`gunflow metrics` lists the metrics and their keys)"});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return rows;
}

double target_value(const CalibrationTarget& target, const ReplicationResult& r, std::size_t row, int first_year) {
  const auto series = r.values.row(static_cast<Eigen::Index>(row));
  return target.year ? series(*target.year - first_year) : series.mean();
}

namespace {

/// Model means at `values`, one Summary per target.
std::vector<TargetFit> evaluate(const CalibrationSpec& spec, const std::vector<std::size_t>& rows,
                                const std::vector<double>& values, int threads) {
  const Model model(settings_with(spec, values));
  const RunOutcome out = run_replications(
      0, spec.replications, [&](std::uint64_t r) { return model.run(spec.seed, r); }, threads, nullptr, nullptr);
  std::vector<TargetFit> fits;
  for (std::size_t t = 0; t < rows.size(); ++t) {
    const CalibrationTarget& target = spec.targets[t];
    std::vector<double> per_rep;
    for (const ReplicationResult& r : out.results) {
      per_rep.push_back(target_value(target, r, rows[t], model.layout().first_year()));
    }
    TargetFit f{target, summarize(per_rep), false};
    f.pass = f.model.mean >= target.low && f.model.mean <= target.high;
    fits.push_back(f);
  }
  return fits;
}

double objective(const std::vector<TargetFit>& fits) {
  double sum = 0;
  for (const TargetFit& f : fits) {
    const double centre = 0.5 * (f.target.low + f.target.high), half = 0.5 * (f.target.high - f.target.low);
    sum += std::pow((f.model.mean - centre) / half, 2);
  }
  return sum;
}
}  // namespace

CalibrationResult calibrate(const CalibrationSpec& spec, int threads,
                            const std::function<void(const std::vector<double>&, double)>& on_evaluation,
                            const std::vector<CalibrationEvaluation>& known) {
  const std::vector<std::size_t> rows = calibration_target_rows(spec, Model(spec.base.settings).layout());
  const auto k = static_cast<Eigen::Index>(spec.parameters.size());
  // Search in the unit cube so parameters of very different scales are treated alike.
  auto to_values = [&](const Eigen::VectorXd& u) {
    std::vector<double> v(static_cast<std::size_t>(k));
    for (Eigen::Index j = 0; j < k; ++j) {
      const CalibrationParameter& p = spec.parameters[static_cast<std::size_t>(j)];
      v[static_cast<std::size_t>(j)] = p.low + u(j) * (p.high - p.low);
    }
    return v;
  };
  Eigen::VectorXd start(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const CalibrationParameter& p = spec.parameters[static_cast<std::size_t>(j)];
    start(j) = (p.start - p.low) / (p.high - p.low);
  }
  std::size_t asked = 0;
  bool replaying = true;  // until the fit asks for a point `known` does not hold next
  int reused = 0;
  const MinimizeResult nm = bounded_minimize(
      [&](const Eigen::VectorXd& u) {
        const std::vector<double> v = to_values(u);
        replaying = replaying && asked < known.size() && known[asked].values == v;
        ++asked;
        reused += replaying ? 1 : 0;
        const double value = replaying ? known[asked - 1].objective : objective(evaluate(spec, rows, v, threads));
        if (on_evaluation) on_evaluation(v, value);
        return value;
      },
      start, Eigen::VectorXd::Constant(k, 0.15), Eigen::VectorXd::Zero(k), Eigen::VectorXd::Ones(k),
      spec.max_evaluations, 1e-4);
  // (absolute tolerance on the objective: a sum of squared band-normalised misses)
  CalibrationResult result;
  result.values = to_values(nm.x);
  result.objective = nm.value;
  result.evaluations = nm.evaluations;
  result.reused = reused;
  result.converged = nm.converged;
  result.algorithm = nm.algorithm;
  result.fits = evaluate(spec, rows, result.values, threads);
  return result;
}

namespace {
std::string fitted_yaml(const CalibrationSpec& spec, const CalibrationResult& r, const std::string& extends) {
  std::string out = "# Written by `gunflow calibrate " + spec.file + "`: NLopt " + r.algorithm + ", " +
                    std::to_string(r.evaluations) + " evaluations of " + std::to_string(spec.replications) +
                    " replications (seed " + std::to_string(spec.seed) + "), objective " + format_number(r.objective) +
                    ".\n# Do not edit by hand: change the calibration file and run it again.\n";
  for (const std::string& o : spec.base.overrides)
    out += "# Calibrated with --set " + o + " on the base, which this file does not repeat.\n";
  out += "extends: " + extends + "\n";
  // Keys grouped by their first path segment, one level of nesting as in the schema.
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
    const std::string& key = spec.parameters[j].key;
    std::string indent;
    std::size_t start = 0;
    for (std::size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
      out += indent + key.substr(start, dot - start) + ":\n";
      indent += "  ";
    }
    out += indent + key.substr(start) + ": " + format_number(r.values[j]) + "\n";
  }
  return out;
}

constexpr const char* kTraceFile = "calibration_trace.csv";
constexpr const char* kIdentityFile = "calibration.identity";

/// What a trace belongs to: the calibration file (parameters, targets, replications,
/// seed, budget) and the base scenario as resolved, with the content of its files and data
/// tables. A trace of anything else cannot be replayed.
std::string identity_of(const CalibrationSpec& spec) {
  const std::string text =
      read_file(spec.file) + "\n---\n" + resolved_yaml(spec.base.settings) + "\n---\n" + input_fingerprint(spec.base);
  return "gunflow calibration " + text_digest(text) + "\n";
}

/// The evaluations recorded in an interrupted calibration's trace (values and
/// objectives round-trip exactly: they were written in shortest round-trip form).
std::vector<CalibrationEvaluation> read_trace(const std::string& path, const std::string& header, std::size_t k) {
  std::vector<CalibrationEvaluation> out;
  for (const TraceRow& row :
       read_trace_rows(path, header, "names other parameters than the calibration file; resume with the same one")) {
    const std::vector<double>& fields = row.fields;
    if (fields.size() != k + 2 || fields[0] != static_cast<double>(out.size()))
      throw IoError(path + ":" + std::to_string(row.line), "is not evaluation " + std::to_string(out.size()) +
                                                               " with " + std::to_string(k) +
                                                               " values and an objective");
    out.push_back({std::vector<double>(fields.begin() + 1, fields.end() - 1), fields.back()});
  }
  return out;
}

// One row per target; `year` is empty for a target on the mean over every simulated
// year (so the column stays an integer column), and `years` says which years it covers.
std::string targets_csv(const CalibrationResult& r, int first_year, int last_year) {
  std::string out = "metric,key,year,years,band_low,band_high,mean,ci_low,ci_high,pass,source\n";
  const std::string all = std::to_string(first_year) + "-" + std::to_string(last_year);
  for (const TargetFit& f : r.fits)
    out += f.target.metric + "," + output_key(f.target.key) + "," +
           (f.target.year ? std::to_string(*f.target.year) : "") + "," +
           (f.target.year ? std::to_string(*f.target.year) : all) + "," + format_number(f.target.low) + "," +
           format_number(f.target.high) + "," + format_number(f.model.mean) + "," + format_number(f.model.ci_low) +
           "," + format_number(f.model.ci_high) + "," + (f.pass ? "PASS" : "FAIL") + ",\"" + f.target.source + "\"\n";
  return out;
}
}  // namespace

CalibrationResult calibrate_job(const CalibrationSpec& spec, const ExecutionConfig& cfg,
                                const std::string& scenario_path) {
  const fs::path dir(cfg.out_dir);
  // What can be refused is refused before the output directory is touched: targets that
  // name no output series, and a --write-scenario file whose directory does not exist.
  (void)calibration_target_rows(spec, Model(spec.base.settings).layout());
  check_box(spec);
  if (!scenario_path.empty()) {
    std::error_code ec;
    const fs::path parent = fs::absolute(scenario_path).parent_path();
    if (!fs::is_directory(parent, ec))
      throw IoError(scenario_path, "cannot be written: its directory " + parent.string() + " does not exist");
  }
  std::string trace = "evaluation";
  for (const CalibrationParameter& p : spec.parameters) trace += "," + p.key;
  trace += ",objective\n";
  const std::string identity = identity_of(spec);
  std::vector<CalibrationEvaluation> known;
  if (cfg.resume) {
    const fs::path id = dir / kIdentityFile;
    if (!fs::exists(id))
      throw IoError(cfg.out_dir, "holds no calibration to resume (no " + std::string(kIdentityFile) + ")");
    if (read_file(id.string()) != identity)
      throw InputError(InputProblem{id.string(), 0, 0, "",
                                    "was written for another calibration file, base scenario or data tables "
                                    "(or one of them has changed since); resume with the same ones"});
    known = read_trace((dir / kTraceFile).string(), trace.substr(0, trace.size() - 1), spec.parameters.size());
  } else {
    prepare_output_dir(cfg.out_dir, cfg.force);
  }
  write_file_atomic((dir / kIdentityFile).string(), identity);
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  int n = 0;
  ProgressBar bar("calibrate", !cfg.quiet && ProgressBar::stderr_is_terminal());
  // Ctrl-C or SIGTERM stops the fit after the evaluation under way, whose result is in the
  // trace (a second one kills at once); the objective's exception ends NLopt's search.
  struct Stopped {};
  const std::atomic<bool>& stop = install_stop_handlers();
  CalibrationResult r;
  try {
    r = calibrate(
        spec, cfg.threads,
        [&](const std::vector<double>& v, double value) {
          // The evaluation budget bounds the run, so ETA against it is an upper bound.
          bar.update(static_cast<std::uint64_t>(n + 1),
                     static_cast<std::uint64_t>(std::max(spec.max_evaluations, n + 1)));
          trace += std::to_string(n++);
          for (double x : v) append_number_field(trace, x);
          append_number_field(trace, value);
          trace += '\n';
          write_file_atomic((dir / kTraceFile).string(), trace);  // progress survives an interruption: --resume
          if (stop.load()) throw Stopped{};
        },
        known);
  } catch (const Stopped&) {
    r = CalibrationResult{};
    r.interrupted = true;
    r.evaluations = n;
  }
  bar.finish();
  // run.json: the evaluations' replications (none counted for an interrupted fit, whose
  // evaluations are in the trace), and the fit's bounds once it ended.
  const auto write_run_json = [&](std::uint64_t replications, bool interrupted) {
    RunMetadata meta{spec.file,
                     spec.seed,
                     replications,
                     replications,
                     resolved_threads(cfg.threads),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                     interrupted,
                     started,
                     {},
                     nlohmann::json::object()};
    meta.extra["evaluations"] = r.evaluations;
    meta.overrides = spec.base.overrides;
    if (!interrupted) {
      meta.extra["max_evaluations"] = spec.max_evaluations;
      meta.extra["replications_per_evaluation"] = spec.replications;
    }
    write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  };
  if (r.interrupted) {
    write_run_json(0, true);
    return r;
  }
  const fs::path base_abs = fs::absolute(fs::path(spec.file).parent_path() / spec.base_file);
  // `extends` relative to the file that names it, so the output directory moves with the scenarios.
  const fs::path base_rel = base_abs.lexically_normal().lexically_relative(fs::absolute(dir).lexically_normal());
  write_file_atomic((dir / "fitted.yaml").string(),
                    fitted_yaml(spec, r, (base_rel.empty() ? base_abs.lexically_normal() : base_rel).string()));
  if (!scenario_path.empty()) {
    const fs::path target_dir = fs::absolute(scenario_path).parent_path();
    write_file_atomic(scenario_path,
                      fitted_yaml(spec, r, base_abs.lexically_normal().lexically_relative(target_dir).string()));
  }
  write_file_atomic((dir / "targets.csv").string(), targets_csv(r, spec.base.settings.simulation.start.year(),
                                                                (spec.base.settings.simulation.end + (-1)).year()));
  // Every evaluation runs the same spec.replications replications (common random numbers).
  write_run_json(static_cast<std::uint64_t>(r.evaluations) * spec.replications, false);
  return r;
}

std::vector<TraceRow> read_trace_rows(const std::string& path, const std::string& header, const std::string& mismatch) {
  std::vector<TraceRow> out;
  if (!fs::exists(path)) return out;
  const std::string text = read_file(path);
  std::size_t line_no = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (++line_no == 1) {
      if (line != header) throw InputError(InputProblem{path, 1, 0, "", mismatch});
      continue;
    }
    out.push_back({line_no, parse_number_row(line, path + ":" + std::to_string(line_no))});
  }
  return out;
}

std::vector<double> parse_number_row(const std::string& line, const std::string& where) {
  std::vector<double> fields;
  for (std::size_t f = 0; f <= line.size();) {
    const std::size_t comma = std::min(line.find(',', f), line.size());
    double x = 0;
    const auto [ptr, ec] = std::from_chars(line.data() + f, line.data() + comma, x);
    if (ec != std::errc() || ptr != line.data() + comma)
      throw IoError(where, "is not a number: '" + line.substr(f, comma - f) + "'");
    fields.push_back(x);
    f = comma + 1;
  }
  return fields;
}

}  // namespace gunflow
