// due_calendar.hpp: a day's due network slots are exactly those a scan of every slot's
// due day would find (due day today or earlier), in slot order, however the days are set.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "gunflow/model/due_calendar.hpp"

using namespace gunflow;

namespace {
/// What the calendar replaces: every slot whose due day is today or earlier, in order.
std::vector<std::uint32_t> scan(const DueCalendar& c, std::int32_t today) {
  std::vector<std::uint32_t> out;
  for (std::size_t t = 0; t < c.size(); ++t)
    if (c.day(t) <= today) out.push_back(static_cast<std::uint32_t>(t));
  return out;
}
}  // namespace

TEST_CASE("Every slot is due on the first day until it is given a day", "[model][due_calendar]") {
  DueCalendar c;
  c.reset(130, 1000, 1100);  // three words of the bitset, the last partly used
  c.set(5, 1003);
  c.set(129, 1001);
  const auto first = c.take(1000);
  CHECK(first.size() == 128);
  CHECK(std::vector<std::uint32_t>(first.begin(), first.end()) == scan(c, 1000));
  // The slots not given a day stay due, as a scan of their due days would find them.
  for (std::size_t t = 0; t < c.size(); ++t)
    if (t != 5 && t != 129) c.set(t, 2000);  // after the run: never due within it
  const auto second = c.take(1001);
  CHECK(std::vector<std::uint32_t>(second.begin(), second.end()) == std::vector<std::uint32_t>{129});
  CHECK(c.take(1002).empty());
  CHECK(c.take(1003).size() == 1);
}

TEST_CASE("A day's list matches the scan under random settings, days set while acting and skipped days",
          "[model][due_calendar]") {
  std::mt19937_64 gen(20101);
  for (const std::size_t slots : {1, 63, 64, 65, 500}) {
    INFO("slots " << slots);
    DueCalendar c;
    const std::int32_t first = 500, end = 900;
    c.reset(slots, first, end);
    std::uniform_int_distribution<std::int32_t> wait(0, 40);
    for (std::size_t t = 0; t < slots; ++t) c.set(t, first + wait(gen));
    for (std::int32_t today = first; today < end; today += 1 + (gen() % 4 == 0 ? 2 : 0)) {  // some days skipped
      const std::vector<std::uint32_t> expected = scan(c, today);
      const auto due = c.take(today);
      REQUIRE(std::vector<std::uint32_t>(due.begin(), due.end()) == expected);
      for (const std::uint32_t t : due) {
        // Acting: a new day, usually later, sometimes today (due again tomorrow), and
        // now and then a second setting that moves an earlier one (a stale filing).
        c.set(t, today + (gen() % 10 == 0 ? 0 : 1 + wait(gen)));
        if (gen() % 7 == 0) c.set(t, today + 1 + wait(gen));
      }
      // Another slot's day changed from outside (a network stopped by a case).
      const std::size_t other = gen() % slots;
      c.set(other, today + wait(gen));
    }
  }
}
