// date.hpp: calendar parsing, weekdays and business-day counting.
// Expected weekdays are from any calendar (e.g. `cal 8 2011`): 1970-01-01 Thursday,
// 2011-08-14 Sunday, 2012-02-29 Wednesday, 2000-01-01 Saturday.
#include <catch2/catch.hpp>

#include <string>

#include "gunflow/core/date.hpp"

using gunflow::business_days_between;
using gunflow::Date;

namespace {
Date d(const char* text) {
  const auto parsed = Date::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}
}  // namespace

TEST_CASE("Date::parse accepts real calendar dates", "[core][date]") {
  const Date x = d("2011-08-14");
  CHECK(x.year() == 2011);
  CHECK(x.month() == 8);
  CHECK(x.day() == 14);
  CHECK(x.to_string() == "2011-08-14");
  CHECK(d("1970-01-01").days() == 0);
  CHECK(d("2010-01-01").days() == 14610);  // 40 years × 365 + 10 leap days
  CHECK(d("1969-12-31").days() == -1);
  CHECK(d("2012-02-29").to_string() == "2012-02-29");  // leap year
  CHECK(d("2000-02-29").month() == 2);                 // divisible by 400: leap
  CHECK(d("2011-12-31") == Date::from_ymd(2011, 12, 31));
}

TEST_CASE("Date::parse rejects malformed text and impossible dates", "[core][date]") {
  for (const char* bad : {"2011-02-29", "1900-02-29", "2011-04-31", "2011-13-01", "2011-00-10", "2011-01-00",
                          "2011-01-32", "2011-4-01", "2011-04-1", "20110401", " 2011-04-01", "2011-04-01 ",
                          "2011/04/01", "+011-04-01", "2011-+4-01", "abcd-ef-gh", "", "2011-04-01x"}) {
    INFO(bad);
    CHECK_FALSE(Date::parse(bad).has_value());
  }
}

TEST_CASE("Date arithmetic crosses month and year ends", "[core][date]") {
  CHECK(Date::from_ymd(2011, 12, 31) + 1 == Date::from_ymd(2012, 1, 1));
  CHECK(Date::from_ymd(2012, 2, 28) + 1 == Date::from_ymd(2012, 2, 29));
  CHECK(Date::from_ymd(2011, 2, 28) + 1 == Date::from_ymd(2011, 3, 1));
  CHECK(Date::from_ymd(2013, 1, 1) - Date::from_ymd(2010, 1, 1) == 365 + 365 + 366);
  CHECK(Date::from_ymd(2010, 1, 1) + (-1) == Date::from_ymd(2009, 12, 31));
  CHECK(Date::from_ymd(2010, 1, 1) < Date::from_ymd(2010, 1, 2));
  // Every day of four years round-trips through its text form.
  for (Date x = Date::from_ymd(2009, 1, 1); x < Date::from_ymd(2013, 1, 1); x = x + 1) {
    const auto back = Date::parse(x.to_string());
    REQUIRE(back.has_value());
    REQUIRE(*back == x);
  }
}

TEST_CASE("Date::weekday of known dates (0 = Monday … 6 = Sunday)", "[core][date]") {
  CHECK(d("1970-01-01").weekday() == 3);  // Thursday
  CHECK(d("1969-12-31").weekday() == 2);  // Wednesday: negative day counts
  CHECK(d("2011-08-14").weekday() == 6);  // Sunday
  CHECK(d("2011-08-15").weekday() == 0);  // Monday
  CHECK(d("2012-02-29").weekday() == 2);  // Wednesday
  CHECK(d("2000-01-01").weekday() == 5);  // Saturday
  CHECK(d("2011-08-13").is_business_day() == false);
  CHECK(d("2011-08-14").is_business_day() == false);
  CHECK(d("2011-08-12").is_business_day() == true);  // Friday
}

TEST_CASE("business_days_between counts Mon–Fri in [from, to)", "[core][date]") {
  const Date mon = d("2011-08-15");
  CHECK(business_days_between(mon, mon + 7) == 5);          // a full week
  CHECK(business_days_between(mon, mon + 5) == 5);          // Mon..Fri
  CHECK(business_days_between(mon, mon + 4) == 4);          // Mon..Thu: `to` excluded
  CHECK(business_days_between(d("2011-08-13"), mon) == 0);  // Sat, Sun
  CHECK(business_days_between(d("2011-08-12"), mon) == 1);  // Fri, Sat, Sun
  CHECK(business_days_between(mon, mon) == 0);
  CHECK(business_days_between(mon + 7, mon) == 0);  // reversed range is empty
  CHECK(business_days_between(mon, mon + 28) == 20);
}

TEST_CASE("business_days_between agrees with counting day by day, across 1970 and any weekday", "[core][date]") {
  // The constant-time formula against the definition, over dates before and after the
  // epoch (negative day numbers) and every start weekday and span up to three weeks.
  for (int start = -40; start < 40; ++start) {
    const gunflow::Date from = gunflow::Date::from_days(start);
    for (int span = -3; span < 22; ++span) {
      const gunflow::Date to = from + span;
      int expected = 0;
      for (gunflow::Date x = from; x < to; x = x + 1) expected += x.is_business_day();
      REQUIRE(business_days_between(from, to) == expected);
    }
  }
}

TEST_CASE("first_day_of_business_window is the first day a window of business days reaches", "[core][date]") {
  // Against its definition, counting back day by day, on both sides of 1970 and every
  // weekday, for windows of 0 to 15 business days.
  for (int day = -30; day < 30; ++day) {
    const gunflow::Date to = gunflow::Date::from_days(day);
    for (int window = 0; window <= 15; ++window) {
      gunflow::Date expected = to + 1;
      for (gunflow::Date d = to; business_days_between(d, to) < window; d = d + (-1)) expected = d;
      INFO("day " << day << ", window " << window);
      CHECK(gunflow::first_day_of_business_window(to, window) == expected);
    }
  }
  // The federal handgun rule: five business days ending on a Wednesday reach back to the
  // Thursday before.
  CHECK(gunflow::first_day_of_business_window(d("2011-08-17"), 5) == d("2011-08-11"));
}
