#include "gunflow/io/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "gunflow/core/errors.hpp"

namespace gunflow {
namespace fs = std::filesystem;
namespace {
std::string errno_text() { return std::strerror(errno); }

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: some file systems refuse directory fsync
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFileWriter out(path);
  out.write(content);
  out.commit();
}

void refuse_symlink(const std::string& path) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec)))
    throw IoError(path, "is a symbolic link; gunflow does not write or read outputs through links (remove it)");
}

void refuse_symlinks_in(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_symlink(ec)) refuse_symlink(entry.path().string());
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  const fs::path target(path_);
  std::string hidden = ".";
  hidden.append(target.filename().string()).append(".tmp");
  tmp_ = (target.parent_path() / hidden).string();
  refuse_symlink(path_);
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  fd_ = ::open(tmp_.c_str(), kFlags, 0644);
  if (fd_ < 0 && errno == EEXIST) {
    // Left by a killed run, or planted: a link is refused, a stale file replaced.
    refuse_symlink(tmp_);
    ::unlink(tmp_.c_str());
    fd_ = ::open(tmp_.c_str(), kFlags, 0644);
  }
  // Named by the file the user asked for: the temporary beside it is an implementation detail.
  if (fd_ < 0) throw IoError(path_, "cannot be written (creating " + tmp_ + "): " + errno_text());
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ < 0) return;  // committed
  ::close(fd_);
  ::unlink(tmp_.c_str());
}

void AtomicFileWriter::write(std::string_view bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError(tmp_, "write failed: " + errno_text());
    }
    written += static_cast<std::size_t>(n);
  }
}

void AtomicFileWriter::commit() {
  const int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp_.c_str());
    throw IoError(tmp_, "fsync/close failed: " + errno_text());
  }
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(tmp_.c_str());
    throw IoError(path_, "rename failed: " + why);
  }
  fsync_directory(fs::path(path_).parent_path());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path, "cannot open for reading");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void prepare_output_dir(const std::string& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw IoError(dir, "exists and is not a directory");
    if (!force && !fs::is_empty(dir, ec))
      throw IoError(dir, "already holds files; choose another --out or pass --force to overwrite");
    refuse_symlinks_in(dir);
    return;
  }
  fs::create_directories(dir, ec);
  if (ec) throw IoError(dir, "cannot create directory: " + ec.message());
}

}  // namespace gunflow
