#include "gunflow/engine/job_dir.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "gunflow/core/errors.hpp"
#include "gunflow/engine/replication_runner.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/input_manifest.hpp"
#include "gunflow/model/metrics.hpp"

namespace gunflow {
namespace fs = std::filesystem;

/// This process's checkpoint file: checkpoint.bin, or checkpoint.<rank>.bin under MPI.
fs::path checkpoint_path(const fs::path& dir, int rank, int size) {
  return size == 1 ? dir / "checkpoint.bin" : dir / ("checkpoint." + std::to_string(rank) + ".bin");
}

fs::path checkpoint_path(const fs::path& dir, const Cluster& cluster) {
  return checkpoint_path(dir, cluster.rank(), cluster.size());
}

namespace {
/// A checkpoint of any rank or shard: checkpoint.bin, checkpoint.<I>.bin.
bool is_checkpoint_file(const fs::path& path) {
  return path.filename().string().rfind("checkpoint", 0) == 0 && path.extension() == ".bin";
}
}  // namespace

/// Results already in out_dir's checkpoints (resume), checked against this run. Reads
/// every checkpoint*.bin, so a run may resume with another number of MPI ranks.
/// `own_valid_bytes` is the intact length of this process's own file (0 if none).
ResultStore stored_results(const fs::path& dir, const fs::path& own, const CheckpointHeader& expected,
                           std::uint64_t& own_valid_bytes) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!is_checkpoint_file(entry.path())) continue;
    refuse_symlink(entry.path().string());  // a planted link is neither read nor appended to
    files.push_back(entry.path());
  }
  if (files.empty()) {
    // Stopped before its first replication was written (inputs.txt is written at start-up):
    // nothing is finished, so resuming starts from the first replication. A directory with
    // results but no checkpoint, or none of gunflow's, is not resumed.
    std::error_code exists_ec;
    const bool started = fs::is_regular_file(fs::symlink_status(dir / "inputs.txt", exists_ec));
    bool has_results = false;
    for (const char* results : {"replications.csv", "compare.csv", "sweep_results.csv", "ensemble_sets.csv"})
      has_results = has_results || fs::exists(fs::symlink_status(dir / results, exists_ec));
    if (!started || has_results) throw IoError(dir.string(), "holds no checkpoint to resume");
    own_valid_bytes = 0;
    return ResultStore(expected);
  }
  std::sort(files.begin(), files.end());
  ResultStore store(expected);
  own_valid_bytes = 0;
  for (const fs::path& f : files) {
    // A replication may sit in two files after a re-split; the first is kept.
    const std::uint64_t valid = store.add_file(
        f.string(), false, "was written for another scenario, sweep, seed or replication count than this one");
    if (f == own) own_valid_bytes = valid;
  }
  // Said once, when resuming: those replications are not lost silently, they run again.
  static std::set<std::string> warned;
  for (const std::string& w : store.warnings())
    if (warned.insert(w).second) std::cerr << "gunflow: warning: " << w << "; they will be run again\n";
  return store;
}

ResultStore job_results(const fs::path& dir, const fs::path& own, const CheckpointHeader& expected, bool resumed,
                        const Cluster& cluster) {
  if (resumed) {
    std::uint64_t ignored = 0;
    return stored_results(dir, own, expected, ignored);
  }
  ResultStore store(expected);
  for (int r = 0; r < cluster.size(); ++r) store.add_file(checkpoint_path(dir, r, cluster.size()).string());
  return store;
}

std::vector<ReplicationResult> resumed_results(const fs::path& dir, const fs::path& own,
                                               const CheckpointHeader& expected, std::uint64_t& own_valid_bytes) {
  const ResultStore store = stored_results(dir, own, expected, own_valid_bytes);
  std::vector<ReplicationResult> out;
  out.reserve(store.size());
  for (std::size_t i = 0; i < store.size(); ++i) out.push_back(store.read(i));
  return out;
}

