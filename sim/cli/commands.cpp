#include "commands.hpp"

#include "cluster_main.hpp"
#include "huge_pages.hpp"
#include "options.hpp"
#include "serve.hpp"

#include <malloc.h>
#include <algorithm>
#include <array>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/ensemble_job.hpp"
#include "gunflow/engine/posterior_job.hpp"
#include "gunflow/engine/report_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/engine/sweep_job.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/scenario/docs.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/scenario_diff.hpp"
#include "gunflow/version.hpp"

namespace gunflow::cli {
namespace {

/// A replication allocates about 100 MB of agent state (mostly arsenal lots) and frees it
/// at its end. glibc serves blocks that large with mmap and unmaps them on free, so every
/// replication page-faulted its memory in again (about 5% of a run). Raising the mmap and
/// trim thresholds keeps freed memory in the heap for the thread's next replication, at
/// the price of some 10-15% more peak memory, which still does not grow with the number
/// of replications (docs/performance.md). The heap also grows 16 MB at a time, so that
/// what huge_pages.cpp marks for huge pages is still untouched when marked (untouched
/// memory costs nothing). Results do not depend on it.
void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 256 << 20);  // dynamic default: 128 kB rising to at most 32 MB
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 16 << 20);  // default 128 kB
#endif
}

/// The positional arguments and the options that only one subcommand takes.
struct Inputs {
  std::string scenario;            // run, validate
  std::vector<std::string> files;  // compare: scenarios; merge: shard directories
  std::string spec_file;           // sweep, calibrate
  std::string write_scenario;      // calibrate --write-scenario
  bool posterior = false;          // calibrate --posterior
  std::string parameters;          // ensemble --parameters
  std::uint64_t draws = 0;         // ensemble --draws
  int from_year = 0;               // ensemble --from-year (0: the default)
  std::string fail;                // ensemble --fail
  std::string report_dir;          // report
  std::string report_out = "report.html";
  std::string report_calibration;  // report: named with --calibration, else found beside the run's scenarios
  bool report_calibration_given = false;
  std::string report_ensemble;  // report: an ensemble of the compared scenarios (--ensemble)
  ServeOptions serve;
  bool metrics_csv = false;  // metrics --csv
};

int interrupted_code(bool interrupted) { return interrupted ? static_cast<int>(ExitCode::kInterrupted) : 0; }

/// What an interrupted job kept, on stderr: "N finished WHAT were written".
void say_interrupted(std::uint64_t n, const std::string& what) {
  std::cerr << "gunflow: interrupted; " << n << " finished " << what << " were written (continue with --resume)\n";
}

/// Prints what is valid but likely not meant in a scenario (once, on the first rank).
void print_warnings(const LoadedScenario& sc, const Cluster& cluster) {
  if (cluster.rank() != 0) return;
  for (const InputProblem& w : sc.warnings) std::cerr << "gunflow: warning: " << w.to_string() << '\n';
  for (const InputProblem& n : sc.notes) std::cerr << "gunflow: note: " << n.to_string() << '\n';
}

int do_run(const Inputs& in, const SharedArgs& a, Cluster& cluster) {
  const LoadedScenario sc = load_scenario(in.scenario, a.overrides);
  print_warnings(sc, cluster);
  const RunReport report = run_job(sc, a.plan, a.exec, cluster);
  if (!report.root) return interrupted_code(report.interrupted);
  if (report.shard_only) {
    std::cout << "shard " << a.exec.shard_index << "/" << a.exec.shard_count << ": " << report.finished
              << " replications in " << a.exec.out_dir << " (combine shards with `gunflow merge`)\n";
    return interrupted_code(report.interrupted);
  }
  std::cout << format_digest(report.summary, sc.settings.simulation.name);
  std::cout << "outputs in " << a.exec.out_dir << " (" << report.finished << " replications, " << report.wall_seconds
            << " s)\n";
  if (report.interrupted)
    std::cerr << "gunflow: interrupted; " << report.finished << " finished replications were written\n";
  return interrupted_code(report.interrupted);
}

int do_sweep(const Inputs& in, const SharedArgs& a, Cluster& cluster) {
  const SweepSpec spec = load_sweep(in.spec_file, a.overrides);
  if (cluster.rank() == 0)
    for (const std::string& w : spec.warnings) std::cerr << "gunflow: warning: " << w << '\n';
  const SweepReport report = sweep_job(spec, a.exec, cluster);
  if (report.root)
    std::cout << "sweep: " << report.finished << "/" << report.points << " points in " << a.exec.out_dir << " ("
              << report.wall_seconds << " s)\n";
  if (report.root && report.interrupted) say_interrupted(report.finished, "points");
  return interrupted_code(report.interrupted);
}

