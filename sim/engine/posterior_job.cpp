#include "gunflow/engine/posterior_job.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <numeric>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"
#include "gunflow/scenario/cross_checks.hpp"
#include "gunflow/scenario/schema.hpp"
#include "posterior_tables.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
constexpr const char* kDrawsFile = "posterior_draws.csv";
constexpr const char* kPosteriorIdentity = "posterior.identity";
constexpr std::uint64_t kDrawsPerBlock = 8;  // the trace is rewritten after each block

/// What the draws and their outcomes depend on: the seed, the targets' bands, the
/// posterior's draws, replications and cutoff, the prior, the base scenario and its data.
/// Not the number of waves (raising it and resuming runs the waves added; the finished
/// waves are drawn again identically and checked draw by draw), nor the calibration's own
/// keys, comments or sources.
std::string posterior_identity_of(const CalibrationSpec& spec) {
  const PosteriorSettings& ps = *spec.posterior;
  std::string text = "seed " + std::to_string(spec.seed) + "; draws " + std::to_string(ps.draws) + "; replications " +
                     std::to_string(ps.replications) + "; cutoff " + format_number(ps.cutoff) + "\n";
  for (const CalibrationTarget& t : spec.targets)
    text += t.metric + "/" + t.key + "@" + (t.year ? std::to_string(*t.year) : "") + " [" + format_number(t.low) +
            ", " + format_number(t.high) + "]\n";
  text += "---\n" + read_file(ps.prior_file) + "\n---\n" + resolved_yaml(spec.base.settings) + "\n---\n" +
          input_fingerprint(spec.base);
  return "gunflow posterior " + text_digest(text) + "\n";
}

