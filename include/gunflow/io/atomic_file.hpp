#pragma once
// Every output is written to a temporary file beside its target, fsync'd, then
// renamed over it, so a crash never leaves a half-written result behind. The temporary
// file is created afresh (O_EXCL, O_NOFOLLOW) and a symbolic link in the target's place
// is refused, so nothing outside the output directory is ever written.
#include <string>
#include <string_view>

namespace gunflow {

/// Throws IoError naming the path on any failure.
void write_file_atomic(const std::string& path, std::string_view content);

/// The same, for outputs too large to build in memory (per-replication CSV of a big
/// batch): write in pieces, then commit() to fsync and rename. Destroyed without a
/// commit (an exception), it removes the temporary file and leaves the target alone.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  void write(std::string_view bytes);
  void commit();

 private:
  std::string path_, tmp_;
  int fd_ = -1;
};
/// Throws IoError if `path` is a symbolic link. Outputs and checkpoints are never
/// written through one: a link planted in an output directory would otherwise make a
/// run overwrite (or read) the file it points to.
void refuse_symlink(const std::string& path);

/// Throws IoError naming the first symbolic link directly in `dir` (an output directory
/// reused with --force or --resume).
void refuse_symlinks_in(const std::string& dir);

/// Reads a whole file; throws IoError if it cannot.
std::string read_file(const std::string& path);

/// Creates `dir` if needed. Refuses (IoError) a directory that already holds files
/// unless `force`, so earlier results are never overwritten by accident, and one that
/// holds a symbolic link. `force` deletes nothing: a file is replaced only when the job
/// writes its own (an input of the job may lie in the directory, and a job may still be
/// refused after this); `gunflow report` tells an earlier command's tables from the
/// latest job's.
void prepare_output_dir(const std::string& dir, bool force);

}  // namespace gunflow
