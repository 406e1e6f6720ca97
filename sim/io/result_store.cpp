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
  warnings_ = std::move(other.warnings_);
  sorted_ = other.sorted_;
  return *this;
}

namespace {
/// What differs between a checkpoint's header and the one expected, in words.
std::string header_difference(const CheckpointHeader& found, const CheckpointHeader& expected) {
  if (found.seed != expected.seed)
    return "its seed is " + std::to_string(found.seed) + ", this one's " + std::to_string(expected.seed);
  if (found.total_replications != expected.total_replications)
    return "it holds " + std::to_string(found.total_replications) + " replications (or points, or items), this one " +
           std::to_string(expected.total_replications);
  if (found.scenario_hash != expected.scenario_hash) return "its scenario settings or data tables differ";
  return "its outputs have another shape";
}
}  // namespace

std::uint64_t ResultStore::add_file(const std::string& path, bool duplicates_are_errors, const std::string& mismatch) {
  // Index the file with the format's own reader; keep it open for reading slices later.
  const auto file = static_cast<std::uint32_t>(paths_.size());
  std::vector<Entry> found;
  const CheckpointScan scan =
      scan_checkpoint(path, [&](const CheckpointHeader&, std::uint64_t rep, std::uint64_t offset, const double*) {
        found.push_back({rep, offset, file});
      });
  if (!expected_) {
    expected_ = scan.header;
    header_ = scan.header;
  } else if (!(scan.header == header_)) {
    // Another job's results: a changed input, not a broken file (exit 2, as for changed data).
    throw InputError(InputProblem{path, 0, 0, "", mismatch + " (" + header_difference(scan.header, header_) + ")"});
  }
  if (scan.discarded_records > 0)
    warnings_.push_back(path + ": record " + std::to_string(found.size() + 1) + " (at byte " +
                        std::to_string(scan.valid_bytes) + ") is corrupt; it and the " +
                        std::to_string(scan.discarded_records - 1) + " records after it are ignored (" +
                        std::to_string(scan.discarded_records) + " replications)");
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw IoError(path, std::string("cannot open: ") + std::strerror(errno));
  fds_.push_back(fd);
  paths_.push_back(path);
  // Duplicates are found by searching the entries already held (sorted), not with a
  // table by replication: memory stays proportional to the replications stored, never
  // to the number requested.
  sort_entries();
  const std::size_t held = entries_.size();
  auto holder = [&](std::uint64_t rep) -> const Entry* {
    const auto end = entries_.begin() + static_cast<std::ptrdiff_t>(held);
    const auto it =
        std::lower_bound(entries_.begin(), end, rep, [](const Entry& a, std::uint64_t r) { return a.replication < r; });
    return it != end && it->replication == rep ? &*it : nullptr;
  };
  std::stable_sort(found.begin(), found.end(),
                   [](const Entry& a, const Entry& b) { return a.replication < b.replication; });
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Entry& e = found[i];
    if (i > 0 && found[i - 1].replication == e.replication) continue;  // twice in one file: the first copy
    if (const Entry* other = holder(e.replication)) {
      if (duplicates_are_errors)
        throw InputError(InputProblem{path, 0, 0, "",
                                      "holds replication " + std::to_string(e.replication) + ", which " +
                                          paths_[other->file] + " holds too (a shard given twice?)"});
      continue;
    }
    entries_.push_back(e);
  }
  if (entries_.size() > held) sorted_ = held == 0 || entries_[held - 1].replication < entries_[held].replication;
  return scan.valid_bytes;
}

void ResultStore::sort_entries() const {
  if (sorted_) return;
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.replication < b.replication; });
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
  sort_entries();
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), replication,
                                   [](const Entry& a, std::uint64_t r) { return a.replication < r; });
  return it != entries_.end() && it->replication == replication ? paths_[it->file] : "";
}

void ResultStore::read_cells(std::size_t i, std::size_t first, std::size_t count, double* out) const {
  sort_entries();
  const Entry& e = entries_.at(i);
  if (!read_at(fds_[e.file], checkpoint_cell_offset(e.offset, first), out, count * 8, paths_[e.file]))
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