/// The base scenario with draw `i` applied.
Settings draw_settings(const CalibrationSpec& spec, const Eigen::MatrixXd& values, std::uint64_t i) {
  Settings s = spec.base.settings;
  const PosteriorSettings& ps = *spec.posterior;
  for (std::size_t j = 0; j < ps.prior.parameters.size(); ++j)
    apply_parameter(s, ps.prior.parameters[j].key, values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  return s;
}

/// A prior whose ranges admit what a scenario file may not hold (a map's weights all 0,
/// dealer shares past 1) is refused at its first such draw, before the wave runs: the
/// draws are applied key by key and skip the loader's checks between keys.
void check_draws(const CalibrationSpec& spec, const Eigen::MatrixXd& values, std::uint64_t first) {
  for (auto i = static_cast<Eigen::Index>(first); i < values.rows(); ++i)
    refuse_value_conflicts(draw_settings(spec, values, static_cast<std::uint64_t>(i)), spec.posterior->prior_file,
                           " in draw " + std::to_string(i) + " of the prior; narrow its ranges");
}

/// Runs draws [first, last): replication r of draw i is work item (i - first) * R + r.
std::vector<PosteriorDrawOutcome> run_block(const CalibrationSpec& spec, const std::vector<std::size_t>& rows,
                                            const Eigen::MatrixXd& values, std::uint64_t first, std::uint64_t last,
                                            int threads, const std::atomic<bool>* stop, bool& interrupted) {
  const PosteriorSettings& ps = *spec.posterior;
  std::vector<std::unique_ptr<Model>> models;
  for (std::uint64_t i = first; i < last; ++i)
    models.push_back(std::make_unique<Model>(draw_settings(spec, values, i)));
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
  std::vector<PosteriorDrawOutcome> outcomes;
  if (out.interrupted) return outcomes;  // a block counts only whole
  const int first_year = models.front()->layout().first_year();
  for (std::uint64_t d = 0; d < last - first; ++d) {
    PosteriorDrawOutcome o;
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

/// The most points a later wave tries per draw it needs: past it, the wave runs what passed.
constexpr std::uint64_t kMaxTriesPerDraw = 1000;

/// The rows of `done` whose draws are kept, in order.
std::vector<Eigen::Index> kept_rows_of(const std::vector<PosteriorDrawOutcome>& done, double cutoff) {
  std::vector<Eigen::Index> rows;
  for (std::size_t i = 0; i < done.size(); ++i)
    if (done[i].kept(cutoff)) rows.push_back(static_cast<Eigen::Index>(i));
  return rows;
}

/// Each draw's target means: one row per draw (in `done`'s order), one column per target.
Eigen::MatrixXd target_means(const std::vector<PosteriorDrawOutcome>& done, std::size_t targets) {
  Eigen::MatrixXd means(static_cast<Eigen::Index>(done.size()), static_cast<Eigen::Index>(targets));
  for (std::size_t i = 0; i < done.size(); ++i)
    for (std::size_t t = 0; t < targets; ++t)
      means(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) = done[i].mean[t];
  return means;
}

/// The runs a later wave's emulators are fitted to: those inside the region the wave
/// before it screened (every run for the second wave, whose region is the whole prior).
/// Refocusing (Vernon, Goldstein & Bower 2010): a regression fitted over the whole prior
/// misfits the smaller region where the targets may be met, and its misfit, read as
/// noise, kept later screens as loose as the second wave's.
std::vector<Eigen::Index> runs_inside(const Eigen::MatrixXd& unit, const WaveScreen* previous) {
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < unit.rows(); ++i)
    if (!previous || previous->allows(unit.row(i).transpose())) rows.push_back(i);
  if (rows.size() < 2) {  // too few to fit: every run (the screen still lies inside the previous one)
    rows.resize(static_cast<std::size_t>(unit.rows()));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
  }
  return rows;
}

/// The screen of a later wave: an emulator per target fitted to the runs inside the
/// previous wave's screen (`runs`), refining that screen, and admitting every draw kept so
/// far (analysis/history_waves.hpp).
std::shared_ptr<const WaveScreen> fit_screen(const CalibrationSpec& spec, const Eigen::MatrixXd& unit,
                                             const std::vector<PosteriorDrawOutcome>& done,
                                             const std::shared_ptr<const WaveScreen>& previous,
                                             const std::vector<Eigen::Index>& runs) {
  const double cutoff = spec.posterior->cutoff;
  std::vector<RegressionEmulator> emulators;
  std::vector<std::pair<double, double>> bands;
  const Eigen::MatrixXd fitted = unit(runs, Eigen::all);
  const Eigen::MatrixXd means = target_means(done, spec.targets.size())(runs, Eigen::all);
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    emulators.emplace_back(fitted, means.col(static_cast<Eigen::Index>(t)));
    bands.emplace_back(spec.targets[t].low, spec.targets[t].high);
  }
  return std::make_shared<const WaveScreen>(std::move(emulators), std::move(bands), cutoff,
                                            unit(kept_rows_of(done, cutoff), Eigen::all), previous);
}

/// Appends wave `w`'s draws to `values`: the first wave's a Latin hypercube of the whole
/// prior, a later one's the points its screen allows (analysis/history_waves.hpp).
PosteriorWave draw_wave(const CalibrationSpec& spec, std::uint64_t w, const std::vector<PosteriorDrawOutcome>& done,
                        const std::shared_ptr<const WaveScreen>& previous, Eigen::MatrixXd& values) {
  const PosteriorSettings& ps = *spec.posterior;
  PosteriorWave wave;
  wave.wave = w;
  wave.first = static_cast<std::uint64_t>(values.rows());
  Eigen::MatrixXd unit;
  if (w == 1) {
    unit = draw_prior(ps.prior.parameters, ps.draws, ps.prior.seed);
    wave.tried = ps.draws;
  } else {
    const Eigen::MatrixXd done_unit = prior_unit(ps.prior.parameters, values);
    const std::vector<Eigen::Index> runs = runs_inside(done_unit, previous.get());
    wave.screen = fit_screen(spec, done_unit, done, previous, runs);
    wave.emulator_runs = runs.size();
    const ScreenedDraws d =
        draw_screened(*wave.screen, values.cols(), ps.draws, ps.prior.seed, w, ps.draws * kMaxTriesPerDraw);
    unit = prior_values(ps.prior.parameters, d.unit);
    wave.tried = d.tried;
    wave.share = d.share();
  }
  wave.draws = static_cast<std::uint64_t>(unit.rows());
  values.conservativeResize(values.rows() + unit.rows(), Eigen::NoChange);
  values.bottomRows(unit.rows()) = unit;
  return wave;
}

/// The draws of `wave` an interrupted job finished, checked against this job's: the same
/// wave and, bit for bit, the same parameters.
void take_resumed(const std::vector<PosteriorTraceRow>& trace, const std::string& path, const Eigen::MatrixXd& values,
                  const PosteriorWave& wave, std::vector<PosteriorDrawOutcome>& done) {
  const std::uint64_t end = std::min<std::uint64_t>(trace.size(), wave.first + wave.draws);
  for (std::uint64_t i = wave.first; i < end; ++i) {
    const PosteriorTraceRow& row = trace[i];
    bool same = row.wave == wave.wave;
    for (std::size_t j = 0; same && j < row.parameters.size(); ++j)
      same = row.parameters[j] == values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    if (!same)
      throw IoError(path + ":" + std::to_string(i + 2),
                    "is not draw " + std::to_string(i) + " of this prior (wave " + std::to_string(wave.wave) +
                        "): the trace was drawn otherwise (by an earlier version of gunflow?); keep the rows above "
                        "this one to resume from them, or start again with --force");
    done.push_back(row.outcome);
  }
}

/// A finished wave's kept draws, how its emulators predicted its own runs (fitted before
/// them), and a warning when its screen passed too few points.
void close_wave(const CalibrationSpec& spec, const Eigen::MatrixXd& values,
                const std::vector<PosteriorDrawOutcome>& done, PosteriorWave& wave, PosteriorReport& report) {
  const PosteriorSettings& ps = *spec.posterior;
  for (std::uint64_t i = wave.first; i < wave.first + wave.draws; ++i)
    if (done[i].kept(ps.cutoff)) ++wave.kept;
  report.kept_by_wave.push_back(wave.kept);
  if (wave.screen) {
    const auto first = static_cast<Eigen::Index>(wave.first), draws = static_cast<Eigen::Index>(wave.draws);
    wave.checks = check_emulators(*wave.screen, prior_unit(ps.prior.parameters, values.middleRows(first, draws)),
                                  target_means(done, spec.targets.size()).middleRows(first, draws));
  }
  if (wave.screen && wave.draws < ps.draws)
    report.warnings.push_back("wave " + std::to_string(wave.wave) + ": only " + std::to_string(wave.draws) + " of " +
                              std::to_string(wave.tried) + " points tried passed its emulators' screen");
}

/// The weights of the kept draws `kept` (rows, parameter values; analysis/history_waves.hpp:
/// pooled_weights).
Eigen::VectorXd kept_weights(const CalibrationSpec& spec, const Eigen::MatrixXd& kept,
                             const std::vector<PosteriorWave>& waves) {
  std::vector<const WaveScreen*> screens;
  std::vector<std::uint64_t> draws;
  std::vector<double> shares;
  for (std::size_t w = 1; w < waves.size(); ++w) {
    screens.push_back(waves[w].screen.get());
    draws.push_back(waves[w].draws);
    shares.push_back(waves[w].share);
  }
  return pooled_weights(prior_unit(spec.posterior->prior.parameters, kept), waves.front().draws, screens, draws,
                        shares);
}
}  // namespace

