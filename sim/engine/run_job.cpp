#include "gunflow/engine/run_job.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

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
#include "gunflow/model/mexico.hpp"
#include "gunflow/model/simulation.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {}  // namespace

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
    const ReplicationResult r = store.read(i);
    require_finite(layout, r);  // before any row is written (the writer keeps nothing uncommitted)
    append_replication_rows(chunk, name, layout, r);
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
  require_finite(summary);  // no output holds NaN or inf: checked before the first is written
  write_replications_csv(dir / "replications.csv", name, layout, store);
  write_file_atomic((dir / "summary.csv").string(), summary_csv(name, summary));
  write_file_atomic((dir / "summary.json").string(), summary_json(name, summary));
  write_file_atomic((dir / "scenario.resolved.yaml").string(), resolved_yaml_for(s, dir.string(), meta.overrides));
  write_file_atomic((dir / "run.json").string(), run_metadata_json(meta).dump(1) + "\n");
}

/// What a shard directory's shard.json says it holds: shard `index` of `of`.
struct ShardTag {
  std::uint64_t index = 0, of = 0;
};
/// A directory's tag; nullopt without a readable shard.json.
std::optional<ShardTag> shard_tag(const std::string& dir) {
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file((fs::path(dir) / "shard.json").string()));
    return ShardTag{j.at("shard").get<std::uint64_t>(), j.at("of").get<std::uint64_t>()};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// Each directory's tag, read once; nullopt for a directory without a readable shard.json
/// (not a shard directory: the result store checks its replications).
std::vector<std::optional<ShardTag>> shard_tags(const std::vector<std::string>& dirs) {
  std::vector<std::optional<ShardTag>> tags;
  for (const std::string& d : dirs) tags.push_back(shard_tag(d));
  return tags;
}

/// Shards named twice: a shard with no replications (more shards than replications) holds
/// nothing for the result store to find twice, so its tag must tell.
void refuse_repeated_shards(const std::vector<std::string>& dirs, const std::vector<std::optional<ShardTag>>& tags) {
  std::map<std::uint64_t, std::string> seen;
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    if (!tags[i]) continue;
    const auto [at, fresh] = seen.emplace(tags[i]->index, dirs[i]);
    if (!fresh)
      throw InputError(InputProblem{dirs[i], 0, 0, "",
                                    "holds shard " + std::to_string(tags[i]->index) + "/" +
                                        std::to_string(tags[i]->of) + ", which " + at->second +
                                        " holds too (a shard given twice?)"});
  }
}

/// The shards none of the named directories holds, as "shard 2/4" (the count from the first
/// shard's tag), or the missing replications if it has none; "" if none.
std::string missing_shards(const std::vector<std::optional<ShardTag>>& tags, const ResultStore& store) {
  std::set<std::uint64_t> named_shards;
  for (const auto& tag : tags)
    if (tag) named_shards.insert(tag->index);
  const std::uint64_t total = store.header().total_replications;
  const std::uint64_t of = tags.front() ? tags.front()->of : 0;  // 0: name replications instead
  std::string out;
  std::size_t named = 0;
  if (of > 0) {
    for (std::uint64_t i = 0; i < of && named < 10; ++i) {
      const auto [first, last] = shard_range(total, i, of);
      bool missing = first == last && !named_shards.count(i);  // an empty shard must be named too
      for (std::uint64_t r = first; r < last && !missing; ++r) missing = store.file_of(r).empty();
      if (missing) out += (named++ ? ", shard " : "shard ") + std::to_string(i) + "/" + std::to_string(of);
    }
    return out.empty() ? out : out + (named > 1 ? " are missing or unfinished" : " is missing or unfinished");
  }
  for (std::uint64_t r = 0; r < total && named < 10; ++r)
    if (store.file_of(r).empty()) out += (named++ ? ", " : "") + std::to_string(r);
  return out.empty() ? out : "replications missing from every shard: " + out;
}
}  // namespace

