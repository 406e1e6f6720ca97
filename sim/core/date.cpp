#include "gunflow/core/date.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace gunflow {
namespace {
// Howard Hinnant's days_from_civil / civil_from_days (public domain,
// https://howardhinnant.github.io/date_algorithms.html).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m;
  unsigned d;
};

Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}
}  // namespace

Date Date::from_ymd(int year, int month, int day) {
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d))
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const Date date = from_ymd(y, m, d);
  // Round-trip rejects 2011-02-30 and friends.
  if (date.month() != m || date.day() != d) return std::nullopt;
  return date;
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return static_cast<int>(civil_from_days(days_).m); }
int Date::day() const { return static_cast<int>(civil_from_days(days_).d); }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int w = (days_ + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  char buf[32];  // room for any int year and unsigned fields, so no truncation is possible
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

namespace {
/// Business days in [Monday 1969-12-29, d): five per whole week plus the weekdays of
/// the partial week. Constant time, because reporting windows are checked per purchase.
int business_days_since_epoch_monday(Date d) {
  const int x = d.days() + 3;                          // days since that Monday
  const int weeks = x >= 0 ? x / 7 : -((-x + 6) / 7);  // floor division
  const int rest = x - 7 * weeks;                      // 0..6, Monday = 0
  return 5 * weeks + std::min(rest, 5);
}
}  // namespace

int business_days_between(Date from, Date to) {
  if (!(from < to)) return 0;
  return business_days_since_epoch_monday(to) - business_days_since_epoch_monday(from);
}

Date first_day_of_business_window(Date to, int window) {
  if (window <= 0) return to + 1;
  // business_days_between(d, to) < window  <=>  B(d) >= B(to) − window + 1 (B above,
  // non-decreasing), and the first day with B(d) >= t is the day after business day
  // number t − 1 (numbered from 0 at the epoch Monday: week k / 5, weekday k mod 5).
  const int k = business_days_since_epoch_monday(to) - window;
  const int weeks = k >= 0 ? k / 5 : -((-k + 4) / 5);  // floor division
  const int x = 7 * weeks + (k - 5 * weeks) + 1;       // days since that Monday
  return Date::from_days(x - 3);
}

}  // namespace gunflow
