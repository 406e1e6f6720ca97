#include "gunflow/tally/layout.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

using gunflow::MetricLayout;
using gunflow::SeriesKey;

TEST_CASE("MetricLayout assigns rows in the order series are added", "[tally][layout]") {
  MetricLayout layout;
  CHECK(layout.size() == 0);
  CHECK(layout.add("guns_trafficked") == 0);
  CHECK(layout.add("guns_trafficked_by_state", "TX") == 1);
  CHECK(layout.add("guns_trafficked_by_state", "AZ") == 2);
  REQUIRE(layout.size() == 3);

  CHECK(layout.index("guns_trafficked") == 0);
  CHECK(layout.index("guns_trafficked", "") == 0);
  CHECK(layout.index("guns_trafficked_by_state", "TX") == 1);
  CHECK(layout.index("guns_trafficked_by_state", "AZ") == 2);

  // series() keeps insertion order, not the map's sorted order ("AZ" < "TX").
  CHECK(layout.series()[1] == SeriesKey{"guns_trafficked_by_state", "TX"});
  CHECK(layout.series()[2] == SeriesKey{"guns_trafficked_by_state", "AZ"});
}

TEST_CASE("MetricLayout rejects duplicates and unknown series", "[tally][layout]") {
  MetricLayout layout;
  layout.add("recoveries", "MX");
  CHECK_THROWS_AS(layout.add("recoveries", "MX"), std::logic_error);
  // A failed add must not leave a half-registered row behind.
  CHECK(layout.size() == 1);
  // Same metric with a different key, or a total, is a different series.
  CHECK_NOTHROW(layout.add("recoveries", "US"));
  CHECK_NOTHROW(layout.add("recoveries"));

  CHECK_THROWS_AS(layout.index("recoveries", "CA"), std::out_of_range);
  CHECK_THROWS_AS(layout.index("no_such_metric"), std::out_of_range);
}

TEST_CASE("MetricLayout constructor registers the given series and years", "[tally][layout]") {
  const MetricLayout layout({{"a", ""}, {"b", "x"}, {"b", "y"}}, 2010, 15);
  CHECK(layout.size() == 3);
  CHECK(layout.index("b", "y") == 2);
  CHECK(layout.first_year() == 2010);
  CHECK(layout.n_years() == 15);

  CHECK_THROWS_AS(MetricLayout({{"a", ""}, {"a", ""}}, 2010, 1), std::logic_error);
  CHECK_THROWS_AS(MetricLayout({{"a", ""}}, 2010, -1), std::invalid_argument);
}

TEST_CASE("MetricLayout years can be set after construction", "[tally][layout]") {
  MetricLayout layout;
  CHECK(layout.first_year() == 0);
  CHECK(layout.n_years() == 0);
  layout.set_years(2006, 12);
  CHECK(layout.first_year() == 2006);
  CHECK(layout.n_years() == 12);
  CHECK_THROWS_AS(layout.set_years(2006, -3), std::invalid_argument);
  CHECK(layout.n_years() == 12);  // unchanged by the rejected call
}

TEST_CASE("ReplicationResult holds one row per series and one column per year", "[tally][layout]") {
  MetricLayout layout({{"a", ""}, {"b", "x"}}, 2010, 4);
  gunflow::ReplicationResult result;
  result.replication = 7;
  result.values = Eigen::ArrayXXd::Zero(static_cast<Eigen::Index>(layout.size()), layout.n_years());
  result.values(static_cast<Eigen::Index>(layout.index("b", "x")), 2012 - layout.first_year()) = 3.5;
  CHECK(result.values.rows() == 2);
  CHECK(result.values.cols() == 4);
  CHECK(result.values(1, 2) == 3.5);
  CHECK(result.values.sum() == 3.5);
}
