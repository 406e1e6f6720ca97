// conflict_demand.hpp: demand's class mix and the recovery rate by class moved by the
// conflict share of homicides, and the tables that give them per year.
#include <catch2/catch.hpp>

#include <numeric>
#include <string>

#include "gunflow/input/reference_tables.hpp"
#include "gunflow/model/conflict_demand.hpp"
#include "gunflow/model/simulation.hpp"
#include "model_fixture.hpp"

using namespace gunflow;

namespace {
constexpr std::size_t kHandgun = 0, kAr = 1, kAk = 2, kOtherLong = 4;
const ClassMix kMix{0.58, 0.17, 0.13, 0.005, 0.085, 0.03};
const ClassMix kRatio{1, 4, 4, 4, 1, 1};
double sum(const ClassMix& m) { return std::accumulate(m.begin(), m.end(), 0.0); }
}  // namespace

TEST_CASE("conflict_class_mix gives the reference mix at the reference share", "[model][conflict_demand]") {
  const ClassMix at_ref = conflict_class_mix(kMix, kRatio, 0.593, 0.593);
  for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(at_ref[c] == Approx(kMix[c]).epsilon(1e-12));
  // Ratios of 1 everywhere: conflict and other crime order alike, the mix never moves.
  const ClassMix flat = conflict_class_mix(kMix, ClassMix{1, 1, 1, 1, 1, 1}, 0.593, 0.1);
  for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(flat[c] == Approx(kMix[c]).epsilon(1e-12));
}

TEST_CASE("conflict_class_mix orders more rifles as the conflict grows, normalised", "[model][conflict_demand]") {
  const ClassMix none = conflict_class_mix(kMix, kRatio, 0.593, 0.0);
  const ClassMix war = conflict_class_mix(kMix, kRatio, 0.593, 0.8);
  CHECK(sum(none) == Approx(1.0));
  CHECK(sum(war) == Approx(1.0));
  CHECK(none[kAr] < kMix[kAr]);
  CHECK(war[kAr] > kMix[kAr]);
  CHECK(war[kAk] > kMix[kAk]);
  CHECK(war[kHandgun] < kMix[kHandgun]);
  // Classes of ratio 1 keep their proportion to each other.
  CHECK(war[kOtherLong] / war[kHandgun] == Approx(kMix[kOtherLong] / kMix[kHandgun]));
  // By hand: with no conflict an AR-type rifle weighs 0.17 / (1 − 0.593 + 0.593 × 4).
  const double ar = 0.17 / (1 - 0.593 + 0.593 * 4), ak = 0.13 / (1 - 0.593 + 0.593 * 4),
               bmg = 0.005 / (1 - 0.593 + 0.593 * 4);
  CHECK(none[kAr] == Approx(ar / (0.58 + ar + ak + bmg + 0.085 + 0.03)).epsilon(1e-12));
  // Shares outside [0, 1] are clamped.
  CHECK(conflict_class_mix(kMix, kRatio, 0.593, 1.7) == conflict_class_mix(kMix, kRatio, 0.593, 1.0));
  CHECK(conflict_class_mix(kMix, kRatio, 0.593, -1) == none);
}

TEST_CASE("conflict_class_mix keeps a class neither kind of homicide orders at the reference",
          "[model][conflict_demand]") {
  // A reference share of 1 and a zero ratio: no weight per homicide at the reference, so
  // the class keeps its share rather than dividing by zero.
  const ClassMix m = conflict_class_mix(kMix, ClassMix{1, 0, 4, 4, 1, 1}, 1.0, 0.5);
  CHECK(std::isfinite(m[kAr]));
  CHECK(sum(m) == Approx(1.0));
}

TEST_CASE("conflict_recovery_factor is 1 at the reference share and moves the conflict's classes",
          "[model][conflict_demand]") {
  // Expected: at the reference share every class is recovered at the calibrated rate; with
  // more conflict the classes the conflict's forces take more of (ratio > 1) more often,
  // with less conflict less often, and classes at ratio 1 never move. Why: a year's
  // recoveries are the two kinds of policing in that year's proportions, scaled so that
  // the reference year's rate is the calibrated one.
  const ClassMix at_ref = conflict_recovery_factor(kRatio, 0.593, 0.593);
  for (const double f : at_ref) CHECK(f == Approx(1.0).epsilon(1e-15));
  const ClassMix war = conflict_recovery_factor(kRatio, 0.593, 0.8);
  const ClassMix calm = conflict_recovery_factor(kRatio, 0.593, 0.2);
  CHECK(war[kAr] == Approx((0.2 + 0.8 * 4) / (0.407 + 0.593 * 4)));
  CHECK(war[kAr] > 1.0);
  CHECK(calm[kAk] < 1.0);
  for (const std::size_t c : {kHandgun, kOtherLong}) {
    CHECK(war[c] == 1.0);
    CHECK(calm[c] == 1.0);
  }
  CHECK(conflict_recovery_factor(kRatio, 0.593, 1.4) == conflict_recovery_factor(kRatio, 0.593, 1.0));
  // No recoveries of a class at the reference (ratio 0, reference share 1): it keeps 1.
  CHECK(conflict_recovery_factor(ClassMix{1, 0, 4, 4, 1, 1}, 1.0, 0.5)[kAr] == 1.0);
}

