#pragma once
// What every submodel receives for one simulated day. Two things, kept apart so a
// signature says who writes outputs:
//   StepContext — read-only inputs: the static world, the settings, the metric rows,
//                 the date and the keys of the random streams;
//   TallySink   — where the day's counts go (non-const: only functions that take one
//                 can write an output).
// Nothing here knows about threads: a replication is a pure function of (settings,
// seed, replication).
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
  /// date.year(), worked out once per context: the yearly tables are read by year on
  /// every network's act (a civil-calendar conversion each time cost 2.5% of a run's
  /// instructions). Contexts are built for a day and never re-dated.
  int year = date.year();

  /// Draws for decision `stream` of `entity` (a graph vertex id) on this day;
  /// `substream` tells apart several decisions of one kind by one entity on one day.
  [[nodiscard]] Rng rng(StreamId stream, std::uint64_t entity, std::uint32_t substream = 0) const {
    return Rng(seed, stream, replication, entity, step(), substream);
  }
  /// The day as the random streams' step counter: dates before 1970 are negative, so
  /// they are shifted to keep it unsigned.
  [[nodiscard]] std::uint64_t step() const { return static_cast<std::uint64_t>(date.days() + 1'000'000); }
  [[nodiscard]] int day() const { return date.days(); }
};

/// A replication's outputs: values(row, year column). During the warm-up no column is
/// selected and additions are dropped.
class TallySink {
 public:
  explicit TallySink(Eigen::ArrayXXd& values) : values_(&values) {}
  /// The output year column the next additions go to; -1 for none (warm-up).
  void set_year_column(int column) { year_col_ = column; }
  [[nodiscard]] bool recording() const { return year_col_ >= 0; }
  void add(std::size_t row, double x) {
    if (year_col_ >= 0) (*values_)(static_cast<Eigen::Index>(row), year_col_) += x;
  }

 private:
  Eigen::ArrayXXd* values_;
  int year_col_ = -1;
};

/// Retail price by firearm class (USD), 2010–2012. Sources: public-figures.md 4.13
/// (AR ≈ $800), 4.16 (Barrett .50 ≈ $10,000 — we use a typical $9,000), 4.17
/// (≈$503 average retail value per trafficked gun); AK-type imports and handguns
/// chosen to give that average with the baseline class mix.
inline constexpr double kUsRetailPrice[] = {450, 850, 550, 9000, 450, 600};

}  // namespace gunflow
