#include "gunflow/engine/run_job.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/engine/job_dir.hpp"
#include "gunflow/engine/progress.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/result_store.hpp"
#include "gunflow/io/results_writer.hpp"
#include "gunflow/model/simulation.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
}  // namespace

std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t replications, std::uint64_t index,
                                                    std::uint64_t count) {
  const std::uint64_t base = replications / count, extra = replications % count;
  const std::uint64_t first = index * base + std::min(index, extra);
  return {first, first + base + (index < extra ? 1 : 0)};
}

namespace {
constexpr const char* kCheckpoint = "checkpoint.bin";

/// The `--set` overrides a resolved scenario records in its comments ("#   --set KEY=VALUE").
std::vector<std::string> overrides_in_resolved(const std::string& text) {
  std::vector<std::string> out;
  const std::string mark = "#   --set ";
  for (std::size_t at = 0; (at = text.find(mark, at)) != std::string::npos;) {
    const std::size_t end = text.find('\n', at);
    out.push_back(text.substr(at + mark.size(), end - at - mark.size()));
    at = end;
  }
  return out;
}

CheckpointHeader header_for(const std::string& resolved, const RunPlan& plan, const MetricLayout& layout) {
  return {fnv1a(resolved.data(), resolved.size()), plan.seed, plan.replications, layout.size(),
          static_cast<std::uint64_t>(layout.n_years())};
}

/// Summaries of stored results, a block of cells at a time (bounded memory).
SummaryTable reduce_stored(const MetricLayout& layout, const ResultStore& store) {
  return reduce_blocked(layout, store.size(), [&](std::size_t i, std::size_t first, std::size_t count, double* out) {
    store.read_cells(i, first, count, out);
  });
}

/// replications.csv, streamed from the stored results one replication at a time.
void write_replications_csv(const fs::path& path, const std::string& name, const MetricLayout& layout,
                            const ResultStore& store) {
  AtomicFileWriter out(path.string());
  std::string chunk = kReplicationsCsvHeader;
  for (std::size_t i = 0; i < store.size(); ++i) {
    append_replication_rows(chunk, name, layout, store.read(i));
    if (chunk.size() >= (std::size_t{1} << 20)) {
      out.write(chunk);
      chunk.clear();
    }
  }
  out.write(chunk);
  out.commit();
}

/// The outputs of a complete (or interrupted) run, from its stored results.
void write_run_outputs(const fs::path& dir, const Settings& s, const MetricLayout& layout, const ResultStore& store,
                       const SummaryTable& summary, const RunMetadata& meta) {
  write_metrics_catalogue(dir);
  const std::string& name = s.simulation.name;
  write_replications_csv(dir / "replications.csv", name, layout, store);
  write_file_atomic((dir / "summary.csv").string(), summary_csv(name, summary));
  write_file_atomic((dir / "summary.json").string(), summary_json(name, summary).dump(1) + "\n");
  write_file_atomic((dir / "scenario.resolved.yaml").string(), resolved_yaml_for(s, dir.string(), meta.overrides));
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
}

}  // namespace

RunReport run_job(const LoadedScenario& scenario, const RunPlan& plan, const ExecutionConfig& cfg, Cluster& cluster,
                  const ProgressFn& progress) {
  const fs::path dir(cfg.out_dir);
  if (cluster.size() > 1 && cfg.shard_count > 1)
    throw IoError(cfg.out_dir, "--shard and MPI ranks both split the work; use one of them");
  prepare_job_dir(cfg, cluster);
  const Settings& s = scenario.settings;
  const Model model(s);
  const std::string resolved = resolved_yaml(s);
  const CheckpointHeader header = header_for(resolved, plan, model.layout());
  const auto start = std::chrono::steady_clock::now();
  const std::string started = utc_now();

  // Results never stay in memory: each rank appends them to its own checkpoint, and
  // rank 0 reads every file back for the outputs (io/result_store.hpp).
  std::uint64_t valid_bytes = 0;
  const fs::path own_checkpoint = checkpoint_path(dir, cluster);
  std::vector<char> done(plan.replications, 0);
  if (cfg.resume)
    for (std::uint64_t r : stored_results(dir, own_checkpoint, header, valid_bytes).replications()) done[r] = 1;
  // Shards and MPI ranks take contiguous blocks of replication indices.
  const std::uint64_t part = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.rank()) : cfg.shard_index;
  const std::uint64_t parts = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.size()) : cfg.shard_count;
  const auto [first, last] = shard_range(plan.replications, part, parts);
  std::vector<std::uint64_t> todo;
  for (std::uint64_t i = first; i < last; ++i)
    if (!done[i]) todo.push_back(i);

  ProgressBar bar(s.simulation.name, !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  RunOutcome outcome;
  {
    CheckpointWriter checkpoint(own_checkpoint.string(), header, cfg.resume && fs::exists(own_checkpoint), valid_bytes);
    const std::atomic<bool>& stop = install_stop_handlers();
    outcome = run_replications(
        todo, [&](std::uint64_t rep) { return model.run(plan.seed, rep); }, cfg.threads,
        [&](std::uint64_t n, std::uint64_t total) {
          bar.update(n, total);
          if (progress) progress(n, total);
        },
        &stop, [&](const ReplicationResult& r) { checkpoint.append(r); }, Keep::kNothing);
  }  // closed (and fsync'd record by record) before any rank reads it
  bar.finish();
  // Collective, so it is also the point after which every rank's file is complete.
  const bool interrupted = cluster.any(outcome.interrupted);
  if (cluster.rank() != 0) return RunReport{{}, 0, interrupted, false, 0, false};  // rank 0 writes the outputs

  const ResultStore store = job_results(dir, own_checkpoint, header, cfg.resume, cluster);

  RunReport report;
  report.finished = store.size();
  report.interrupted = interrupted;
  report.shard_only = cfg.shard_count > 1;
  report.summary = reduce_stored(model.layout(), store);
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int threads = resolved_threads(cfg.threads);
  if (report.shard_only) {
    write_file_atomic((dir / "scenario.resolved.yaml").string(), resolved_yaml_for(s, dir.string(), scenario.overrides));
    const nlohmann::json shard = {{"shard", cfg.shard_index}, {"of", cfg.shard_count}, {"first", first},
                                  {"last", last},           {"seed", plan.seed},     {"replications", plan.replications},
                                  {"finished", report.finished}, {"interrupted", report.interrupted},
                                  {"wall_seconds", report.wall_seconds}};
    write_file_atomic((dir / "shard.json").string(), shard.dump(1) + "\n");
    return report;
  }
  RunMetadata meta{scenario.source_file, plan.seed, plan.replications, report.finished, threads,
                   report.wall_seconds, report.interrupted, started, {}, nlohmann::json::object()};
  meta.overrides = scenario.overrides;
  write_run_outputs(dir, s, model.layout(), store, report.summary, meta);
  return report;
}

