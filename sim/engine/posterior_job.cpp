#include "gunflow/engine/posterior_job.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/schema.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
constexpr const char* kDrawsFile = "posterior_draws.csv";
constexpr const char* kPosteriorIdentity = "posterior.identity";
constexpr std::uint64_t kDrawsPerBlock = 8;  // the trace is rewritten after each block

std::string target_label(const CalibrationTarget& t) {
  std::string label = t.metric;
  if (!t.key.empty()) label.append("/").append(t.key);
  if (t.year) label.append("@").append(std::to_string(*t.year));
  return label;
}

/// One draw's outcome: each target's mean and variance of the mean over replications.
struct DrawOutcome {
  std::vector<double> mean, mc_var;
  double max_implausibility = 0;
};

std::string draws_header(const CalibrationSpec& spec) {
  std::string h = "draw";
  for (const PriorParameter& p : spec.posterior->prior.parameters) append_field(h, p.key);
  for (const CalibrationTarget& t : spec.targets) {
    append_field(h, "mean:" + target_label(t));
    append_field(h, "mc_var:" + target_label(t));
  }
  return h + ",max_implausibility,kept";
}

std::string draw_row(std::uint64_t i, const Eigen::MatrixXd& draws, const DrawOutcome& o, double cutoff) {
  std::string row = std::to_string(i);
  for (Eigen::Index j = 0; j < draws.cols(); ++j) append_number_field(row, draws(static_cast<Eigen::Index>(i), j));
  for (std::size_t t = 0; t < o.mean.size(); ++t) {
    append_number_field(row, o.mean[t]);
    append_number_field(row, o.mc_var[t]);
  }
  append_number_field(row, o.max_implausibility);
  append_field(row, o.max_implausibility <= cutoff ? "1" : "0");
  return row + '\n';
}

/// The draws an interrupted job finished: rows must repeat the header and, bit for bit,
/// the parameters this job draws (they are a function of the prior's seed).
std::vector<DrawOutcome> read_draws(const std::string& path, const std::string& header, const Eigen::MatrixXd& draws,
                                    std::size_t targets) {
  std::vector<DrawOutcome> out;
  if (!fs::exists(path)) return out;
  const std::string text = read_file(path);
  std::size_t line_no = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (++line_no == 1) {
      if (line != header)
        throw InputError(
            InputProblem{path, 1, 0, "", "belongs to another prior or other targets; resume with the same"});
      continue;
    }
    const std::vector<double> f = parse_number_row(line, path + ":" + std::to_string(line_no));
    const auto k = static_cast<std::size_t>(draws.cols());
    const auto i = static_cast<Eigen::Index>(out.size());
    bool same = f.size() == 1 + k + 2 * targets + 2 && f[0] == static_cast<double>(out.size()) && i < draws.rows();
    for (std::size_t j = 0; same && j < k; ++j) same = f[1 + j] == draws(i, static_cast<Eigen::Index>(j));
    if (!same)
      throw IoError(path + ":" + std::to_string(line_no),
                    "is not draw " + std::to_string(out.size()) + " of this prior");
    DrawOutcome o;
    for (std::size_t t = 0; t < targets; ++t) {
      o.mean.push_back(f[1 + k + 2 * t]);
      o.mc_var.push_back(f[2 + k + 2 * t]);
    }
    o.max_implausibility = f[1 + k + 2 * targets];
    out.push_back(o);
  }
  return out;
}

std::string posterior_identity_of(const CalibrationSpec& spec) {
  const std::string text = read_file(spec.file) + "\n---\n" + read_file(spec.posterior->prior_file) + "\n---\n" +
                           resolved_yaml(spec.base.settings) + "\n---\n" + input_fingerprint(spec.base);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(text.data(), text.size())));
  return std::string("gunflow posterior ") + hex + "\n";
}

