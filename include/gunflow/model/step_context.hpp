#pragma once
// What every submodel receives for one simulated day: the static world, the
// settings, where to tally, and the keys of its random streams. Nothing here knows
// about threads: a replication is a pure function of (settings, seed, replication).
#include <cstdint>

#include <Eigen/Core>

#include "gunflow/core/date.hpp"
#include "gunflow/model/metrics.hpp"
#include "gunflow/model/world.hpp"
#include "gunflow/rng/stream.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

struct StepContext {
  const World& world;
  const Settings& settings;
  const MetricRows& rows;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  Date date;
  int year_col = -1;                 ///< output column, or -1 during warm-up
  Eigen::ArrayXXd* values = nullptr;

  /// Draws for decision `stream` of `entity` (a graph vertex id) on this day.
  [[nodiscard]] Rng rng(StreamId stream, std::uint64_t entity) const {
    // Dates before 1970 are negative; shift so the step counter stays unsigned.
    return Rng(seed, stream, replication, entity, static_cast<std::uint64_t>(date.days() + 1'000'000));
  }
  void add(std::size_t row, double x) const {
    if (year_col >= 0) (*values)(static_cast<Eigen::Index>(row), year_col) += x;
  }
  [[nodiscard]] int day() const { return date.days(); }
};

/// Retail price by firearm class (USD), 2010–2012. Sources: public-figures.md 4.13
/// (AR ≈ $800), 4.16 (Barrett .50 ≈ $10,000 — we use a typical $9,000), 4.17
/// (≈$503 average retail value per trafficked gun); AK-type imports and handguns
/// chosen to give that average with the baseline class mix.
inline constexpr double kUsRetailPrice[] = {450, 850, 550, 9000, 450, 600};

}  // namespace gunflow