RunReport merge_job(const std::vector<std::string>& shard_dirs, const std::string& out_dir, bool force) {
  if (shard_dirs.empty()) throw IoError(out_dir, "merge needs at least one shard directory");
  const auto start = std::chrono::steady_clock::now();
  const std::string resolved_path = (fs::path(shard_dirs.front()) / "scenario.resolved.yaml").string();
  const LoadedScenario scenario = load_scenario(resolved_path);
  const std::string resolved = resolved_yaml(scenario.settings);
  const Model model(scenario.settings);

  // The shards' results stay in their checkpoints; the outputs are read from there.
  ResultStore store;  // adopts the first shard's header
  for (std::size_t i = 0; i < shard_dirs.size(); ++i) {
    const std::string path = (fs::path(shard_dirs[i]) / kCheckpoint).string();
    store.add_file(path, true,
                   "belongs to another run (scenario, seed or replication count differ from " + shard_dirs.front() + ")");
    if (i == 0 && store.header().scenario_hash != fnv1a(resolved.data(), resolved.size()))
      throw IoError(resolved_path, "does not match the scenario its checkpoint was run with");
  }
  const CheckpointHeader& header = store.header();
  std::string missing;
  for (std::uint64_t r = 0, n = 0; r < header.total_replications && n < 10; ++r)
    if (store.file_of(r).empty()) missing += (n++ ? ", " : "") + std::to_string(r);
  if (!missing.empty())
    throw IoError(out_dir, "cannot merge: replications missing from every shard: " + missing +
                               " (a shard not finished, or not named? resume it with --resume)");

  prepare_output_dir(out_dir, force);
  RunReport report;
  report.finished = store.size();
  report.summary = reduce_stored(model.layout(), store);
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RunMetadata meta{resolved_path, header.seed, header.total_replications, report.finished, 0,
                   report.wall_seconds, false, utc_now(), {}, nlohmann::json::object()};
  meta.overrides = overrides_in_resolved(read_file(resolved_path));  // the shards' --set, as recorded
  write_run_outputs(fs::path(out_dir), scenario.settings, model.layout(), store, report.summary, meta);
  return report;
}

std::string format_digest(const SummaryTable& t, const std::string& name) {
  const char* keys[][2] = {{"guns_trafficked", "US guns trafficked to Mexico / yr"},
                           {"us_border_seizures", "US southbound seizures (guns)"},
                           {"mx_recoveries", "guns recovered in Mexico"},
                           {"traces", "eTrace requests from Mexico"},
                           {"traces_us_sourced_share", "share of traces US-sourced"},
                           {"arrests", "straw/unlicensed arrests"},
                           {"homicides", "homicides in Mexico"},
                           {"homicides_firearm_share", "firearm share of homicides"}};
  std::string out = "gunflow: " + name + " (n = " + std::to_string(t.cells.empty() ? 0 : t.cells[0].n) +
                    " replications; mean [95% CI] per year)\n";
  char line[256];
  for (const auto& k : keys) {
    const std::size_t row = t.layout.index(k[0]);
    for (int y = 0; y < t.layout.n_years(); ++y) {
      const Summary& c = t.at(row, y);
      std::snprintf(line, sizeof line, "  %-36s %d  %12.4g  [%.4g, %.4g]\n", y == 0 ? k[1] : "", t.layout.first_year() + y,
                    c.mean, c.ci_low, c.ci_high);
      out += line;
    }
  }
  return out;
}

}  // namespace gunflow
