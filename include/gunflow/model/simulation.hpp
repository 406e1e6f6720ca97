#pragma once
// One replication = a pure function of (Settings, World, seed, replication index).
#include <cstdint>

#include "gunflow/model/metrics.hpp"
#include "gunflow/model/world.hpp"
#include "gunflow/scenario/settings.hpp"
#include "gunflow/tally/layout.hpp"

namespace gunflow {

struct StepContext;
struct ReplicationState;

/// A replication's state on its first day: arsenals, dealers, networks, routes.
/// (Model::run starts from it; tests that drive the day loop themselves do too.)
void init_replication(const StepContext& ctx, ReplicationState& st);

class Model {
 public:
  /// Builds the world from the reference tables (throws InputError on bad data).
  explicit Model(const Settings& settings);
  [[nodiscard]] const MetricLayout& layout() const { return layout_; }
  [[nodiscard]] const World& world() const { return world_; }
  /// Runs one replication. Thread-safe: reads only const members.
  [[nodiscard]] ReplicationResult run(std::uint64_t seed, std::uint64_t replication) const;

 private:
  Settings settings_;
  World world_;
  MetricRows rows_;
  MetricLayout layout_;
};

}  // namespace gunflow
