// step_context.hpp: what a submodel receives for one day: the read-only StepContext
// (its random streams keyed by the day) and the TallySink its counts go to.
#include <catch2/catch.hpp>

#include "gunflow/model/step_context.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("TallySink drops additions while no year column is set and adds into the right cell",
          "[model][step_context]") {
  Eigen::ArrayXXd values = Eigen::ArrayXXd::Zero(4, 3);
  TallySink tally(values);
  CHECK_FALSE(tally.recording());
  tally.add(1, 5.0);  // warm-up: dropped
  CHECK((values == 0.0).all());
  tally.set_year_column(2);
  CHECK(tally.recording());
  tally.add(1, 5.0);
  tally.add(1, 2.5);
  tally.add(3, 1.0);
  tally.set_year_column(0);
  tally.add(1, 7.0);
  CHECK(values(1, 2) == 7.5);
  CHECK(values(3, 2) == 1.0);
  CHECK(values(1, 0) == 7.0);
  CHECK(values.sum() == 15.5);  // nothing anywhere else
  tally.set_year_column(-1);
  tally.add(0, 100.0);
  CHECK(values.sum() == 15.5);
}

TEST_CASE("StepContext: streams keyed by seed replication entity and day", "[model][step_context]") {
  const Settings s = test::short_settings(1);
  const Model model(s);
  const Date day = Date::from_ymd(2010, 3, 1);
  const StepContext ctx{model.world(), s, model.rows(), 7, 2, day};
  CHECK(ctx.day() == day.days());
  CHECK(ctx.year == 2010);  // the date's year, worked out when the context is built
  const StepContext new_year{model.world(), s, model.rows(), 7, 2, Date::from_ymd(2011, 1, 1)};
  CHECK(new_year.year == 2011);
  CHECK(StepContext{model.world(), s, model.rows(), 7, 2, Date::from_ymd(2011, 1, 1) + (-1)}.year == 2010);
  CHECK(ctx.step() == static_cast<std::uint64_t>(day.days() + 1'000'000));
  // A date before 1970 still gives a positive step, below that of later days.
  const StepContext old{model.world(), s, model.rows(), 7, 2, Date::from_ymd(1960, 1, 1)};
  CHECK(old.step() < ctx.step());
  CHECK(old.step() > 0u);
  Rng a = ctx.rng(StreamId::kRoute, 11, 3);
  Rng b(7, StreamId::kRoute, 2, 11, ctx.step(), 3);
  CHECK(a.next_u64() == b.next_u64());
  const StepContext next{model.world(), s, model.rows(), 7, 2, day + 1};
  CHECK(next.rng(StreamId::kRoute, 11, 3).next_u64() != ctx.rng(StreamId::kRoute, 11, 3).next_u64());
  CHECK(ctx.rng(StreamId::kRoute, 11, 4).next_u64() != ctx.rng(StreamId::kRoute, 11, 3).next_u64());
}
