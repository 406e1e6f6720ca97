#pragma once
// Durable per-replication results: a run appends each finished replication to
// `checkpoint.bin` (checksummed record, fsync'd), so a killed run can resume and a
// shard's results can be merged. Checkpoints hold results, never running means
// (DESIGN.md rule 15), so resumed and merged outputs are identical to a single run.
//
// Layout (little-endian, as written by the machine): 8-byte magic "GUNFLOW1", header of
// 5 × u64 {scenario_hash, seed, total_replications, n_series, n_years} + u64 checksum,
// then records of u64 replication, n_series × n_years f64 (column-major), u64 checksum.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gunflow/tally/layout.hpp"

namespace gunflow {

struct CheckpointHeader {
  std::uint64_t scenario_hash = 0;  ///< FNV-1a of the resolved scenario text
  std::uint64_t seed = 0;
  std::uint64_t total_replications = 0;
  std::uint64_t n_series = 0;
  std::uint64_t n_years = 0;
  bool operator==(const CheckpointHeader&) const = default;
};

/// FNV-1a 64-bit hash (for scenario identity and record checksums).
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash = 14695981039346656037ull);

struct CheckpointContents {
  CheckpointHeader header;
  std::vector<ReplicationResult> results;  ///< in file order
  std::uint64_t valid_bytes = 0;           ///< length of the intact prefix
  bool truncated = false;                  ///< a torn or corrupt tail was found (and ignored)
};

/// Reads every intact record; stops at the first torn or corrupt one. Throws IoError
/// if the file is missing or its header is not a gunflow checkpoint.
CheckpointContents read_checkpoint(const std::string& path);

/// The format's one reader: checks the header, then walks the intact records in file
/// order, one in memory at a time, calling `record(header, replication, offset, values)`
/// with the record's byte offset and its n_series × n_years values (column-major). Stops at
/// the first torn or corrupt record, or one naming a replication outside the run.
/// Throws IoError as read_checkpoint does.
struct CheckpointScan {
  CheckpointHeader header;
  std::uint64_t valid_bytes = 0;  ///< length of the intact prefix
  bool truncated = false;         ///< something after it was ignored
  /// Whole records' worth of bytes after the intact prefix: a corrupt record in the
  /// middle and every record after it (0 for a torn tail, as after kill -9 mid-write).
  std::uint64_t discarded_records = 0;
  std::uint64_t record_size = 0;  ///< bytes per record
};
using CheckpointRecordVisitor = std::function<void(const CheckpointHeader& header, std::uint64_t replication,
                                                   std::uint64_t offset, const double* values)>;
CheckpointScan scan_checkpoint(const std::string& path, const CheckpointRecordVisitor& record);
/// Byte offset of cell `cell` of the record at `record_offset`.
inline std::uint64_t checkpoint_cell_offset(std::uint64_t record_offset, std::uint64_t cell) {
  return record_offset + 8 + cell * 8;
}

class CheckpointWriter {
 public:
  /// Creates a new file with `header`, or (append) continues an existing one after
  /// cutting it to `valid_bytes` (dropping a torn tail).
  CheckpointWriter(const std::string& path, const CheckpointHeader& header, bool append, std::uint64_t valid_bytes = 0);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;
  /// Appends one record and fsyncs, so a finished replication survives kill -9.
  void append(const ReplicationResult& result);

 private:
  std::string path_;
  int fd_ = -1;
  CheckpointHeader header_;
};

}  // namespace gunflow
