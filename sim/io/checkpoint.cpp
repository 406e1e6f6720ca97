#include "gunflow/io/checkpoint.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <unistd.h>

#include "gunflow/core/errors.hpp"

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

CheckpointContents read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path, "no checkpoint here (nothing to resume or merge)");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t header_size = sizeof kMagic + (kHeaderWords + 1) * 8;
  if (bytes.size() < header_size || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0 ||
      fnv1a(bytes.data(), header_size - 8) != get_u64(bytes, header_size - 8))
    throw IoError(path, "is not a gunflow checkpoint (bad header)");
  CheckpointContents c;
  std::size_t at = sizeof kMagic;
  c.header = {get_u64(bytes, at), get_u64(bytes, at + 8), get_u64(bytes, at + 16), get_u64(bytes, at + 24),
              get_u64(bytes, at + 32)};
  at = header_size;
  const std::size_t cells = c.header.n_series * c.header.n_years;
  const std::size_t record = 8 + cells * 8 + 8;
  while (at + record <= bytes.size()) {
    if (fnv1a(bytes.data() + at, record - 8) != get_u64(bytes, at + record - 8)) break;  // corrupt: stop here
    ReplicationResult r;
    r.replication = get_u64(bytes, at);
    r.values.resize(static_cast<Eigen::Index>(c.header.n_series), static_cast<Eigen::Index>(c.header.n_years));
    std::memcpy(r.values.data(), bytes.data() + at + 8, cells * 8);
    c.results.push_back(std::move(r));
    at += record;
  }
  c.valid_bytes = at;
  c.truncated = at != bytes.size();
  return c;
}

CheckpointWriter::CheckpointWriter(const std::string& path, const CheckpointHeader& header, bool append,
                                   std::uint64_t valid_bytes)
    : path_(path), header_(header) {
  fd_ = ::open(path.c_str(), append ? O_WRONLY : (O_WRONLY | O_CREAT | O_TRUNC), 0644);
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
