// survival_table.hpp: first_below(t) must answer exactly what a plain search of the
// table answers (std::partition_point), for smooth tables, tables with flat runs and
// jumps, and targets right at the table's values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "gunflow/rng/stream.hpp"
#include "gunflow/rng/survival_table.hpp"

using namespace gunflow;

namespace {
std::size_t plain_first_below(const std::vector<double>& s, double t) {
  return static_cast<std::size_t>(std::partition_point(s.begin(), s.end(), [t](double v) { return v >= t; }) -
                                  s.begin());
}

void check_against_plain(const std::vector<double>& s) {
  const SurvivalTable table(s);
  REQUIRE(table.size() == s.size());
  Rng rng(17, StreamId::kSelfTest, 0, s.size(), 0);
  std::vector<double> targets;
  for (int k = 0; k < 20000; ++k) targets.push_back(s.back() + (1.0 - s.back()) * rng.uniform());
  for (std::size_t k = 1; k < s.size(); ++k) {  // the values themselves and their neighbours
    if (s[k] > s.back() && s[k] < 1.0) targets.push_back(s[k]);
    targets.push_back(std::nextafter(s[k], 1.0));
  }
  // Targets at and around the guide's slice bounds (one slice per step, as the table cuts
  // them), where rounding can put a target in the neighbouring slice.
  const double width = (1.0 - s.back()) / static_cast<double>(std::max<std::size_t>(s.size() - 1, 1));
  for (std::size_t j = 1; j + 1 < s.size(); ++j) {
    const double bound = s.back() + static_cast<double>(j) * width;
    for (const double t : {std::nextafter(bound, 0.0), bound, std::nextafter(bound, 1.0)}) targets.push_back(t);
  }
  for (const double t : targets) {
    if (!(t > s.back() && t < 1.0)) continue;
    INFO("t = " << t);
    CHECK(table.first_below(t) == plain_first_below(s, t));
  }
}
}  // namespace

TEST_CASE("SurvivalTable finds what a plain search finds on a geometric table", "[rng][survival_table]") {
  std::vector<double> s(5000, 1.0);
  for (std::size_t k = 1; k < s.size(); ++k) s[k] = s[k - 1] * (1.0 - 2e-4);
  check_against_plain(s);
}

TEST_CASE("SurvivalTable finds what a plain search finds with flat runs and jumps", "[rng][survival_table]") {
  std::vector<double> s(800, 1.0);
  for (std::size_t k = 1; k < s.size(); ++k) {
    double step = 0.003;
    if (k >= 30 && k < 200) step = 0.0;  // a stretch with no chance of ending
    if (k == 400) step = 0.6;            // a sudden drop
    if (k >= 700) step = 0.0;            // flat to the end
    s[k] = s[k - 1] * (1.0 - step);
  }
  check_against_plain(s);
  // A table that ends at zero (certain ending).
  std::vector<double> z = {1.0, 0.5, 0.25, 0.0};
  check_against_plain(z);
  // One step.
  check_against_plain({1.0, 0.3});
  // Steps of a few units in the last place, just below 1: here the slice a target's
  // arithmetic points to is off by one, and the look-up must step into the right one.
  for (const double step : {3e-15, 7e-15, 1.1e-14}) {
    std::vector<double> near_one(8, 1.0);
    for (std::size_t k = 1; k < near_one.size(); ++k) near_one[k] = near_one[k - 1] * (1.0 - step);
    check_against_plain(near_one);
  }
}

TEST_CASE("SurvivalTable refuses tables that are not survival probabilities", "[rng][survival_table]") {
  CHECK_THROWS_AS(SurvivalTable(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(SurvivalTable(std::vector<double>{1.0, 0.5, 0.6}), std::invalid_argument);
  CHECK_THROWS_AS(SurvivalTable(std::vector<double>{1.5, 0.5}), std::invalid_argument);
  CHECK_THROWS_AS(SurvivalTable(std::vector<double>{1.0, -0.1}), std::invalid_argument);
  CHECK_NOTHROW(SurvivalTable(std::vector<double>{1.0, 1.0, 1.0}));  // nothing ever ends
}
