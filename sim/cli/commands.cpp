#include "commands.hpp"

#include "cluster_main.hpp"
#include "serve.hpp"

#include <cstdio>
#include <malloc.h>
#include <iostream>

#include <CLI/CLI.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/version.hpp"
#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/calibrate_job.hpp"
#include "gunflow/engine/report_job.hpp"
#include "gunflow/engine/run_job.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/engine/sweep_job.hpp"
#include "gunflow/scenario/docs.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow::cli {
namespace {

/// A replication allocates about 100 MB of agent state (mostly arsenal lots) and frees it
/// at its end. glibc serves blocks that large with mmap and unmaps them on free, so every
/// replication page-faulted its memory in again (about 5% of a run). Raising the mmap and
/// trim thresholds keeps freed memory in the heap for the thread's next replication, at
/// the price of some 10-15% more peak memory, which still does not grow with the number
/// of replications (docs/performance.md). Results do not depend on it.
void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 256 << 20);  // dynamic default: 128 kB rising to at most 32 MB
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

struct RunArgs {
  std::string scenario;
  RunPlan plan;
  ExecutionConfig exec{0, "results/run", false, false};
  std::string shard;  ///< "I/N"
};

/// "I/N" with 0 <= I < N.
void parse_shard(const std::string& text, ExecutionConfig& exec) {
  unsigned long long i = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%llu%c%llu%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || i >= n)
    throw InputError(InputProblem{"command line", 0, 0, "--shard",
                                  "is '" + text + "', but must be I/N with 0 <= I < N (e.g. 0/4 … 3/4)"});
  exec.shard_index = i;
  exec.shard_count = n;
}

int do_run(RunArgs a, Cluster& cluster) {
  if (!a.shard.empty()) parse_shard(a.shard, a.exec);
  const LoadedScenario sc = load_scenario(a.scenario);
  const RunReport report = run_job(sc, a.plan, a.exec, cluster);
  if (!report.root) return report.interrupted ? static_cast<int>(ExitCode::kInterrupted) : 0;
  if (report.shard_only) {
    std::cout << "shard " << a.exec.shard_index << "/" << a.exec.shard_count << ": " << report.finished
              << " replications in " << a.exec.out_dir << " (combine shards with `gunflow merge`)\n";
    return report.interrupted ? static_cast<int>(ExitCode::kInterrupted) : 0;
  }
  std::cout << format_digest(report.summary, sc.settings.simulation.name);
  std::cout << "outputs in " << a.exec.out_dir << " (" << report.finished << " replications, "
            << report.wall_seconds << " s)\n";
  if (report.interrupted) {
    std::cerr << "gunflow: interrupted; " << report.finished << " finished replications were written\n";
    return static_cast<int>(ExitCode::kInterrupted);
  }
  return 0;
}

