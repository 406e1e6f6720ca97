#include "gunflow/io/result_store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "gunflow/core/errors.hpp"

namespace gunflow {
namespace {
constexpr std::size_t kHeaderBytes = 8 + 6 * 8;  // magic, 5 words, checksum (checkpoint.hpp)

/// Reads exactly `size` bytes at `offset`; false at end of file.
bool read_at(int fd, std::uint64_t offset, void* out, std::size_t size, const std::string& path) {
  auto* p = static_cast<char*>(out);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, p + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(path, std::string("read failed: ") + std::strerror(errno));
    if (n == 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::uint64_t u64_at(const std::vector<char>& bytes, std::size_t at) {
  std::uint64_t x = 0;
  std::memcpy(&x, bytes.data() + at, sizeof x);
  return x;
}
}  // namespace

ResultStore::ResultStore(std::optional<CheckpointHeader> expected) : expected_(expected) {
  if (expected_) header_ = *expected_;
}

ResultStore::~ResultStore() {
  for (int fd : fds_) ::close(fd);
}

ResultStore::ResultStore(ResultStore&& other) noexcept { *this = std::move(other); }

ResultStore& ResultStore::operator=(ResultStore&& other) noexcept {
  if (this == &other) return *this;
  for (int fd : fds_) ::close(fd);
  expected_ = other.expected_;
  header_ = other.header_;
  paths_ = std::move(other.paths_);
  fds_ = std::exchange(other.fds_, {});
  entries_ = std::move(other.entries_);
  sorted_ = other.sorted_;
  owner_ = std::move(other.owner_);
  return *this;
}

std::uint64_t ResultStore::add_file(const std::string& path, bool duplicates_are_errors, const std::string& mismatch) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw IoError(path, "no checkpoint here (nothing to resume or merge)");
  fds_.push_back(fd);  // owned from here, closed by the destructor even if we throw
  paths_.push_back(path);
  const auto file = static_cast<std::uint32_t>(paths_.size() - 1);

  // The header, checked as read_checkpoint checks it (shared format, checkpoint.hpp).
  std::vector<char> head(kHeaderBytes);
  if (!read_at(fd, 0, head.data(), head.size(), path) || std::memcmp(head.data(), "GUNFLOW1", 8) != 0 ||
      fnv1a(head.data(), kHeaderBytes - 8) != u64_at(head, kHeaderBytes - 8))
    throw IoError(path, "is not a gunflow checkpoint (bad header)");
  const CheckpointHeader h{u64_at(head, 8), u64_at(head, 16), u64_at(head, 24), u64_at(head, 32), u64_at(head, 40)};
  if (!expected_) {
    expected_ = h;
    header_ = h;
  } else if (!(h == header_)) {
    throw IoError(path, mismatch);
  }
  if (owner_.empty()) owner_.assign(header_.total_replications, 0);

  // Records: u64 replication, cells × f64, u64 checksum of both. One record in memory.
  const std::size_t record = 8 + header_.n_series * header_.n_years * 8 + 8;
  std::vector<char> buf(record);
  std::uint64_t at = kHeaderBytes;
  while (read_at(fd, at, buf.data(), record, path)) {
    if (fnv1a(buf.data(), record - 8) != u64_at(buf, record - 8)) break;  // corrupt: stop here
    const std::uint64_t rep = u64_at(buf, 0);
    if (rep >= owner_.size()) break;  // cannot happen in a file we wrote; treat as corrupt
    if (owner_[rep] != 0) {
      if (duplicates_are_errors)
        throw IoError(path, "holds replication " + std::to_string(rep) + ", which " + paths_[owner_[rep] - 1] +
                                " holds too (a shard given twice?)");
    } else {
      owner_[rep] = file + 1;
      if (!entries_.empty() && entries_.back().replication > rep) sorted_ = false;
      entries_.push_back({rep, at, file});
    }
    at += record;
  }
  return at;
}

void ResultStore::sort_entries() const {
  if (sorted_) return;
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.replication < b.replication; });
  sorted_ = true;
}

std::vector<std::uint64_t> ResultStore::replications() const {
  sort_entries();
  std::vector<std::uint64_t> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.replication);
  return out;
}

std::string ResultStore::file_of(std::uint64_t replication) const {
  return replication < owner_.size() && owner_[replication] != 0 ? paths_[owner_[replication] - 1] : "";
}

void ResultStore::read_cells(std::size_t i, std::size_t first, std::size_t count, double* out) const {
  sort_entries();
  const Entry& e = entries_.at(i);
  if (!read_at(fds_[e.file], e.offset + 8 + first * 8, out, count * 8, paths_[e.file]))
    throw IoError(paths_[e.file], "shrank while being read");
}

ReplicationResult ResultStore::read(std::size_t i) const {
  sort_entries();
  ReplicationResult r;
  r.replication = entries_.at(i).replication;
  r.values.resize(static_cast<Eigen::Index>(header_.n_series), static_cast<Eigen::Index>(header_.n_years));
  read_cells(i, 0, static_cast<std::size_t>(r.values.size()), r.values.data());
  return r;
}

}  // namespace gunflow
