#pragma once
// One replication = a pure function of (Settings, World, seed, replication index),
// advanced one day at a time by Model::step — the same call the simulation loop and
// the model tests make.
#include <cstdint>
#include <vector>

#include "gunflow/core/date.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/replication_state.hpp"
#include "gunflow/model/world.hpp"
#include "gunflow/scenario/settings.hpp"
#include "gunflow/tally/layout.hpp"

namespace gunflow {

struct StepContext;

/// A replication's state on its first day: arsenals, dealers, networks, routes.
void init_replication(const StepContext& ctx, ReplicationState& st);

/// One replication in progress: its keys, its first day, its state, and its outputs so far.
struct Replication {
  std::uint64_t seed = 0;
  std::uint64_t index = 0;
  Date first_day;  ///< the warm-up's first day (simulation.start without one)
  ReplicationState state;
  ReplicationResult result;  ///< values(row, year) accumulated by the days stepped
};

class Model {
 public:
  /// Builds the world from the reference tables (throws InputError on bad data).
  explicit Model(const Settings& settings);
  [[nodiscard]] const MetricLayout& layout() const { return layout_; }
  [[nodiscard]] const MetricRows& rows() const { return rows_; }
  [[nodiscard]] const World& world() const { return world_; }
  [[nodiscard]] const Settings& settings() const { return settings_; }

  /// Replication `replication` on its first day, initialised.
  [[nodiscard]] Replication start(std::uint64_t seed, std::uint64_t replication) const;
  /// Advances `rep` through day `d`: the yearly and periodic resets that fall on it,
  /// the networks' trips and loads, Mexico (inflows, recoveries, traces, homicides) and
  /// enforcement, then the year-end stock. Days are stepped in order from rep.first_day.
  void step(Date d, Replication& rep) const;
  /// The derived metrics (shares, means, prices) from the tallies, once every day is stepped.
  [[nodiscard]] ReplicationResult finish(Replication&& rep) const;
  /// Runs one replication: start, every day to simulation.end, finish. Thread-safe:
  /// reads only const members.
  [[nodiscard]] ReplicationResult run(std::uint64_t seed, std::uint64_t replication) const;
  /// The settings in force during `year`: settings() unless some key is given year by year.
  [[nodiscard]] const Settings& settings_in(int year) const;

 private:
  Settings settings_;
  /// For a scenario with year-by-year keys: the settings of each year from the warm-up's
  /// first to simulation.end's, and whether they differ from the year before. Empty otherwise.
  std::vector<Settings> by_year_;
  std::vector<bool> changes_;
  int first_year_ = 0;
  World world_;
  MetricRows rows_;
  MetricLayout layout_;
};

}  // namespace gunflow
