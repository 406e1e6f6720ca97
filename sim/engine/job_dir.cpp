#include "gunflow/engine/job_dir.hpp"

#include <algorithm>
#include <iostream>
#include <set>
#include <string>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"
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

/// Results already in out_dir's checkpoints (resume), checked against this run. Reads
/// every checkpoint*.bin, so a run may resume with another number of MPI ranks.
/// `own_valid_bytes` is the intact length of this process's own file (0 if none).
ResultStore stored_results(const fs::path& dir, const fs::path& own, const CheckpointHeader& expected,
                           std::uint64_t& own_valid_bytes) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("checkpoint", 0) == 0 && entry.path().extension() == ".bin") files.push_back(entry.path());
  }
  if (files.empty()) throw IoError(dir.string(), "holds no checkpoint to resume");
  std::sort(files.begin(), files.end());
  ResultStore store(expected);
  own_valid_bytes = 0;
  for (const fs::path& f : files) {
    // A replication may sit in two files after a re-split; the first is kept.
    const std::uint64_t valid = store.add_file(
        f.string(), false, "was written for another scenario, sweep, seed or replication count; resume with the same ones");
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

std::vector<ReplicationResult> resumed_results(const fs::path& dir, const fs::path& own, const CheckpointHeader& expected,
                                               std::uint64_t& own_valid_bytes) {
  const ResultStore store = stored_results(dir, own, expected, own_valid_bytes);
  std::vector<ReplicationResult> out;
  out.reserve(store.size());
  for (std::size_t i = 0; i < store.size(); ++i) out.push_back(store.read(i));
  return out;
}

/// Rank 0 prepares the output directory; every rank learns whether it was refused.
void prepare_job_dir(const ExecutionConfig& cfg, Cluster& cluster) {
  std::string refusal;
  if (cluster.rank() == 0 && !cfg.resume) {
    try {
      prepare_output_dir(cfg.out_dir, cfg.force);
    } catch (const IoError& e) {
      refusal = e.what();
    }
  }
  if (cluster.any(!refusal.empty()))
    throw IoError(cfg.out_dir, cluster.rank() == 0 ? refusal.substr(refusal.find(": ") + 2) : "refused (see rank 0)");
}
void write_metrics_catalogue(const std::filesystem::path& dir) {
  write_file_atomic((dir / "metrics.csv").string(), metric_catalogue_csv());
}

}  // namespace gunflow
