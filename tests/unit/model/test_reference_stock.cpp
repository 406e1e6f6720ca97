// reference_stock.hpp: the criminal groups' stock on the calendar, its stationary ages and
// the initial stock's expected class weight.
#include <catch2/catch.hpp>

#include <cmath>

#include "gunflow/model/reference_stock.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

TEST_CASE("reference_stock is initial_stock on 1 January of stock_year and grows at target_growth",
          "[model][reference_stock]") {
  Settings s = test::short_settings(1);
  s.mexico.initial_stock = 2e6;
  s.mexico.stock_year = 2008;
  s.demand.target_growth = 0.04;
  CHECK(reference_stock_date(s) == Date::from_ymd(2008, 1, 1));
  CHECK(reference_stock(s, Date::from_ymd(2008, 1, 1)) == 2e6);
  // 1461 days are four years of 365.25 days exactly.
  CHECK(reference_stock(s, Date::from_ymd(2012, 1, 1)) == Approx(2e6 * std::pow(1.04, 4)).epsilon(1e-12));
  CHECK(reference_stock(s, Date::from_ymd(2004, 1, 1)) == Approx(2e6 / std::pow(1.04, 4)).epsilon(1e-12));
  // The run's own dates play no part.
  Settings moved = s;
  moved.simulation.start = Date::from_ymd(1996, 1, 1);
  moved.simulation.warmup_days = 1000;
  CHECK(reference_stock(moved, Date::from_ymd(2011, 3, 5)) == reference_stock(s, Date::from_ymd(2011, 3, 5)));
}

TEST_CASE("initial_class_weight averages the class weights over the initial mix, foreign kits as handguns",
          "[model][reference_stock]") {
  const std::array<double, kNumClasses> mix{0.5, 0, 0, 0, 0, 0.5};  // handguns and kits
  const std::array<double, kNumClasses> weight{1, 2, 2, 3, 1, 4};
  CHECK(initial_class_weight(mix, 1.0, weight) == Approx(2.5));
  CHECK(initial_class_weight(mix, 0.0, weight) == Approx(1.0));  // every kit is a foreign handgun
  CHECK(initial_class_weight(mix, 0.5, weight) == Approx(1.75));
  CHECK(initial_class_weight(mix, 0.7, std::array<double, kNumClasses>{1, 1, 1, 1, 1, 1}) == 1.0);
}

namespace {
/// The baseline with no demand feedback: the flows' path then has the closed-form
/// stationary stock I/λ, I = ρ · guns_per_year · (1 − onward) + foreign + diverted exports.
Settings without_feedback() {
  Settings s = test::short_settings(1);
  s.demand.arsenal_feedback = 0;
  s.dated.clear();
  return s;
}
}  // namespace

TEST_CASE("StockPath reaches the stationary stock inflow/loss, with ages of mean 1/loss", "[model][reference_stock]") {
  const Settings s = without_feedback();
  const double inflow =
      s.demand.delivered_share * s.demand.guns_per_year * s.demand.relative_level * (1.0 - s.demand.onward_share) +
      s.mexico.foreign_inflow_per_year + s.channels.legal_exports_per_year * s.channels.export_diversion;
  const double loss = s.mexico.attrition_rate + s.mexico.recovery_rate * (1.0 - s.mexico.corruption);
  const Date first = Date::from_ymd(2007, 1, 1);
  const StockPath path(s, first, Date::from_ymd(2013, 1, 1));
  // 60 years of spin-up leave e^(−60 λ) ≈ 0.3% of the start: 1% covers it.
  CHECK(path.stock(first) == Approx(inflow / loss).epsilon(0.01));
  CHECK(path.stock(Date::from_ymd(2012, 6, 1)) == Approx(inflow / loss).epsilon(0.01));
  // Ages of a stationary stock are exponential with mean 1/λ (truncated at 60 years,
  // which removes (1 + 60λ) e^(−60λ) ≈ 2% of the mean; monthly cohorts are exact on average).
  CHECK(path.mean_days_in_mexico() == Approx(365.25 / loss).epsilon(0.03));
  // The draw inverts the cohorts' law: its mean over a fine grid of uniforms is the mean.
  double sum = 0;
  constexpr int kGrid = 20000;
  for (int i = 0; i < kGrid; ++i) sum += path.days_in_mexico((i + 0.5) / kGrid, 0.5);
  CHECK(sum / kGrid == Approx(path.mean_days_in_mexico()).epsilon(0.002));
}

TEST_CASE("StockPath does not depend on the first day it is asked for", "[model][reference_stock]") {
  // The baseline (with feedback on the calendar target): paths spun up for runs starting
  // in 2003 and in 2007 agree on every later day; each forgets its own starting point
  // within the 60 years of spin-up (e^(−60 × 0.1) < 0.3%, faster with the feedback).
  const Settings s = test::short_settings(1);
  const StockPath early(s, Date::from_ymd(2003, 1, 1), Date::from_ymd(2013, 1, 1));
  const StockPath late(s, Date::from_ymd(2007, 1, 1), Date::from_ymd(2013, 1, 1));
  for (const Date d : {Date::from_ymd(2007, 1, 1), Date::from_ymd(2010, 7, 2), Date::from_ymd(2012, 12, 31)})
    CHECK(early.stock(d) == Approx(late.stock(d)).epsilon(1e-3));
  // A path that follows its target would not need to be spun up: this one does not.
  CHECK(late.stock(Date::from_ymd(2010, 7, 2)) > 1.2 * reference_stock(s, Date::from_ymd(2010, 7, 2)));
}

TEST_CASE("StockPath's class weight follows the weights of the years its guns arrived in", "[model][reference_stock]") {
  const Settings s = without_feedback();
  const Date first = Date::from_ymd(2007, 1, 1), last = Date::from_ymd(2030, 1, 1);
  const StockPath plain(s, first, last);
  // One weight: every gun weighs it, exactly, on every day.
  const StockPath one(s, first, last, ByYear<double>{2010, {1.25}});
  for (const Date d : {Date::from_ymd(1990, 1, 1), Date::from_ymd(2010, 7, 2), Date::from_ymd(2040, 1, 1)}) {
    CHECK(plain.class_weight(d) == 1.0);
    CHECK(one.class_weight(d) == 1.25);
  }
  // Guns arriving from 2010 on weigh 2, earlier ones 1 (held before 2009): the stock's
  // mean weight is 1 until 2010 and then moves to 2 as the old guns are lost, at the loss
  // rate λ: 2 − e^(−λ t) after t years. The count itself does not change.
  const StockPath shift(s, first, last, ByYear<double>{2009, {1.0, 2.0}});
  const double loss = s.mexico.attrition_rate + s.mexico.recovery_rate * (1.0 - s.mexico.corruption);
  CHECK(shift.class_weight(Date::from_ymd(2009, 6, 1)) == Approx(1.0).epsilon(1e-12));
  CHECK(shift.class_weight(Date::from_ymd(2010, 1, 1)) == Approx(1.0).epsilon(1e-12));
  for (const int years : {2, 5, 10}) {
    const Date d = Date::from_ymd(2010 + years, 1, 1);
    CHECK(shift.stock(d) == plain.stock(d));
    // Monthly steps of a constant inflow are exact; the months' lengths make the
    // exponent's years differ from whole years by a few days at most.
    CHECK(shift.class_weight(d) == Approx(2.0 - std::exp(-loss * years)).epsilon(2e-3));
  }
}