std::vector<LoadedScenario> load_scenarios(const std::vector<std::string>& files, const SharedArgs& a,
                                           const Cluster& cluster) {
  std::vector<LoadedScenario> scenarios;
  std::vector<InputProblem> problems;
  for (const std::string& f : files) {
    try {
      scenarios.push_back(load_scenario(f, a.overrides));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  for (const LoadedScenario& sc : scenarios) print_warnings(sc, cluster);
  if (cluster.rank() == 0)
    for (const std::string& w : comparison_warnings(scenarios)) std::cerr << "gunflow: warning: " << w << '\n';
  return scenarios;
}

int do_ensemble(const Inputs& in, const SharedArgs& a, Cluster& cluster) {
  EnsembleOptions options;
  if (in.from_year != 0) options.from_year = in.from_year;
  if (!in.fail.empty()) options.fail = parse_failure_rule(in.fail);
  const ParameterSets sets = load_parameter_sets(in.parameters, in.draws);
  const EnsembleReport r = ensemble_job(load_scenarios(in.files, a, cluster), sets, a.plan, options, a.exec, cluster);
  if (r.root)
    std::cout << "ensemble: " << r.finished << "/" << r.items << " (parameter set, scenario) items of " << r.sets
              << " sets in " << a.exec.out_dir << " (" << r.wall_seconds << " s)\n";
  if (r.root && r.interrupted) say_interrupted(r.finished, "(parameter set, scenario) items");
  return interrupted_code(r.interrupted);
}

int do_posterior(const Inputs& in, const SharedArgs& a) {
  const PosteriorReport r = posterior_job(load_calibration(in.spec_file, a.overrides), a.exec);
  std::cout << "calibrate --posterior: " << posterior_digest(r) << ", in " << a.exec.out_dir << "\n";
  for (const std::string& w : r.warnings) std::cerr << "gunflow: warning: " << w << "\n";
  for (std::size_t j = 0; j < r.identifiability.size(); ++j)
    std::cout << "  " << r.keys[j] << ": posterior/prior spread " << r.identifiability[j].ratio << "\n";
  if (r.interrupted) say_interrupted(r.finished, "draws");
  return interrupted_code(r.interrupted);
}

int do_calibrate(const Inputs& in, const SharedArgs& a, Cluster&) {
  if (in.posterior) return do_posterior(in, a);
  const CalibrationResult r = calibrate_job(load_calibration(in.spec_file, a.overrides), a.exec, in.write_scenario);
  if (r.interrupted) {
    std::cerr << "gunflow: interrupted; " << r.evaluations
              << " finished evaluations are in the trace (continue with --resume)\n";
    return interrupted_code(true);
  }
  std::cout << "calibrate: objective " << r.objective << " after " << r.evaluations << " evaluations"
            << (r.converged ? "" : " (evaluation limit reached)")
            << (r.reused > 0 ? "; " + std::to_string(r.reused) + " taken from the interrupted run's trace" : "")
            << "\n";
  for (const TargetFit& f : r.fits)
    std::cout << "  " << (f.pass ? "PASS " : "FAIL ") << f.target.metric
              << (f.target.key.empty() ? "" : "/" + f.target.key)
              << (f.target.year ? " " + std::to_string(*f.target.year) : "") << ": " << f.model.mean << " in ["
              << f.target.low << ", " << f.target.high << "]\n";
  return 0;
}

int do_compare(const Inputs& in, const SharedArgs& a, Cluster& cluster) {
  const CompareReport report = compare_job(load_scenarios(in.files, a, cluster), a.plan, a.exec, cluster);
  if (!report.root) return interrupted_code(report.interrupted);
  std::cout << format_compare_digest(report) << "outputs in " << a.exec.out_dir << " (" << report.wall_seconds
            << " s)\n";
  if (report.interrupted) std::cerr << "gunflow: interrupted; " << report.finished << " complete pairs were written\n";
  return interrupted_code(report.interrupted);
}

int do_merge(const Inputs& in, const SharedArgs& a, Cluster&) {
  const RunReport report = merge_job(in.files, a.exec.out_dir, a.exec.force);
  std::cout << "merged " << in.files.size() << " shards (" << report.finished << " replications) into "
            << a.exec.out_dir << "\n";
  return 0;
}

int do_report(const Inputs& in, const SharedArgs&, Cluster&) {
  write_file_atomic(
      in.report_out,
      report_job(in.report_dir,
                 in.report_calibration_given ? std::optional<std::string>(in.report_calibration) : std::nullopt,
                 in.report_ensemble));
  std::cout << "wrote " << in.report_out << "\n";
  return 0;
}

int do_serve(const Inputs& in, const SharedArgs& a, Cluster&) {
  ServeOptions options = in.serve;
  options.threads = a.exec.threads;
  return serve(options);
}

int do_validate(const Inputs& in, const SharedArgs& a, Cluster& cluster) {
  const LoadedScenario sc = load_scenario(in.scenario, a.overrides);
  print_warnings(sc, cluster);
  std::cout << in.scenario << ": ok (" << sc.settings.simulation.name << ", " << sc.files.size() << " file"
            << (sc.files.size() == 1 ? "" : "s") << ")\n";
  return 0;
}

int do_schema(const Inputs&, const SharedArgs&, Cluster&) {
  std::cout << scenario_reference_markdown();
  return 0;
}

int do_metrics(const Inputs& in, const SharedArgs&, Cluster&) {
  std::cout << (in.metrics_csv ? metric_catalogue_csv() : metric_catalogue_markdown());
  return 0;
}

// Positional arguments and the options only one subcommand has.
void own_run(CLI::App& c, Inputs& in) { c.add_option("scenario", in.scenario, "Scenario YAML file")->required(); }
void own_merge(CLI::App& c, Inputs& in) {
  c.add_option("shards", in.files, "Shard output directories")->required()->expected(1, -1);
}
void own_compare(CLI::App& c, Inputs& in) {
  c.add_option("scenarios", in.files, "BASE.yaml then one or more scenarios")->required()->expected(2, -1);
}
void own_sweep(CLI::App& c, Inputs& in) {
  c.add_option("sweep", in.spec_file, "Sweep YAML file (see scenarios/sweeps/)")->required();
}
void own_calibrate(CLI::App& c, Inputs& in) {
  c.add_option("calibration", in.spec_file, "Calibration YAML file (see scenarios/calibration/)")->required();
  c.add_option("--write-scenario", in.write_scenario, "Also write the fitted scenario to this file");
  c.add_flag("--posterior", in.posterior,
             "History matching over the file's posterior prior: posterior.csv, identifiability.csv");
}
void own_ensemble(CLI::App& c, Inputs& in) {
  c.add_option("scenarios", in.files, "BASE.yaml then one or more policy scenarios")->required()->expected(2, -1);
  c.add_option("--parameters", in.parameters, "Prior file (.yaml) or parameter sets (.csv, e.g. posterior.csv)")
      ->required();
  c.add_option("--draws", in.draws, "Parameter sets drawn from a prior file (default: its `draws`)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1000000}));
  c.add_option("--from-year", in.from_year, "Effects on the mean of the years from this one (default: the second)");
  c.add_option("--fail", in.fail, "PRIM scenario discovery: POLICY:METRIC>PERCENT (or <) marks a failure");
}
void own_report(CLI::App& c, Inputs& in) {
  c.add_option("dir", in.report_dir, "Output directory of gunflow run, compare or ensemble")->required();
  c.add_option("-o,--output", in.report_out, "HTML file to write")->capture_default_str();
  c.add_option("--calibration", in.report_calibration,
               "Calibration file with the target bands (\"\" for none; default: calibration/baseline.calib.yaml "
               "beside the scenarios the run used)")
      ->each([&in](const std::string&) { in.report_calibration_given = true; });
  c.add_option("--ensemble", in.report_ensemble,
               "Output directory of gunflow ensemble over the same scenarios: the comparison's effect table adds "
               "each effect's 90% interval across parameter sets");
}
void own_serve(CLI::App& c, Inputs& in) {
  c.add_option("--port", in.serve.port, "Port")->capture_default_str()->check(CLI::Range(1, 65535));
  c.add_option("--host", in.serve.host,
               "Address to bind: 127.0.0.1 (this machine only) unless --classroom is given too")
      ->capture_default_str();
  c.add_flag("--classroom", in.serve.classroom,
             "Serve a classroom network deliberately: bind --host, this machine's address on that network");
  c.add_option("--parallel-runs", in.serve.parallel_runs,
               "Runs at once (others wait in a queue, their place shown); 0: one per two cores")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  c.add_option("--scenarios", in.serve.scenarios_dir, "Directory of scenarios offered")->capture_default_str();
  c.add_option("--results", in.serve.results_dir, "Directory runs are written to")->capture_default_str();
}
void own_validate(CLI::App& c, Inputs& in) { c.add_option("scenario", in.scenario, "Scenario YAML file")->required(); }
void own_metrics(CLI::App& c, Inputs& in) {
  c.add_flag("--csv", in.metrics_csv, "Print metrics.csv (as written beside outputs) instead of docs/metrics.md");
}
void own_nothing(CLI::App&, Inputs&) {}

/// A subcommand: how it is offered (shared options included), its own arguments, and
/// what it does.
struct Command {
  CommandSpec spec;
  void (*add_own)(CLI::App&, Inputs&);
  int (*act)(const Inputs&, const SharedArgs&, Cluster&);
};

constexpr unsigned kJobOptions = kThreads | kOut | kForce | kQuiet | kResume;  // every job that writes a directory

const std::array<Command, 11> kCommands{{
    {{"run", "Run replications of a scenario and write outputs", kJobOptions | kReplications | kSeed | kShard | kSet,
      "results/run", 1, "Continue an interrupted run in --out: replications in its checkpoint are kept, the rest run",
      true},
     own_run,
     do_run},
    {{"merge", "Combine shard directories into the outputs of one run", kOut | kForce, "results/merged"},
     own_merge,
     do_merge},
    {{"compare", "Run scenarios with common random numbers; paired differences against the first",
      kJobOptions | kReplications | kSeed | kSet, "results/compare", 2,
      "Continue an interrupted comparison in --out: results in its checkpoint are kept, the rest run", true},
     own_compare,
     do_compare},
    {{"sweep", "Run a design of parameter points; sensitivity indices", kJobOptions | kShard | kSet, "results/sweep", 1,
      "Continue an interrupted sweep in --out", true},
     own_sweep,
     do_sweep},
    {{"calibrate", "Fit free parameters to target bands (NLopt BOBYQA under CRN; --posterior: history matching)",
      kJobOptions | kSet, "results/calibrate", 1,
      "Continue an interrupted calibration in --out: evaluations in its trace are not run again"},
     own_calibrate,
     do_calibrate},
    {{"ensemble", "Policy effects over parameter sets: distributions, robust ranking, PRIM",
      kJobOptions | kReplications | kSeed | kShard | kSet, "results/ensemble", 2,
      "Continue an interrupted ensemble in --out: finished (set, scenario) items are kept", true},
     own_ensemble,
     do_ensemble},
    {{"report", "Write a self-contained HTML report of a run, compare or ensemble directory"}, own_report, do_report},
    {{"serve", "Local web demo: toggle policies, run, watch the iron river respond", kThreads}, own_serve, do_serve},
    {{"validate", "Check a scenario file and report every problem", kSet}, own_validate, do_validate},
    {{"schema", "Print the scenario key reference (docs/scenarios.md)"}, own_nothing, do_schema},
    {{"metrics", "Print the metric catalogue (docs/metrics.md; --csv: metrics.csv)"}, own_metrics, do_metrics},
}};

/// "`run`, `compare`, `sweep` and `ensemble`": the subcommands that run in parallel under MPI.
std::string distributed_names() {
  std::vector<std::string> names;
  for (const Command& c : kCommands)
    if (c.spec.distributed) names.push_back(std::string("`") + c.spec.name + "`");
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return text;
}

/// Runs the chosen subcommand; the one place that maps exceptions to exit codes.
int execute(const Command& command, const Inputs& in, SharedArgs& args, Cluster& cluster) {
  // Every rank decides alone (same subcommand, same size), so all return without a collective.
  if (const std::string why = cannot_run_on(command.spec, cluster, distributed_names()); !why.empty()) {
    if (cluster.rank() == 0) std::cerr << why << '\n';
    return static_cast<int>(ExitCode::kInput);
  }
  try {
    finish_shared_options(args);
    return command.act(in, args, cluster);
  } catch (const InputError& e) {
    std::cerr << e.what() << '\n';
    return static_cast<int>(ExitCode::kInput);
  } catch (const IoError& e) {
    std::cerr << "gunflow: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kIo);
  } catch (const std::exception& e) {
    std::cerr << "gunflow: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  }
}

}  // namespace

int main_entry(int argc, char** argv) { return main_entry(argc, argv, single_process()); }

int main_entry(int argc, char** argv, Cluster& cluster) {
  keep_freed_memory_for_reuse();
  (void)huge_pages_for_heaps();
  CLI::App app{"gunflow: agent-based Monte Carlo simulator of US-Mexico firearms trafficking"};
  app.set_version_flag("--version", std::string(kVersion) + " (" + kGitCommit + ")");
  app.require_subcommand(1);

  Inputs in;
  std::array<SharedArgs, kCommands.size()> shared;
  std::array<CLI::App*, kCommands.size()> subcommands{};
  for (std::size_t i = 0; i < kCommands.size(); ++i) {
    subcommands[i] = app.add_subcommand(kCommands[i].spec.name, kCommands[i].spec.help);
    kCommands[i].add_own(*subcommands[i], in);
    add_shared_options(*subcommands[i], kCommands[i].spec, shared[i]);
  }
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.emplace_back(c.spec.name);
  if (argc > 1 && !is_command(argv[1], names)) return static_cast<int>(ExitCode::kInput);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    if (explained_unknown_option(subcommands)) return static_cast<int>(ExitCode::kInput);
    return app.exit(e) == 0 ? 0 : static_cast<int>(ExitCode::kInput);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::kInput);
  }
  for (std::size_t i = 0; i < kCommands.size(); ++i)
    if (*subcommands[i]) return execute(kCommands[i], in, shared[i], cluster);
  return 0;
}

}  // namespace gunflow::cli
