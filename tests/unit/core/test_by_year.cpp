// by_year.hpp: a year reads its own entry, and years outside the span the nearest end's.
#include <catch2/catch.hpp>

#include <vector>

#include "gunflow/core/by_year.hpp"

using namespace gunflow;

TEST_CASE("ByYear holds the first entry before its span and the last after it", "[core][by_year]") {
  const ByYear<double> sales{1999, {0.9, 1.0, 1.2}};
  CHECK(sales.at(1999) == 0.9);
  CHECK(sales.at(2001) == 1.2);
  CHECK(sales.at(1990) == 0.9);  // before: the first year's
  CHECK(sales.at(2030) == 1.2);  // after: the last year's
  CHECK(sales.index(2000) == 1);
  CHECK_FALSE(sales.empty());
  const ByYear<std::vector<double>> one{2010, {{1.0, 2.0}}};
  CHECK(one.at(1800) == one.at(2200));  // a single entry serves every year
  CHECK(ByYear<int>{}.empty());
}

TEST_CASE("value_in_year interpolates between the years written and holds outside them", "[core][by_year]") {
  const std::vector<std::pair<int, double>> points{{2000, 10.0}, {2010, 20.0}, {2012, 40.0}};
  CHECK(value_in_year(points, 1990) == 10.0);  // before: the first value
  CHECK(value_in_year(points, 2000) == 10.0);
  CHECK(value_in_year(points, 2005) == 15.0);
  CHECK(value_in_year(points, 2011) == 30.0);
  CHECK(value_in_year(points, 2030) == 40.0);        // after: the last value
  CHECK(value_in_year(points, 2005, true) == 10.0);  // a step holds the last value written
  CHECK(value_in_year({{2010, 7.0}}, 1900) == 7.0);  // one point serves every year
}