/// The base scenario with draw `i` of the prior applied.
Settings draw_settings(const CalibrationSpec& spec, const Eigen::MatrixXd& draws, std::uint64_t i) {
  Settings s = spec.base.settings;
  const PosteriorSettings& ps = *spec.posterior;
  for (std::size_t j = 0; j < ps.prior.parameters.size(); ++j)
    apply_parameter(s, ps.prior.parameters[j].key, draws(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  return s;
}

/// A prior whose ranges admit what a scenario file may not hold (a map's weights all 0,
/// dealer shares past 1) is refused at its first such draw, before anything runs: the
/// draws are applied key by key and skip the loader's checks between keys.
void check_draws(const CalibrationSpec& spec, const Eigen::MatrixXd& draws) {
  for (Eigen::Index i = 0; i < draws.rows(); ++i)
    refuse_value_conflicts(draw_settings(spec, draws, static_cast<std::uint64_t>(i)), spec.posterior->prior_file,
                           " in draw " + std::to_string(i) + " of the prior; narrow its ranges");
}

/// Runs draws [first, last): replication r of draw i is work item (i - first) * R + r.
std::vector<DrawOutcome> run_block(const CalibrationSpec& spec, const std::vector<std::size_t>& rows,
                                   const Eigen::MatrixXd& draws, std::uint64_t first, std::uint64_t last, int threads,
                                   const std::atomic<bool>* stop, bool& interrupted) {
  const PosteriorSettings& ps = *spec.posterior;
  std::vector<std::unique_ptr<Model>> models;
  for (std::uint64_t i = first; i < last; ++i) models.push_back(std::make_unique<Model>(draw_settings(spec, draws, i)));
  const std::uint64_t reps = ps.replications;
  const RunOutcome out = run_replications(
      0, (last - first) * reps,
      [&](std::uint64_t item) {
        ReplicationResult r = models[item / reps]->run(spec.seed, item % reps);
        r.replication = item;  // the runner orders results by this field: the work item, not the replication
        return r;
      },
      threads, nullptr, stop);
  interrupted = out.interrupted;
  std::vector<DrawOutcome> outcomes;
  if (out.interrupted) return outcomes;  // a block counts only whole
  const int first_year = models.front()->layout().first_year();
  for (std::uint64_t d = 0; d < last - first; ++d) {
    DrawOutcome o;
    for (std::size_t t = 0; t < rows.size(); ++t) {
      std::vector<double> v;
      for (std::uint64_t r = 0; r < reps; ++r)
        v.push_back(target_value(spec.targets[t], out.results[d * reps + r], rows[t], first_year));
      const Summary s = summarize(v);
      o.mean.push_back(s.mean);
      o.mc_var.push_back(s.sd * s.sd / static_cast<double>(reps));
      const CalibrationTarget& tg = spec.targets[t];
      o.max_implausibility = std::max(o.max_implausibility, implausibility(s.mean, o.mc_var.back(), tg.low, tg.high));
    }
    outcomes.push_back(o);
  }
  return outcomes;
}

/// Per target: the draws it rules out (implausibility above the cutoff) and those it alone
/// rules out. A target that rules out none cannot condition the posterior (the homicide
/// targets, whose level is an input, are such).
struct TargetReach {
  std::vector<std::size_t> ruled_out, only_by_it;
};
TargetReach target_reach(const CalibrationSpec& spec, const std::vector<DrawOutcome>& done, double cutoff) {
  const std::size_t n = spec.targets.size();
  TargetReach reach{std::vector<std::size_t>(n, 0), std::vector<std::size_t>(n, 0)};
  for (const DrawOutcome& o : done) {
    std::vector<std::size_t> over;
    for (std::size_t t = 0; t < n; ++t)
      if (implausibility(o.mean[t], o.mc_var[t], spec.targets[t].low, spec.targets[t].high) > cutoff) over.push_back(t);
    for (std::size_t t : over) ++reach.ruled_out[t];
    if (over.size() == 1) ++reach.only_by_it[over.front()];
  }
  return reach;
}

std::string targets_csv(const CalibrationSpec& spec, const TargetReach& reach) {
  std::string out = "target,band_low,band_high,draws_ruled_out,draws_ruled_out_by_it_alone\n";
  for (std::size_t t = 0; t < spec.targets.size(); ++t)
    out += target_label(spec.targets[t]) + "," + format_number(spec.targets[t].low) + "," +
           format_number(spec.targets[t].high) + "," + std::to_string(reach.ruled_out[t]) + "," +
           std::to_string(reach.only_by_it[t]) + "\n";
  return out;
}

std::string identifiability_csv(const CalibrationSpec& spec, const PosteriorReport& r, const Eigen::MatrixXd& draws,
                                const Eigen::VectorXd& kept) {
  std::string out =
      "parameter,distribution,prior_low,prior_high,prior_sd,posterior_sd,sd_ratio,sd_ratio_upper95,posterior_q05,"
      "posterior_median,posterior_q95,verdict,pinned_by\n";
  for (std::size_t j = 0; j < r.identifiability.size(); ++j) {
    const PriorParameter& p = spec.posterior->prior.parameters[j];
    const Identifiability& id = r.identifiability[j];
    const Eigen::VectorXd col = draws.col(static_cast<Eigen::Index>(j));
    const bool any = r.accepted > 0;
    auto q = [&](double x) { return any ? format_number(weighted_quantile(col, kept, x)) : std::string(); };
    const char* verdict = !any ? "no posterior" : identifiability_verdict(id);
    std::string by;
    for (int t : id.pinned_by)
      by += (by.empty() ? "" : "; ") + target_label(spec.targets[static_cast<std::size_t>(t)]) + " (rho " +
            format_number(std::round(id.rho[static_cast<std::size_t>(t)] * 100) / 100) + ")";
    out += p.key + "," + (p.log_uniform ? "log-uniform" : "uniform") + "," + format_number(p.low) + "," +
           format_number(p.high) + "," + format_number(id.prior_sd) + "," +
           (any ? format_number(id.posterior_sd) : "") + "," + (any ? format_number(id.ratio) : "") + "," +
           (any && std::isfinite(id.ratio_upper) ? format_number(id.ratio_upper) : "") + "," + q(0.05) + "," + q(0.5) +
           "," + q(0.95) + "," + verdict + ",\"" + by + "\"\n";
  }
  return out;
}
}  // namespace

PosteriorReport posterior_job(const CalibrationSpec& spec, const ExecutionConfig& cfg) {
  if (!spec.posterior)
    throw InputError(InputProblem{spec.file, 0, 0, "posterior",
                                  "is required for --posterior: {prior, draws, replications, cutoff}"});
  const PosteriorSettings& ps = *spec.posterior;
  const fs::path dir(cfg.out_dir);
  const std::vector<std::size_t> rows = calibration_target_rows(spec, Model(spec.base.settings).layout());
  const Eigen::MatrixXd draws = draw_prior(ps.prior.parameters, ps.draws, ps.prior.seed);
  check_draws(spec, draws);
  const std::string header = draws_header(spec), identity = posterior_identity_of(spec);
  std::vector<DrawOutcome> done;
  require_threads(resolved_threads(cfg.threads));  // before anything is written
  if (cfg.resume) {
    refuse_symlinks_in(cfg.out_dir);
    const fs::path id = dir / kPosteriorIdentity;
    if (!fs::exists(id))
      throw IoError(cfg.out_dir, "holds no posterior to resume (no " + std::string(kPosteriorIdentity) + ")");
    if (read_file(id.string()) != identity)
      throw InputError(InputProblem{id.string(), 0, 0, "",
                                    "was written for another calibration file, prior, base scenario or data tables "
                                    "(or one of them has changed since); resume with the same"});
    done = read_draws((dir / kDrawsFile).string(), header, draws, spec.targets.size());
  } else {
    prepare_output_dir(cfg.out_dir, cfg.force);
  }
  write_file_atomic((dir / kPosteriorIdentity).string(), identity);
  PosteriorReport report;
  report.draws = ps.draws;
  report.reused = done.size();
  for (const PriorParameter& p : ps.prior.parameters) report.keys.push_back(p.key);
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  std::string trace = header + "\n";
  for (std::size_t i = 0; i < done.size(); ++i) trace += draw_row(i, draws, done[i], ps.cutoff);
  ProgressBar bar("posterior", !cfg.quiet && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  while (done.size() < ps.draws && !report.interrupted) {
    const std::uint64_t first = done.size(), last = std::min<std::uint64_t>(ps.draws, first + kDrawsPerBlock);
    for (DrawOutcome& o : run_block(spec, rows, draws, first, last, cfg.threads, &stop, report.interrupted)) {
      trace += draw_row(done.size(), draws, o, ps.cutoff);
      done.push_back(std::move(o));
    }
    write_file_atomic((dir / kDrawsFile).string(), trace);  // progress survives an interruption: --resume
    bar.update(done.size(), ps.draws);
  }
  bar.finish();
  report.finished = done.size();
  if (report.finished < ps.draws) return report;
  const auto n = static_cast<Eigen::Index>(ps.draws);
  Eigen::MatrixXd outputs(n, static_cast<Eigen::Index>(spec.targets.size()));
  Eigen::VectorXd kept(n);
  ParameterSets posterior;
  posterior.keys = report.keys;
  std::vector<Eigen::Index> kept_rows;
  for (Eigen::Index i = 0; i < n; ++i) {
    const DrawOutcome& o = done[static_cast<std::size_t>(i)];
    for (std::size_t t = 0; t < o.mean.size(); ++t) outputs(i, static_cast<Eigen::Index>(t)) = o.mean[t];
    kept(i) = o.max_implausibility <= ps.cutoff ? 1.0 : 0.0;
    if (kept(i) > 0) kept_rows.push_back(i);
  }
  report.accepted = kept_rows.size();
  posterior.values.resize(static_cast<Eigen::Index>(kept_rows.size()), draws.cols());
  for (std::size_t i = 0; i < kept_rows.size(); ++i)
    posterior.values.row(static_cast<Eigen::Index>(i)) = draws.row(kept_rows[i]);
  posterior.weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(kept_rows.size()));
  std::vector<double> prior_sds;
  for (const PriorParameter& p : ps.prior.parameters) prior_sds.push_back(prior_sd(p));
  const TargetReach reach = target_reach(spec, done, ps.cutoff);
  std::vector<char> informative;  // a target that rules out no draw pins nothing, whatever it correlates with
  for (std::size_t count : reach.ruled_out) informative.push_back(count > 0 ? 1 : 0);
  report.identifiability = identifiability(draws, outputs, kept, prior_sds, 0.3, informative);
  for (Eigen::Index i : kept_rows) posterior.ids.push_back(static_cast<std::uint64_t>(i));  // its draw number
  write_file_atomic((dir / "posterior.csv").string(), parameter_sets_csv(posterior));
  write_file_atomic((dir / "identifiability.csv").string(), identifiability_csv(spec, report, draws, kept));
  write_file_atomic((dir / "posterior_targets.csv").string(), targets_csv(spec, reach));
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RunMetadata meta{spec.file,
                   spec.seed,
                   ps.draws * ps.replications,
                   ps.draws * ps.replications,
                   resolved_threads(cfg.threads),
                   report.wall_seconds,
                   false,
                   started,
                   spec.base.overrides,
                   nlohmann::json::object()};
  meta.extra["draws"] = ps.draws;
  meta.extra["replications_per_draw"] = ps.replications;
  meta.extra["accepted"] = report.accepted;
  meta.extra["cutoff"] = ps.cutoff;
  meta.extra["prior"] = ps.prior_file;
  meta.extra["prior_seed"] = ps.prior.seed;
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

}  // namespace gunflow
