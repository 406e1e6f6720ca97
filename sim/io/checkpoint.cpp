#include "gunflow/io/checkpoint.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <unistd.h>

#include "gunflow/core/errors.hpp"
#include "gunflow/io/atomic_file.hpp"

namespace gunflow {
namespace {
constexpr char kMagic[8] = {'G', 'U', 'N', 'F', 'L', 'O', 'W', '1'};
constexpr std::size_t kHeaderWords = 5;

void put_u64(std::string& out, std::uint64_t x) { out.append(reinterpret_cast<const char*>(&x), sizeof x); }

std::uint64_t get_u64(const std::string& in, std::size_t at) {
  std::uint64_t x = 0;
  std::memcpy(&x, in.data() + at, sizeof x);
  return x;
}

std::string header_bytes(const CheckpointHeader& h) {
  std::string out(kMagic, sizeof kMagic);
  for (std::uint64_t w : {h.scenario_hash, h.seed, h.total_replications, h.n_series, h.n_years}) put_u64(out, w);
  put_u64(out, fnv1a(out.data(), out.size()));
  return out;
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(path, std::string("write failed: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}
}  // namespace

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= p[i];
    hash *= 1099511628211ull;
  }
  return hash;
}

CheckpointScan scan_checkpoint(const std::string& path, const CheckpointRecordVisitor& record) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path, "no checkpoint here (nothing to resume or merge)");
  const std::size_t header_size = sizeof kMagic + (kHeaderWords + 1) * 8;
  std::string head(header_size, '\0');
  if (!in.read(head.data(), static_cast<std::streamsize>(header_size)) ||
      std::memcmp(head.data(), kMagic, sizeof kMagic) != 0 ||
      fnv1a(head.data(), header_size - 8) != get_u64(head, header_size - 8))
    throw IoError(path, "is not a gunflow checkpoint (bad header)");
  CheckpointScan scan;
  const std::size_t at0 = sizeof kMagic;
  scan.header = {get_u64(head, at0), get_u64(head, at0 + 8), get_u64(head, at0 + 16), get_u64(head, at0 + 24),
                 get_u64(head, at0 + 32)};
  const std::size_t cells = scan.header.n_series * scan.header.n_years;
  const std::size_t record_size = 8 + cells * 8 + 8;
  std::string rec(record_size, '\0');
  std::vector<double> values(cells);
  scan.valid_bytes = header_size;
  while (in.read(rec.data(), static_cast<std::streamsize>(record_size))) {
    if (fnv1a(rec.data(), record_size - 8) != get_u64(rec, record_size - 8)) break;  // corrupt: stop here
    const std::uint64_t replication = get_u64(rec, 0);
    if (replication >= scan.header.total_replications) break;  // not of this run: corrupt too
    std::memcpy(values.data(), rec.data() + 8, cells * 8);
    record(scan.header, replication, scan.valid_bytes, values.data());
    scan.valid_bytes += record_size;
  }
  in.clear();
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(in.tellg());
  scan.truncated = size != scan.valid_bytes;
  scan.record_size = record_size;
  scan.discarded_records = size > scan.valid_bytes ? (size - scan.valid_bytes) / record_size : 0;
  return scan;
}

CheckpointContents read_checkpoint(const std::string& path) {
  CheckpointContents c;
  const CheckpointScan scan = scan_checkpoint(
      path, [&](const CheckpointHeader& h, std::uint64_t replication, std::uint64_t, const double* values) {
        ReplicationResult r;
        r.replication = replication;
        r.values.resize(static_cast<Eigen::Index>(h.n_series), static_cast<Eigen::Index>(h.n_years));
        std::memcpy(r.values.data(), values, static_cast<std::size_t>(r.values.size()) * 8);
        c.results.push_back(std::move(r));
      });
  c.header = scan.header;
  c.valid_bytes = scan.valid_bytes;
  c.truncated = scan.truncated;
  return c;
}

CheckpointWriter::CheckpointWriter(const std::string& path, const CheckpointHeader& header, bool append,
                                   std::uint64_t valid_bytes)
    : path_(path), header_(header) {
  // Never through a symbolic link (one planted as checkpoint.bin would have its target
  // truncated); a fresh checkpoint replaces an old file (--force) by a new one.
  refuse_symlink(path);
  if (!append) ::unlink(path.c_str());
  fd_ = ::open(path.c_str(),
               append ? (O_WRONLY | O_NOFOLLOW | O_CLOEXEC) : (O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC),
               0644);
  if (fd_ < 0) throw IoError(path, std::string("cannot open checkpoint: ") + std::strerror(errno));
  if (append) {
    // Drop a torn tail left by a kill in the middle of a write, then continue.
    if (::ftruncate(fd_, static_cast<off_t>(valid_bytes)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0)
      throw IoError(path, std::string("cannot truncate checkpoint: ") + std::strerror(errno));
  } else {
    write_all(fd_, header_bytes(header), path);
    if (::fsync(fd_) != 0) throw IoError(path, std::string("fsync failed: ") + std::strerror(errno));
  }
}

CheckpointWriter::~CheckpointWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void CheckpointWriter::append(const ReplicationResult& r) {
  std::string rec;
  put_u64(rec, r.replication);
  rec.append(reinterpret_cast<const char*>(r.values.data()), static_cast<std::size_t>(r.values.size()) * 8);
  put_u64(rec, fnv1a(rec.data(), rec.size()));
  write_all(fd_, rec, path_);
  if (::fsync(fd_) != 0) throw IoError(path_, std::string("fsync failed: ") + std::strerror(errno));
}

}  // namespace gunflow