namespace {
/// A resumed shard is the shard it continues: a shard's directory (shard.json) resumes as
/// that shard or as the whole run, never as another shard, and a whole run's (run.json)
/// not as a shard.
/// Otherwise the shard would add another block of replications to the directory, and a
/// later merge would fail far from the cause.
void check_resumed_shard(const ExecutionConfig& cfg) {
  if (cfg.shard_count <= 1) return;  // the whole run: it may finish a shard's directory
  const fs::path dir(cfg.out_dir);
  const std::string asked = "--shard " + std::to_string(cfg.shard_index) + "/" + std::to_string(cfg.shard_count);
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(dir / "shard.json", ec))) {
    const std::optional<ShardTag> tag = shard_tag(cfg.out_dir);
    if (!tag) throw IoError((dir / "shard.json").string(), "is not a gunflow shard record; start the shard again");
    if (cfg.shard_count != tag->of || cfg.shard_index != tag->index) {
      const std::string held = std::to_string(tag->index) + "/" + std::to_string(tag->of);
      throw InputError(InputProblem{
          cfg.out_dir, 0, 0, "",
          "holds shard " + held + " of a run, but this resume asks for " + asked + "; resume it with --shard " + held});
    }
  } else if (fs::exists(dir / "run.json", ec)) {
    throw InputError(InputProblem{cfg.out_dir, 0, 0, "",
                                  "holds a whole run (run.json, no shard.json), but this resume asks for " + asked +
                                      "; resume it without --shard"});
  }
}
}  // namespace

RunReport run_job(const LoadedScenario& scenario, const RunPlan& plan, const ExecutionConfig& cfg, Cluster& cluster,
                  const ProgressFn& progress) {
  const fs::path dir(cfg.out_dir);
  if (cluster.size() > 1 && cfg.shard_count > 1)
    throw IoError(cfg.out_dir, "--shard and MPI ranks both split the work; use one of them");
  prepare_job_dir(cfg, cluster);
  if (cfg.resume) check_resumed_kind(cfg, "run");
  // Results of different inputs never mix: a resumed run checks every input file's
  // content against the one it started with (inputs.txt).
  const std::string inputs = input_manifest(scenario);
  if (!cfg.resume && cluster.rank() == 0) write_file_atomic(manifest_path(dir).string(), inputs);
  // A shard says which it is from the start, so even one killed before its end is resumed
  // only as itself (shard.json is written again, with its counts, when it ends).
  if (!cfg.resume && cfg.shard_count > 1)
    write_file_atomic(
        (dir / "shard.json").string(),
        nlohmann::json{{"shard", cfg.shard_index}, {"of", cfg.shard_count}, {"finished", 0}}.dump(1) + "\n");
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
  // Only what is done is listed (ascending), never a table of every requested replication.
  std::vector<std::uint64_t> done;
  if (cfg.resume) {
    check_resumed_shard(cfg);
    done = stored_results(dir, own_checkpoint, header, valid_bytes).replications();
    // After the checkpoint's own check (another scenario, seed or -n: exit 3), the files.
    require_same_inputs(recorded_manifest(dir), inputs, "the run in " + cfg.out_dir + " started");
  }
  // Shards and MPI ranks take contiguous blocks of replication indices.
  const std::uint64_t part = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.rank()) : cfg.shard_index;
  const std::uint64_t parts = cluster.size() > 1 ? static_cast<std::uint64_t>(cluster.size()) : cfg.shard_count;
  const auto [first, last] = shard_range(plan.replications, part, parts);

  ProgressBar bar(s.simulation.name, !cfg.quiet && cluster.rank() == 0 && ProgressBar::stderr_is_terminal());
  RunOutcome outcome;
  {
    CheckpointWriter checkpoint(own_checkpoint.string(), header, cfg.resume && fs::exists(own_checkpoint), valid_bytes);
    const std::atomic<bool>& stop = install_stop_handlers();
    outcome = run_replication_range(
        first, last, done, [&](std::uint64_t rep) { return model.run(plan.seed, rep); }, cfg.threads,
        [&](std::uint64_t n, std::uint64_t total) {
          bar.update(n, total);
          if (progress) progress(n, total);
        },
        &stop, [&](const ReplicationResult& r) { checkpoint.append(r); });
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
    write_file_atomic((dir / "scenario.resolved.yaml").string(),
                      resolved_yaml_for(s, dir.string(), scenario.overrides));
    const nlohmann::json shard = {{"shard", cfg.shard_index},
                                  {"of", cfg.shard_count},
                                  {"first", first},
                                  {"last", last},
                                  {"seed", plan.seed},
                                  {"replications", plan.replications},
                                  {"finished", report.finished},
                                  {"interrupted", report.interrupted},
                                  {"wall_seconds", report.wall_seconds}};
    write_file_atomic((dir / "shard.json").string(), shard.dump(1) + "\n");
    return report;
  }
  RunMetadata meta{scenario.source_file,    plan.seed, plan.replications,
                   report.finished,         threads,   report.wall_seconds,
                   report.interrupted,      started,   {},
                   nlohmann::json::object()};
  meta.overrides = scenario.overrides;
  meta.extra["violence_reference_stock"] = own_violence_reference_stock(model.world());
  write_run_outputs(dir, s, model.layout(), store, report.summary, meta);
  return report;
}

