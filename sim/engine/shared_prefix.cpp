#include "gunflow/engine/shared_prefix.hpp"

#include <algorithm>

#include <omp.h>

#include "gunflow/model/divergence.hpp"

namespace gunflow {

SharedPrefixRunner::SharedPrefixRunner(const std::vector<const Model*>& models, int threads)
    : models_(models), forks_(models.size(), false), copies_(static_cast<std::size_t>(std::max(1, threads))) {
  const Settings& base = models_.front()->settings();
  const Date first = base.simulation.first_day();
  // One day for all: the earliest at which an arm that shares any days parts from the base.
  std::optional<Date> fork;
  std::vector<std::optional<Date>> parts(models_.size());
  for (std::size_t i = 1; i < models_.size(); ++i) {
    parts[i] = divergence_day(*models_.front(), *models_[i]);
    if (parts[i] && *parts[i] > first) fork = fork ? std::min(*fork, *parts[i]) : *parts[i];
  }
  fork_day_ = fork.value_or(first);
  for (std::size_t i = 1; i < models_.size(); ++i) forks_[i] = parts[i] && *parts[i] > first;
  // The base continues from the copy too when any arm does (it is its own prefix).
  forks_[0] = std::any_of(forks_.begin() + 1, forks_.end(), [](bool f) { return f; });
}

SharedPrefixRunner::ThreadCopy& SharedPrefixRunner::copy_for(std::uint64_t seed, std::uint64_t replication) {
  const auto thread = static_cast<std::size_t>(omp_get_thread_num());
  std::unique_ptr<ThreadCopy>& slot = copies_.at(thread);
  if (!slot) slot = std::make_unique<ThreadCopy>();
  ThreadCopy& c = *slot;
  if (!c.valid || c.seed != seed || c.replication != replication) {
    const Model& base = *models_.front();
    c.valid = false;
    c.shared = base.start(seed, replication);
    for (Date d = c.shared.first_day; d < fork_day_; d = d + 1) base.step(d, c.shared);
    c.seed = seed;
    c.replication = replication;
    c.valid = true;
  }
  return c;
}

ReplicationResult SharedPrefixRunner::run(std::size_t arm, std::uint64_t seed, std::uint64_t replication) {
  const Model& model = *models_.at(arm);
  if (!forks_[arm]) return model.run(seed, replication);
  ThreadCopy& c = copy_for(seed, replication);
  c.work = c.shared;
  for (Date d = fork_day_; d < model.settings().simulation.end; d = d + 1) model.step(d, c.work);
  return model.finish(std::move(c.work));
}

std::uint64_t arm_groups(std::uint64_t units, std::uint64_t arms, int threads) {
  const std::uint64_t n = std::max<std::uint64_t>(units, 1);
  return std::clamp<std::uint64_t>((static_cast<std::uint64_t>(std::max(threads, 1)) + n - 1) / n, 1,
                                   std::max<std::uint64_t>(arms, 1));
}

}  // namespace gunflow