int do_compare(const std::vector<std::string>& files, const RunPlan& plan, const ExecutionConfig& exec,
               Cluster& cluster) {
  std::vector<LoadedScenario> scenarios;
  std::vector<InputProblem> problems;
  for (const std::string& f : files) {
    try {
      scenarios.push_back(load_scenario(f));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  const CompareReport report = compare_job(scenarios, plan, exec, cluster);
  if (!report.root) return report.interrupted ? static_cast<int>(ExitCode::kInterrupted) : 0;
  std::cout << format_compare_digest(report) << "outputs in " << exec.out_dir << " (" << report.wall_seconds << " s)\n";
  if (report.interrupted) {
    std::cerr << "gunflow: interrupted; " << report.finished << " complete pairs were written\n";
    return static_cast<int>(ExitCode::kInterrupted);
  }
  return 0;
}

int do_validate(const std::string& path) {
  const LoadedScenario sc = load_scenario(path);
  std::cout << path << ": ok (" << sc.settings.simulation.name << ", " << sc.files.size() << " file"
            << (sc.files.size() == 1 ? "" : "s") << ")\n";
  return 0;
}
}  // namespace

int main_entry(int argc, char** argv) { return main_entry(argc, argv, single_process()); }

int main_entry(int argc, char** argv, Cluster& cluster) {
  keep_freed_memory_for_reuse();
  CLI::App app{"gunflow: agent-based Monte Carlo simulator of US-Mexico firearms trafficking"};
  app.set_version_flag("--version", std::string(kVersion) + " (" + kGitCommit + ")");
  app.require_subcommand(1);

  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run replications of a scenario and write outputs");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-n,--replications", run.plan.replications, "Number of replications")
      ->capture_default_str()->check(CLI::Range(1, 10000000));
  run_cmd->add_option("--seed", run.plan.seed, "Random seed (64-bit)")->capture_default_str();
  run_cmd->add_option("--threads", run.exec.threads, "OpenMP threads (0 = all cores)")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  run_cmd->add_option("--out", run.exec.out_dir, "Output directory")->capture_default_str();
  run_cmd->add_flag("--force", run.exec.force, "Write into a non-empty output directory");
  run_cmd->add_flag("-q,--quiet", run.exec.quiet, "No progress bar");
  run_cmd->add_flag("--resume", run.exec.resume,
                    "Continue an interrupted run in --out: replications in its checkpoint are kept, the rest run");
  run_cmd->add_option("--shard", run.shard, "Run only shard I of N (I/N, 0-based) into --out; combine with `merge`");

  std::vector<std::string> merge_dirs;
  std::string merge_out = "results/merged";
  bool merge_force = false;
  CLI::App* merge_cmd = app.add_subcommand("merge", "Combine shard directories into the outputs of one run");
  merge_cmd->add_option("shards", merge_dirs, "Shard output directories")->required()->expected(1, -1);
  merge_cmd->add_option("--out", merge_out, "Output directory")->capture_default_str();
  merge_cmd->add_flag("--force", merge_force, "Write into a non-empty output directory");

  std::vector<std::string> compare_files;
  RunPlan compare_plan;
  ExecutionConfig compare_exec{0, "results/compare", false, false};
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "Run scenarios with common random numbers; paired differences against the first");
  compare_cmd->add_option("scenarios", compare_files, "BASE.yaml then one or more scenarios")->required()->expected(2, -1);
  compare_cmd->add_option("-n,--replications", compare_plan.replications, "Replications per scenario")
      ->capture_default_str()->check(CLI::Range(2, 10000000));
  compare_cmd->add_option("--seed", compare_plan.seed, "Random seed (64-bit)")->capture_default_str();
  compare_cmd->add_option("--threads", compare_exec.threads, "OpenMP threads (0 = all cores)")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  compare_cmd->add_option("--out", compare_exec.out_dir, "Output directory")->capture_default_str();
  compare_cmd->add_flag("--force", compare_exec.force, "Write into a non-empty output directory");
  compare_cmd->add_flag("-q,--quiet", compare_exec.quiet, "No progress bar");
  compare_cmd->add_flag("--resume", compare_exec.resume,
                        "Continue an interrupted comparison in --out: results in its checkpoint are kept, the rest run");

  std::string sweep_file;
  ExecutionConfig sweep_exec{0, "results/sweep", false, false};
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "Run a design of parameter points; sensitivity indices");
  sweep_cmd->add_option("sweep", sweep_file, "Sweep YAML file (see scenarios/sweeps/)")->required();
  sweep_cmd->add_option("--threads", sweep_exec.threads, "OpenMP threads (0 = all cores)")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  sweep_cmd->add_option("--out", sweep_exec.out_dir, "Output directory")->capture_default_str();
  sweep_cmd->add_flag("--force", sweep_exec.force, "Write into a non-empty output directory");
  sweep_cmd->add_flag("--resume", sweep_exec.resume, "Continue an interrupted sweep in --out");
  sweep_cmd->add_flag("-q,--quiet", sweep_exec.quiet, "No progress bar");

  std::string calib_file, calib_scenario;
  ExecutionConfig calib_exec{0, "results/calibrate", false, false};
  CLI::App* calib_cmd = app.add_subcommand("calibrate", "Fit free parameters to target bands (Nelder-Mead, CRN)");
  calib_cmd->add_option("calibration", calib_file, "Calibration YAML file (see scenarios/calibration/)")->required();
  calib_cmd->add_option("--threads", calib_exec.threads, "OpenMP threads (0 = all cores)")->capture_default_str();
  calib_cmd->add_option("--out", calib_exec.out_dir, "Output directory")->capture_default_str();
  calib_cmd->add_option("--write-scenario", calib_scenario, "Also write the fitted scenario to this file");
  calib_cmd->add_flag("--force", calib_exec.force, "Write into a non-empty output directory");
  calib_cmd->add_flag("-q,--quiet", calib_exec.quiet, "No progress bar");
  calib_cmd->add_flag("--resume", calib_exec.resume,
                      "Continue an interrupted calibration in --out: evaluations in its trace are not run again");

  std::string report_dir, report_out = "report.html", report_calibration = "scenarios/calibration/baseline.calib.yaml";
  CLI::App* report_cmd = app.add_subcommand("report", "Write a self-contained HTML report of a run or compare directory");
  report_cmd->add_option("dir", report_dir, "Output directory of gunflow run or compare")->required();
  report_cmd->add_option("-o,--output", report_out, "HTML file to write")->capture_default_str();
  report_cmd->add_option("--calibration", report_calibration, "Calibration file with the target bands (\"\" for none)")
      ->capture_default_str();

  ServeOptions serve_opts;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Local web demo: toggle policies, run, watch the iron river respond");
  serve_cmd->add_option("--port", serve_opts.port, "Port")->capture_default_str()->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--host", serve_opts.host, "Address to bind (keep 127.0.0.1 unless you mean it)")->capture_default_str();
  serve_cmd->add_option("--scenarios", serve_opts.scenarios_dir, "Directory of scenarios offered")->capture_default_str();
  serve_cmd->add_option("--results", serve_opts.results_dir, "Directory runs are written to")->capture_default_str();
  serve_cmd->add_option("--threads", serve_opts.threads, "OpenMP threads (0 = all cores)");

  std::string validate_path;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate_cmd->add_option("scenario", validate_path, "Scenario YAML file")->required();

  CLI::App* schema_cmd = app.add_subcommand("schema", "Print the scenario key reference (docs/scenarios.md)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::kInput);
  }
  try {
    if (*run_cmd) return do_run(run, cluster);
    if (*validate_cmd) return do_validate(validate_path);
    if (*compare_cmd) return do_compare(compare_files, compare_plan, compare_exec, cluster);
    if (*sweep_cmd) {
      const SweepReport report = sweep_job(load_sweep(sweep_file), sweep_exec, cluster);
      if (report.root)
        std::cout << "sweep: " << report.finished << "/" << report.points << " points in " << sweep_exec.out_dir << " ("
                  << report.wall_seconds << " s)\n";
      return report.interrupted ? static_cast<int>(ExitCode::kInterrupted) : 0;
    }
    if (*calib_cmd) {
      const CalibrationResult r = calibrate_job(load_calibration(calib_file), calib_exec, calib_scenario);
      std::cout << "calibrate: objective " << r.objective << " after " << r.evaluations << " evaluations"
                << (r.converged ? "" : " (evaluation limit reached)")
                << (r.reused > 0 ? "; " + std::to_string(r.reused) + " taken from the interrupted run's trace" : "") << "\n";
      for (const TargetFit& f : r.fits)
        std::cout << "  " << (f.pass ? "PASS " : "FAIL ") << f.target.metric << (f.target.key.empty() ? "" : "/" + f.target.key)
                  << (f.target.year ? " " + std::to_string(*f.target.year) : "") << ": " << f.model.mean << " in ["
                  << f.target.low << ", " << f.target.high << "]\n";
      return 0;
    }
    if (*serve_cmd) return serve(serve_opts);
    if (*report_cmd) {
      write_file_atomic(report_out, report_job(report_dir, report_calibration));
      std::cout << "wrote " << report_out << "\n";
      return 0;
    }
    if (*merge_cmd) {
      const RunReport report = merge_job(merge_dirs, merge_out, merge_force);
      std::cout << "merged " << merge_dirs.size() << " shards (" << report.finished << " replications) into "
                << merge_out << "\n";
      return 0;
    }
    if (*schema_cmd) {
      std::cout << scenario_reference_markdown();
      return 0;
    }
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
  return 0;
}

}  // namespace gunflow::cli