/// Rank 0 prepares the output directory; every rank learns whether it was refused.
void prepare_job_dir(const ExecutionConfig& cfg, Cluster& cluster) {
  require_threads(resolved_threads(cfg.threads));  // before anything is written
  std::string refusal, refused_path = cfg.out_dir;
  if (cluster.rank() == 0) {
    try {
      if (cfg.resume)
        refuse_symlinks_in(cfg.out_dir);
      else
        prepare_output_dir(cfg.out_dir, cfg.force);
    } catch (const IoError& e) {
      refusal = e.what();
      refused_path = e.path();  // the file at fault (a link inside the directory, say), not only the directory
    }
  }
  if (cluster.any(!refusal.empty()))
    throw IoError(cluster.rank() == 0 ? refused_path : cfg.out_dir,
                  cluster.rank() == 0 ? refusal.substr(refused_path.size() + 2) : "refused (see rank 0)");
}

void write_metrics_catalogue(const std::filesystem::path& dir) {
  write_file_atomic((dir / "metrics.csv").string(), metric_catalogue_csv());
}

std::string text_digest(const std::string& text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, fnv1a(text.data(), text.size()));
  return buf;
}

namespace {
std::string manifest_line(const std::string& role, const std::string& path) {
  return role + " " + text_digest(read_file(path)) + " " + path + "\n";
}
}  // namespace

std::string input_manifest(const LoadedScenario& scenario) {
  std::string out;
  for (std::size_t i = 0; i < scenario.files.size(); ++i)
    out += manifest_line("scenario." + std::to_string(i), fs::absolute(scenario.files[i]).lexically_normal().string());
  for (const DataPathKey& k : kDataPathKeys) {
    const std::string& path = scenario.settings.data.*k.path;
    if (k.required || !path.empty()) out += manifest_line(k.key, path);
  }
  return out;
}

std::string input_manifest(const std::vector<LoadedScenario>& scenarios) {
  std::string out;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    std::istringstream lines(input_manifest(scenarios[i]));
    for (std::string line; std::getline(lines, line);) out += "arm" + std::to_string(i) + "." + line + "\n";
  }
  return out;
}

std::string input_fingerprint(const LoadedScenario& scenario) {
  std::string out;
  for (const auto& [role, line] : parse_manifest(input_manifest(scenario))) out += role + " " + line.hash + "\n";
  return out;
}

fs::path manifest_path(const fs::path& dir) { return dir / "inputs.txt"; }

void check_recorded_inputs(const ExecutionConfig& cfg, const std::string& inputs, const std::string& what) {
  std::error_code ec;
  if (cfg.resume && fs::is_regular_file(fs::symlink_status(manifest_path(cfg.out_dir), ec)))
    require_same_inputs(recorded_manifest(cfg.out_dir), inputs, what + " in " + cfg.out_dir + " started");
}

std::string job_kind_of(const fs::path& dir) {
  // Only what the last job wrote counts: --force leaves an earlier command's tables, so a
  // file older than the newest checkpoint may be another job's.
  std::error_code ec;
  fs::file_time_type newest_checkpoint = fs::file_time_type::min();
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (is_checkpoint_file(entry.path()))
      newest_checkpoint = std::max(newest_checkpoint, fs::last_write_time(entry.path(), ec));
  const auto has = [&](const char* file) {
    std::error_code e;
    if (!fs::is_regular_file(fs::symlink_status(dir / file, e))) return false;
    const auto t = fs::last_write_time(dir / file, e);
    return !e && t >= newest_checkpoint;
  };
  nlohmann::json run = nlohmann::json::object();
  if (has("run.json")) {
    try {
      run = nlohmann::json::parse(read_file((dir / "run.json").string()));
    } catch (const std::exception&) {
      run = nlohmann::json::object();  // a damaged run.json says nothing; the other files may
    }
  }
  const auto says = [&](const char* key) { return run.is_object() && run.contains(key); };
  if (has("calibration.identity")) return "calibrate";
  if (has("ensemble_parameters.csv") || says("parameter_sets")) return "ensemble";
  if (has("sweep_points.csv") || says("points_requested")) return "sweep";
  if (has("compare.json") || says("scenarios")) return "compare";
  if (has("summary.json") || has("replications.csv") || has("shard.json")) return "run";
  return "";
}

