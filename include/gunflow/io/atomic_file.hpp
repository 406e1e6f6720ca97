#pragma once
// Every output is written to a temporary file beside its target, fsync'd, then
// renamed over it, so a crash never leaves a half-written result behind.
#include <string>
#include <string_view>

namespace gunflow {

/// Throws IoError naming the path on any failure.
void write_file_atomic(const std::string& path, std::string_view content);
/// Reads a whole file; throws IoError if it cannot.
std::string read_file(const std::string& path);

/// Creates `dir` if needed. Refuses (IoError) a directory that already holds files
/// unless `force`, so earlier results are never overwritten by accident.
void prepare_output_dir(const std::string& dir, bool force);

}  // namespace gunflow
