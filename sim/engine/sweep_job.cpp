#include "gunflow/engine/sweep_job.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {

std::vector<std::size_t> output_rows(const SweepSpec& spec, const MetricLayout& layout) {
  std::vector<std::size_t> rows;
  std::vector<InputProblem> problems;
  for (std::size_t i = 0; i < spec.outputs.size(); ++i) {
    const std::string& o = spec.outputs[i];
    try {
      rows.push_back(layout.index(o));
    } catch (const std::exception&) {
      const int line = i < spec.output_lines.size() ? spec.output_lines[i] : 0;
      const auto& catalogue = metric_catalogue();
      const bool keyed = std::any_of(catalogue.begin(), catalogue.end(),
                                     [&](const MetricInfo& m) { return o == m.name && std::string(m.key) != "total"; });
      problems.push_back({spec.file, line, 0, "outputs",
                          keyed ? "names '" + o +
                                      "', a metric with one series per key; a sweep's outputs are "
                                      "single-series metrics (key 'total' in `gunflow metrics`)"
                                : "names '" + o + "', which is not a metric (`gunflow metrics` lists them)"});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return rows;
}

/// One point: every replication, each output averaged over the run's years. A stop
/// request is honoured between replications (a point may hold thousands): the point is
/// abandoned unfinished, not checkpointed, and runs again on --resume.
ReplicationResult run_point(const SweepSpec& spec, const Design& design, const std::vector<std::size_t>& rows,
                            std::uint64_t point, const std::atomic<bool>& stop) {
  const Model model(settings_at(spec, design.points.row(static_cast<Eigen::Index>(point))));
  ReplicationResult out;
  out.replication = point;
  out.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(spec.replications));
  for (std::uint64_t r = 0; r < spec.replications; ++r) {
    if (stop.load()) throw ReplicationAbandoned{};
    const ReplicationResult res = model.run(spec.seed, r);  // same replications at every point: CRN
    for (std::size_t o = 0; o < rows.size(); ++o)
      out.values(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(r)) =
          res.values.row(static_cast<Eigen::Index>(rows[o])).mean();
  }
  return out;
}

std::string points_csv(const SweepSpec& spec, const Design& d) {
  std::string out = "point";
  for (const SweepParameter& p : spec.parameters) append_field(out, p.key);
  out += '\n';
  for (Eigen::Index i = 0; i < d.points.rows(); ++i) {
    out += std::to_string(i);
    for (Eigen::Index j = 0; j < d.points.cols(); ++j) append_number_field(out, d.points(i, j));
    out += '\n';
  }
  return out;
}

std::string results_csv(const SweepSpec& spec, const Design& d, const std::vector<ReplicationResult>& points) {
  std::string out = "point,replication";
  for (const SweepParameter& p : spec.parameters) append_field(out, p.key);
  for (const std::string& o : spec.outputs) append_field(out, o);
  out += '\n';
  for (const ReplicationResult& p : points)
    for (Eigen::Index r = 0; r < p.values.cols(); ++r) {
      out += std::to_string(p.replication);
      append_field(out, std::to_string(r));
      for (Eigen::Index j = 0; j < d.points.cols(); ++j)
        append_number_field(out, d.points(static_cast<Eigen::Index>(p.replication), j));
      for (Eigen::Index o = 0; o < p.values.rows(); ++o) append_number_field(out, p.values(o, r));
      out += '\n';
    }
  return out;
}

std::string sensitivity_csv(const SweepSpec& spec, const Design& d, const std::vector<ReplicationResult>& points) {
  std::string out = "output,parameter,method,index,value,ci_low,ci_high\n";
  for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
    Eigen::VectorXd y(d.points.rows());
    for (const ReplicationResult& p : points)
      y(static_cast<Eigen::Index>(p.replication)) = p.values.row(static_cast<Eigen::Index>(o)).mean();
    const SweepSensitivity s = analyze_design(d, y, spec.parameters, spec.bootstrap, spec.seed);
    for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
      const auto i = static_cast<Eigen::Index>(j);
      const std::string head = spec.outputs[o] + "," + spec.parameters[j].key + ",";
      if (s.has_morris) {
        out += head + "morris,mu_star," + format_number(s.morris.mu_star(i)) + ",,\n";
        out += head + "morris,mu," + format_number(s.morris.mu(i)) + ",,\n";
        out += head + "morris,sigma," + format_number(s.morris.sigma(i)) + ",,\n";
      }
      if (s.has_sobol) {
        out += head + "sobol,S1," + format_number(s.sobol.s1(i)) + "," + format_number(s.sobol.s1_low(i)) + "," +
               format_number(s.sobol.s1_high(i)) + "\n";
        out += head + "sobol,ST," + format_number(s.sobol.st(i)) + "," + format_number(s.sobol.st_low(i)) + "," +
               format_number(s.sobol.st_high(i)) + "\n";
      }
    }
  }
  return out;
}