void check_resumed_kind(const ExecutionConfig& cfg, const std::string& command) {
  const std::string kind = job_kind_of(cfg.out_dir);
  if (!kind.empty() && kind != command)
    throw InputError(InputProblem{cfg.out_dir, 0, 0, "",
                                  "holds the outputs of `gunflow " + kind + "`, not of `gunflow " + command +
                                      "`: resume it with the command that made it, or give another --out"});
}

void record_inputs(const ExecutionConfig& cfg, const Cluster& cluster, const std::string& inputs) {
  std::error_code ec;
  if (cluster.rank() == 0 && !fs::exists(fs::symlink_status(manifest_path(cfg.out_dir), ec)))
    write_file_atomic(manifest_path(cfg.out_dir).string(), inputs);
}

std::string recorded_manifest(const fs::path& dir) {
  const fs::path file = manifest_path(dir);
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec)))
    throw InputError(InputProblem{dir.string(), 0, 0, "",
                                  "holds no inputs.txt (written by an older gunflow, or not a run directory): its "
                                  "inputs cannot be checked, so it is not resumed or merged; start a new run"});
  return read_file(file.string());
}

std::string recorded_scenario_file(const std::string& manifest) {
  for (const auto& [role, line] : parse_manifest(manifest))
    if (role == "scenario.0") return line.path;
  return "";
}

std::string current_data_manifest(const std::string& recorded) {
  std::string out;
  for (const auto& [role, line] : parse_manifest(recorded)) {
    if (role.rfind("data.", 0) != 0) {
      out += role + " " + line.hash + " " + line.path + "\n";  // scenario files: as recorded
      continue;
    }
    std::error_code ec;
    out += fs::is_regular_file(line.path, ec) ? manifest_line(role, line.path) : role + " missing " + line.path + "\n";
  }
  return out;
}

namespace {
/// How two manifests differ first: a file of `recorded` missing from `current` or with
/// other content (changed), else a file of `current` that `recorded` lacks (added).
struct InputDifference {
  std::string path, key;  ///< the file, and its data key (data.crossings) or "" for a scenario file
  bool added = false;
};
std::optional<InputDifference> first_input_difference(const std::string& recorded, const std::string& current) {
  std::map<std::string, ManifestLine> now;
  for (auto& [role, line] : parse_manifest(current)) now[role] = line;
  const auto before = parse_manifest(recorded);
  // A scenario file is named by its path alone; a table by its key too (data.crossings).
  const auto key = [](const std::string& role) {
    const std::size_t d = role.find("data.");
    return d == std::string::npos ? std::string() : role.substr(d);
  };
  for (const auto& [role, was] : before) {
    const auto it = now.find(role);
    if (it == now.end() || it->second.hash != was.hash) return InputDifference{was.path, key(role), false};
  }
  for (const auto& entry : now)  // (no structured binding: clang 14 cannot capture one)
    if (std::none_of(before.begin(), before.end(), [&](const auto& r) { return r.first == entry.first; }))
      return InputDifference{entry.second.path, key(entry.first), true};
  return std::nullopt;
}
}  // namespace

void require_same_shard_inputs(const std::string& first_inputs, const std::string& first_dir,
                               const std::string& second_inputs, const std::string& second_dir) {
  const std::optional<InputDifference> d = first_input_difference(first_inputs, second_inputs);
  if (!d) return;
  throw InputError(
      InputProblem{d->path, 0, 0, d->key,
                   std::string(d->added ? "was an input of only some shards" : "was not the same in every shard") +
                       ": the shard in " + second_dir + " was run with other content than the shard in " + first_dir +
                       " (their inputs.txt differ); results from different inputs cannot be "
                       "combined: run that shard again with the other's inputs"});
}

void require_same_inputs(const std::string& recorded, const std::string& current, const std::string& what) {
  const std::optional<InputDifference> d = first_input_difference(recorded, current);
  if (!d) return;
  if (d->added)
    throw InputError(InputProblem{d->path, 0, 0, d->key, "was not an input of " + what + "; start a new run"});
  throw InputError(InputProblem{d->path, 0, 0, d->key,
                                "has changed since " + what +
                                    " (its content differs from the one recorded in "
                                    "inputs.txt); results from different inputs cannot be combined: restore it, "
                                    "or start a new run"});
}

}  // namespace gunflow