PosteriorReport posterior_job(const CalibrationSpec& spec, const ExecutionConfig& cfg) {
  if (!spec.posterior)
    throw InputError(InputProblem{spec.file, 0, 0, "posterior",
                                  "is required for --posterior: {prior, draws, replications, cutoff, waves}"});
  const PosteriorSettings& ps = *spec.posterior;
  const fs::path dir(cfg.out_dir);
  const std::string trace_path = (dir / kDrawsFile).string();
  const std::vector<std::size_t> rows = calibration_target_rows(spec, Model(spec.base.settings).layout());
  const auto k = static_cast<Eigen::Index>(ps.prior.parameters.size());
  Eigen::MatrixXd values(0, k);
  PosteriorReport report;
  report.draws = ps.draws * ps.waves;
  for (const PriorParameter& p : ps.prior.parameters) report.keys.push_back(p.key);
  std::vector<PosteriorWave> waves{draw_wave(spec, 1, {}, nullptr, values)};
  check_draws(spec, values, 0);
  const std::string header = posterior_trace_header(spec), identity = posterior_identity_of(spec);
  std::vector<PosteriorTraceRow> resumed;
  require_threads(resolved_threads(cfg.threads));  // before anything is written
  if (cfg.resume) {
    refuse_symlinks_in(cfg.out_dir);
    const fs::path id = dir / kPosteriorIdentity;
    if (!fs::exists(id))
      throw IoError(cfg.out_dir, "holds no posterior to resume (no " + std::string(kPosteriorIdentity) + ")");
    if (read_file(id.string()) != identity)
      throw InputError(InputProblem{id.string(), 0, 0, "",
                                    "was written for other targets, seed, draws, replications or cutoff, or another "
                                    "prior, base scenario or data tables (or one of them has changed since); resume "
                                    "with the same (only posterior.waves may be raised)"});
    resumed = read_posterior_trace(trace_path, header, ps.prior.parameters.size(), spec.targets.size());
    if (resumed.size() > report.draws)
      throw IoError(trace_path, "holds more draws than this calibration file makes; resume with the same");
  } else {
    prepare_output_dir(cfg.out_dir, cfg.force);
  }
  write_file_atomic((dir / kPosteriorIdentity).string(), identity);
  report.reused = resumed.size();
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  std::vector<PosteriorDrawOutcome> done;
  std::string trace = header + "\n";
  ProgressBar bar("posterior", !cfg.quiet && ProgressBar::stderr_is_terminal());
  const std::atomic<bool>& stop = install_stop_handlers();
  for (std::uint64_t w = 1; w <= ps.waves && !report.interrupted; ++w) {
    if (w > 1) {
      PosteriorWave next = draw_wave(spec, w, done, waves.back().screen, values);
      if (next.draws == 0) {
        report.warnings.push_back("wave " + std::to_string(w) + ": none of " + std::to_string(next.tried) +
                                  " points tried passed its emulators' screen; no later wave was run");
        break;
      }
      waves.push_back(std::move(next));
      check_draws(spec, values, waves.back().first);
    }
    PosteriorWave& wave = waves.back();
    take_resumed(resumed, trace_path, values, wave, done);
    for (std::uint64_t i = wave.first; i < done.size(); ++i)
      trace += posterior_trace_row(i, w, values, done[i], ps.cutoff);
    while (done.size() < wave.first + wave.draws && !report.interrupted) {
      const std::uint64_t first = done.size(),
                          last = std::min<std::uint64_t>(wave.first + wave.draws, first + kDrawsPerBlock);
      for (PosteriorDrawOutcome& o :
           run_block(spec, rows, values, first, last, cfg.threads, &stop, report.interrupted)) {
        trace += posterior_trace_row(done.size(), w, values, o, ps.cutoff);
        done.push_back(std::move(o));
      }
      write_file_atomic(trace_path, trace);  // progress survives an interruption: --resume
      bar.update(done.size(), report.draws);
    }
    if (!report.interrupted) close_wave(spec, values, done, wave, report);
  }
  bar.finish();
  report.finished = done.size();
  if (report.interrupted) return report;
  report.waves = report.kept_by_wave.size();
  report.draws = done.size();  // fewer than planned when a screen passed fewer points
  const auto n = static_cast<Eigen::Index>(done.size());
  values.conservativeResize(n, Eigen::NoChange);
  const Eigen::MatrixXd outputs = target_means(done, spec.targets.size());
  const std::vector<Eigen::Index> kept_rows = kept_rows_of(done, ps.cutoff);
  report.accepted = kept_rows.size();
  ParameterSets posterior;
  posterior.keys = report.keys;
  posterior.values = values(kept_rows, Eigen::all);
  Eigen::VectorXd kept = Eigen::VectorXd::Zero(n);  // each draw's weight, 0 where not kept
  posterior.weights = kept_weights(spec, posterior.values, waves);
  for (std::size_t i = 0; i < kept_rows.size(); ++i)
    kept(kept_rows[i]) = posterior.weights(static_cast<Eigen::Index>(i));
  std::vector<double> prior_sds;
  for (const PriorParameter& p : ps.prior.parameters) prior_sds.push_back(prior_sd(p));
  const TargetReach reach = target_reach(spec, done, ps.cutoff);
  std::vector<char> informative;  // a target that rules out no draw pins nothing, whatever it correlates with
  for (std::size_t count : reach.ruled_out) informative.push_back(count > 0 ? 1 : 0);
  report.identifiability = identifiability(values, outputs, kept, prior_sds, 0.3, informative);
  if (report.waves > 1) {
    // Which targets move with a parameter is read over the first wave's draws, a sample of
    // the prior; the later waves' draws, from screened regions, would mix in their shapes.
    const auto first = static_cast<Eigen::Index>(ps.draws);
    Eigen::VectorXd first_kept = kept.head(first);
    first_kept = (first_kept.array() > 0).cast<double>();
    const std::vector<Identifiability> prior_only =
        identifiability(values.topRows(first), outputs.topRows(first), first_kept, prior_sds, 0.3, informative);
    for (std::size_t j = 0; j < prior_only.size(); ++j) {
      report.identifiability[j].rho = prior_only[j].rho;
      report.identifiability[j].pinned_by = prior_only[j].pinned_by;
    }
  }
  for (Eigen::Index i : kept_rows) posterior.ids.push_back(static_cast<std::uint64_t>(i));  // its draw number
  write_file_atomic((dir / "posterior.csv").string(), parameter_sets_csv(posterior));
  write_file_atomic((dir / "identifiability.csv").string(), identifiability_csv(spec, report, values, kept));
  write_file_atomic((dir / "posterior_targets.csv").string(), posterior_targets_csv(spec, reach));
  write_file_atomic((dir / "posterior_waves.csv").string(), posterior_waves_csv(spec, waves));
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RunMetadata meta{spec.file,
                   spec.seed,
                   report.draws * ps.replications,
                   report.draws * ps.replications,
                   resolved_threads(cfg.threads),
                   report.wall_seconds,
                   false,
                   started,
                   spec.base.overrides,
                   nlohmann::json::object()};
  meta.extra["draws"] = report.draws;
  meta.extra["draws_per_wave"] = ps.draws;
  meta.extra["waves"] = report.waves;
  meta.extra["kept_by_wave"] = report.kept_by_wave;
  meta.extra["screened_share_by_wave"] = nlohmann::json::array();
  for (const PosteriorWave& w : waves) meta.extra["screened_share_by_wave"].push_back(w.share);
  meta.extra["replications_per_draw"] = ps.replications;
  meta.extra["accepted"] = report.accepted;
  meta.extra["cutoff"] = ps.cutoff;
  meta.extra["prior"] = ps.prior_file;
  meta.extra["prior_seed"] = ps.prior.seed;
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
  return report;
}

std::string posterior_digest(const PosteriorReport& r) {
  std::string text = std::to_string(r.finished) + "/" + std::to_string(r.draws) + " draws";
  if (r.reused > 0) text += " (" + std::to_string(r.reused) + " from the interrupted run)";
  text += ", " + std::to_string(r.accepted) + " kept";
  if (r.waves < 2) return text;
  text += " in " + std::to_string(r.waves) + " waves (";
  for (std::size_t w = 0; w < r.kept_by_wave.size(); ++w) text += (w ? " + " : "") + std::to_string(r.kept_by_wave[w]);
  return text + ")";
}

}  // namespace gunflow