/// Points are applied key by key after the base scenario was read, so the checks between
/// keys the loader makes (weights not all 0, dealer shares within 1) are made here for
/// every point, before anything is written: ranges that admit a broken point are refused.
void check_points(const SweepSpec& spec, const Design& design) {
  for (Eigen::Index i = 0; i < design.points.rows(); ++i)
    refuse_value_conflicts(settings_at(spec, design.points.row(i)), spec.file,
                           " at point " + std::to_string(i) + " of the design; narrow its ranges");
}
}  // namespace

SweepReport sweep_job(const SweepSpec& spec, const ExecutionConfig& cfg, Cluster& cluster, const ProgressFn& progress) {
  const fs::path dir(cfg.out_dir);
  const Model base(spec.base.settings);
  const std::vector<std::size_t> rows = output_rows(spec, base.layout());  // refused before --out is touched
  Design design = make_design(spec.design, spec.parameters, spec.points, spec.levels, spec.seed);
  for (std::size_t j = 0; j < spec.parameters.size(); ++j)  // integer keys run (and are reported) rounded
    if (find_parameter_entry(spec.parameters[j].key)->type == ValueType::kInt)
      design.points.col(static_cast<Eigen::Index>(j)) = design.points.col(static_cast<Eigen::Index>(j)).array().round();
  const auto n_points = static_cast<std::uint64_t>(design.points.rows());
  check_points(spec, design);
  prepare_job_dir(cfg, cluster);
  if (cfg.resume) check_resumed_kind(cfg, "sweep");
  const std::string inputs = input_manifest(spec.base);
  check_recorded_inputs(cfg, inputs, "the sweep");
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();

  // The data tables' content too: checkpoints gathered from shards run on other data mix nothing.
  std::string identity = read_file(spec.file) + resolved_yaml(spec.base.settings) + input_fingerprint(spec.base);
  const CheckpointHeader header{fnv1a(identity.data(), identity.size()), spec.seed, n_points, rows.size(),
                                spec.replications};
  const fs::path ckpt = checkpoint_path(dir, cluster);
  std::uint64_t valid = 0;
  std::vector<ReplicationResult> done_points =
      cfg.resume ? resumed_results(dir, ckpt, header, valid) : std::vector<ReplicationResult>{};
  record_inputs(cfg, cluster, inputs);
  std::vector<char> done(n_points, 0);
  for (const ReplicationResult& r : done_points) done[r.replication] = 1;
  if (cluster.rank() != 0) done_points.clear();  // rank 0 alone keeps them: no duplicates in the gather
  // MPI ranks, or else shards (--shard I/N, each in its own directory), take contiguous blocks of points.
  const std::uint64_t part = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.rank()) : cfg.shard_index;
  const std::uint64_t parts = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.size()) : cfg.shard_count;
  const auto [first, last] = shard_range(n_points, part, parts);
  std::vector<std::uint64_t> todo;
  for (std::uint64_t p = first; p < last; ++p)
    if (!done[p]) todo.push_back(p);
  CheckpointWriter writer(ckpt.string(), header, cfg.resume && fs::exists(ckpt), valid);
  ProgressBar bar("sweep", !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  RunOutcome outcome = run_replications(
      todo, [&](std::uint64_t p) { return run_point(spec, design, rows, p, stop); }, cfg.threads,
      [&](std::uint64_t n, std::uint64_t total) {
        bar.update(n, total);
        if (progress) progress(n, total);
      },
      &stop, [&](const ReplicationResult& r) { writer.append(r); });
  bar.finish();
  const bool interrupted = cluster.any(outcome.interrupted);
  std::vector<ReplicationResult> gathered = cluster.gather(std::move(outcome.results), rows.size(), spec.replications);
  SweepReport report;
  report.points = n_points;
  report.interrupted = interrupted;
  if (cluster.rank() != 0) {
    report.root = false;
    return report;
  }
  for (ReplicationResult& r : gathered) done_points.push_back(std::move(r));
  sort_by_replication(done_points);
  report.finished = done_points.size();
  write_file_atomic((dir / "sweep_points.csv").string(), points_csv(spec, design));
  write_file_atomic((dir / "sweep_results.csv").string(), results_csv(spec, design, done_points));
  if (report.finished == n_points && (spec.design == DesignKind::kMorris || spec.design == DesignKind::kSaltelli))
    write_file_atomic((dir / "sensitivity.csv").string(), sensitivity_csv(spec, design, done_points));
  write_file_atomic((dir / "scenario.resolved.yaml").string(),
                    resolved_yaml_for(spec.base.settings, dir.string(), spec.base.overrides));
  write_metrics_catalogue(dir);
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Replications are counted as such (every point runs spec.replications); points apart.
  RunMetadata meta{spec.file,
                   spec.seed,
                   n_points * spec.replications,
                   report.finished * spec.replications,
                   resolved_threads(cfg.threads),
                   report.wall_seconds,
                   interrupted,
                   started,
                   {},
                   nlohmann::json::object()};
  meta.extra["points_requested"] = n_points;
  meta.extra["points_finished"] = report.finished;
  meta.extra["replications_per_point"] = spec.replications;
  meta.overrides = spec.base.overrides;
  meta.extra["warnings"] = spec.warnings;
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

}  // namespace gunflow
