#pragma once
// A job's per-replication results left where the run put them — in its checkpoint
// files — and read back in replication order. Outputs and summaries are built from
// here, one replication or one block of cells at a time, so the memory a batch needs
// does not grow with its size (24 bytes of index per replication), and MPI ranks and
// shards hand over their results as files instead of messages.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gunflow/io/checkpoint.hpp"
#include "gunflow/tally/layout.hpp"

namespace gunflow {

class ResultStore {
 public:
  /// `expected`: the run these files must belong to; without it the first file's
  /// header is adopted.
  explicit ResultStore(std::optional<CheckpointHeader> expected = std::nullopt);
  ~ResultStore();
  ResultStore(ResultStore&&) noexcept;
  ResultStore& operator=(ResultStore&&) noexcept;
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  /// Indexes the intact records of one checkpoint file (stopping at a torn or corrupt
  /// tail) and returns the intact length. IoError if the file is missing or belongs
  /// to another run. A replication already indexed from an earlier file is skipped —
  /// or, when `duplicates_are_errors`, reported naming both files.
  /// `mismatch` completes the error for a file of another run.
  std::uint64_t add_file(
      const std::string& path, bool duplicates_are_errors = false,
      const std::string& mismatch = "belongs to another run (scenario, seed or replication count differ)");

  [[nodiscard]] const CheckpointHeader& header() const { return header_; }
  /// One line per file whose records stopped at a corrupt record with whole records
  /// after it (not a torn tail): the file, where, and how many records were ignored.
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
  /// Replications indexed.
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  /// The replication indices held, ascending.
  [[nodiscard]] std::vector<std::uint64_t> replications() const;
  /// The file that holds a replication ("" if none).
  [[nodiscard]] std::string file_of(std::uint64_t replication) const;

  /// The i-th result in replication order.
  [[nodiscard]] ReplicationResult read(std::size_t i) const;
  /// Cells [first, first + count) (column-major: series + year * n_series) of the
  /// i-th result in replication order.
  void read_cells(std::size_t i, std::size_t first, std::size_t count, double* out) const;

 private:
  struct Entry {
    std::uint64_t replication;
    std::uint64_t offset;  // of the record in its file
    std::uint32_t file;
  };
  void sort_entries() const;
  std::optional<CheckpointHeader> expected_;
  CheckpointHeader header_;
  std::vector<std::string> paths_;
  std::vector<int> fds_;
  mutable std::vector<Entry> entries_;
  mutable bool sorted_ = true;
  std::vector<std::string> warnings_;
};

}  // namespace gunflow