TEST_CASE("make_tables gives each year its conflict's mix, 2010's the scenario's", "[model][conflict_demand]") {
  Settings s = test::short_settings(1);
  const std::string history = std::string(GUNFLOW_SOURCE_DIR) + "/scenarios/data/history/";
  s.data.mx_homicides_by_year = history + "mx_homicides_by_year.csv";
  s.data.mx_conflict_homicides_by_year = history + "mx_conflict_homicides_by_year.csv";
  s.data.tables = std::make_shared<const ReferenceTables>(read_reference_tables(s.data.paths()));
  const Model model(s);
  const ModelTables& t = model.world().tables;
  ClassMix given{};
  for (std::size_t c = 0; c < kNumClasses; ++c) given[c] = s.demand.class_mix.at(std::string(kClassNames[c]));
  for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(t.class_mix_in(2010)[c] == Approx(given[c] / sum(given)));
  // 2007: 2,826 of 8,867 homicides; 2011: 16,990 of 27,213 (the federal series, INEGI).
  const double share_2010 = 15273.0 / 25757.0;
  const ClassMix ratio{1, 4, 4, 4, 1, 1};
  const ClassMix y2007 = conflict_class_mix(t.class_mix_in(2010), ratio, share_2010, 2826.0 / 8867.0);
  for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(t.class_mix_in(2007)[c] == Approx(y2007[c]).epsilon(1e-12));
  CHECK(t.class_mix_in(2007)[kAr] < t.class_mix_in(2011)[kAr]);
  // 2012 is interpolated between 2011 and 2013; before 2007 the first count is held
  // (1990: 2,826 of 14,493), and 1980 reads 1990's (both tables held before their first year).
  const ClassMix y1990 = conflict_class_mix(t.class_mix_in(2010), ratio, share_2010, 2826.0 / 14493.0);
  CHECK(t.class_mix_in(1990)[kAr] == Approx(y1990[kAr]).epsilon(1e-12));
  CHECK(t.class_mix_in(1980) == t.class_mix_in(1990));
  const ClassMix y2012 = conflict_class_mix(t.class_mix_in(2010), ratio, share_2010, (16990.0 + 10192.0) / 2 / 25967.0);
  CHECK(t.class_mix_in(2012)[kAr] == Approx(y2012[kAr]).epsilon(1e-12));
  // The recovery factors follow the same shares (mexico.conflict_recovery_ratio, 4 for
  // AR-, AK-type and .50 rifles by default).
  for (const double f : t.recovery_factor.at(2010)) CHECK(f == Approx(1.0).epsilon(1e-12));
  const ClassMix f2007 = conflict_recovery_factor(ratio, share_2010, 2826.0 / 8867.0);
  for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(t.recovery_factor.at(2007)[c] == Approx(f2007[c]).epsilon(1e-12));
  CHECK(t.recovery_factor.at(2007)[kAr] < 1.0);
  CHECK(t.recovery_factor.at(2011)[kAr] > 1.0);
}

TEST_CASE("Without a table of conflict homicides every class is recovered at the calibrated rate",
          "[model][conflict_demand]") {
  Settings s = test::short_settings(1);
  s.mexico.conflict_recovery_ratio["ar_rifle"] = 50;
  const Model model(s);
  const ByYear<ClassMix>& f = model.world().tables.recovery_factor;
  REQUIRE(f.values.size() == 1);
  for (const double x : f.values[0]) CHECK(x == 1.0);
}

TEST_CASE("Without a national homicide table the conflict share is read against 2010's count",
          "[model][conflict_demand]") {
  Settings s = test::short_settings(1);
  auto tables = std::make_shared<ReferenceTables>(*s.data.tables);
  double national_2010 = 0;
  for (const Region& r : tables->regions) national_2010 += r.onward ? 0.0 : r.homicides[0];
  // 2008: a fifth of 2010's homicides from the conflict; 2010: half; 2012: more than all
  // of them (clamped to 1).
  tables->conflict_homicides_by_year = {
      {2008, 0.2 * national_2010}, {2010, 0.5 * national_2010}, {2012, 2.0 * national_2010}};
  s.data.tables = tables;
  const Model model(s);
  const ModelTables& t = model.world().tables;
  ClassMix given{};
  for (std::size_t c = 0; c < kNumClasses; ++c) given[c] = s.demand.class_mix.at(std::string(kClassNames[c]));
  const double total = sum(given);
  for (double& x : given) x /= total;
  const ClassMix ratio{1, 4, 4, 4, 1, 1};
  for (const auto& [year, share] : {std::pair{2008, 0.2}, std::pair{2010, 0.5}, std::pair{2012, 1.0}}) {
    const ClassMix expected = conflict_class_mix(given, ratio, 0.5, share);
    INFO(year);
    for (std::size_t c = 0; c < kNumClasses; ++c) CHECK(t.class_mix_in(year)[c] == Approx(expected[c]).epsilon(1e-12));
  }
}
