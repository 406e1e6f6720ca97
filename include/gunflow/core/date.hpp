#pragma once
// Calendar dates as a day count, so daily steps, policy start dates and
// business-day reporting windows share one arithmetic.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gunflow {

/// A proleptic Gregorian date stored as days since 1970-01-01.
class Date {
 public:
  constexpr Date() = default;
  static Date from_ymd(int year, int month, int day);
  static constexpr Date from_days(std::int32_t days) { return Date(days); }
  /// Parses "YYYY-MM-DD"; nullopt if malformed or not a real calendar date.
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] constexpr std::int32_t days() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  /// 0 = Monday … 6 = Sunday.
  [[nodiscard]] int weekday() const;
  [[nodiscard]] bool is_business_day() const { return weekday() < 5; }
  [[nodiscard]] std::string to_string() const;

  constexpr Date operator+(std::int32_t n) const { return Date(days_ + n); }
  constexpr std::int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

/// Number of business days (Mon–Fri; federal holidays are not modelled) in [from, to).
int business_days_between(Date from, Date to);
/// The earliest day d <= to with business_days_between(d, to) < window: the days whose
/// purchases fall inside a window of `window` business days that ends on `to` (none, so
/// to + 1, when window <= 0). Constant time: a decision computes it once and compares
/// days.
Date first_day_of_business_window(Date to, int window);

}  // namespace gunflow
