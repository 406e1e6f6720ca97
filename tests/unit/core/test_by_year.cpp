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