RunReport merge_job(const std::vector<std::string>& shard_dirs, const std::string& out_dir, bool force) {
  if (shard_dirs.empty()) throw IoError(out_dir, "merge needs at least one shard directory");
  // A sweep's or an ensemble's shard has its own way to be combined (README, Clusters).
  const std::pair<const char*, const char*> kOtherShards[] = {{"sweep_points.csv", "a sweep"},
                                                              {"ensemble_parameters.csv", "an ensemble"}};
  for (const std::string& d : shard_dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec))
      throw InputError(InputProblem{d, 0, 0, "", "is not a directory (name the --out of each `run --shard`)"});
    for (const auto& [marker, what] : kOtherShards)
      if (fs::exists(fs::path(d) / marker, ec))
        throw InputError(InputProblem{d, 0, 0, "",
                                      std::string("holds ") + what +
                                          "'s shard, which `merge` does not combine: copy each shard's checkpoint.bin "
                                          "to DIR/checkpoint.I.bin and run the same command with --out DIR --resume"});
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string resolved_path = (fs::path(shard_dirs.front()) / "scenario.resolved.yaml").string();
  const LoadedScenario scenario = load_scenario(resolved_path);
  const std::string resolved = resolved_yaml(scenario.settings);
  const Model model(scenario.settings);

  // The shards' results stay in their checkpoints; the outputs are read from there.
  ResultStore store;  // adopts the first shard's header
  for (std::size_t i = 0; i < shard_dirs.size(); ++i) {
    const std::string path = (fs::path(shard_dirs[i]) / kCheckpoint).string();
    store.add_file(
        path, true,
        "belongs to another run (scenario, seed or replication count differ from " + shard_dirs.front() + ")");
    if (i == 0 && store.header().scenario_hash != fnv1a(resolved.data(), resolved.size()))
      throw InputError(
          InputProblem{resolved_path, 0, 0, "", "does not match the scenario its checkpoint was run with"});
  }
  const CheckpointHeader& header = store.header();
  const std::vector<std::optional<ShardTag>> tags = shard_tags(shard_dirs);
  refuse_repeated_shards(shard_dirs, tags);
  if (const std::string missing = missing_shards(tags, store); !missing.empty())
    throw InputError(
        InputProblem{out_dir, 0, 0, "",
                     "cannot merge: " + missing +
                         " (a shard not finished, or not named? finish it with --resume and name its directory)"});
  // Every shard was run with the same inputs, and the data tables are still those.
  const std::string inputs = recorded_manifest(shard_dirs.front());
  for (std::size_t i = 1; i < shard_dirs.size(); ++i)
    require_same_shard_inputs(inputs, shard_dirs.front(), recorded_manifest(shard_dirs[i]), shard_dirs[i]);
  require_same_inputs(inputs, current_data_manifest(inputs), "the shards were run");

  // A shard's directory stays a shard: merged outputs beside its shard.json and checkpoint
  // would be read as that shard again by a later merge.
  for (const std::string& d : shard_dirs) {
    std::error_code ec;
    if (fs::equivalent(d, out_dir, ec))
      throw InputError(InputProblem{out_dir, 0, 0, "",
                                    "is one of the shards being merged; merge into another directory with --out"});
  }
  prepare_output_dir(out_dir, force);
  RunReport report;
  report.finished = store.size();
  report.summary = reduce_stored(model.layout(), store);
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The scenario the shards ran, as their inputs.txt names it, not a shard's copy of it; the
  // copy if the manifest names none.
  std::string scenario_file = recorded_scenario_file(inputs);
  if (scenario_file.empty()) scenario_file = resolved_path;
  RunMetadata meta{
      scenario_file, header.seed, header.total_replications, report.finished, 0, report.wall_seconds, false,
      utc_now(),     {},          nlohmann::json::object()};
  meta.overrides = overrides_in_resolved(read_file(resolved_path));  // the shards' --set, as recorded
  meta.extra["violence_reference_stock"] = own_violence_reference_stock(model.world());
  write_run_outputs(fs::path(out_dir), scenario.settings, model.layout(), store, report.summary, meta);
  write_file_atomic(manifest_path(out_dir).string(), inputs);
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
      std::snprintf(line, sizeof line, "  %-36s %d  %12.4g  [%.4g, %.4g]\n", y == 0 ? k[1] : "",
                    t.layout.first_year() + y, c.mean, c.ci_low, c.ci_high);
      out += line;
    }
  }
  return out;
}

}  // namespace gunflow
