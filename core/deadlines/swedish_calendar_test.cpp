#include "core/deadlines/swedish_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace gdprd::deadlines {
namespace {

struct EasterCase {
  int year, month, day;
};

class EasterComputus : public ::testing::TestWithParam<EasterCase> {};

TEST_P(EasterComputus, MatchesPublishedEasterDate) {
  const auto& c = GetParam();
  EXPECT_EQ(easter_sunday(c.year), (CivilDate{c.year, c.month, c.day}));
}

// Published Gregorian Easter dates, including the earliest (22 March) and
// latest (25 April) possible ones.
INSTANTIATE_TEST_SUITE_P(Years, EasterComputus,
                         ::testing::Values(EasterCase{1818, 3, 22}, EasterCase{1943, 4, 25}, EasterCase{2000, 4, 23},
                                           EasterCase{2008, 3, 23}, EasterCase{2019, 4, 21}, EasterCase{2024, 3, 31},
                                           EasterCase{2025, 4, 20}, EasterCase{2026, 4, 5}, EasterCase{2027, 3, 28},
                                           EasterCase{2028, 4, 16}, EasterCase{2029, 4, 1}, EasterCase{2030, 4, 21},
                                           EasterCase{2038, 4, 25}, EasterCase{2285, 3, 22}));

struct HolidayCase {
  CivilDate date;
  const char* name;
};

class HolidayOn : public ::testing::TestWithParam<HolidayCase> {};

TEST_P(HolidayOn, IsNamedAndClosed) {
  const auto& c = GetParam();
  SwedishCalendar cal;
  auto h = cal.holiday_on(c.date);
  ASSERT_TRUE(h) << c.name;
  EXPECT_EQ(h->name, c.name);
  EXPECT_TRUE(cal.is_closed_day(c.date));
}

INSTANTIATE_TEST_SUITE_P(
    Holidays2026And2027, HolidayOn,
    ::testing::Values(
        HolidayCase{{2026, 1, 1}, "nyårsdagen"}, HolidayCase{{2026, 1, 6}, "trettondedag jul"},
        HolidayCase{{2026, 4, 3}, "långfredagen"}, HolidayCase{{2026, 4, 5}, "påskdagen"},
        HolidayCase{{2026, 4, 6}, "annandag påsk"}, HolidayCase{{2026, 5, 1}, "första maj"},
        HolidayCase{{2026, 5, 14}, "Kristi himmelsfärdsdag"}, HolidayCase{{2026, 5, 24}, "pingstdagen"},
        HolidayCase{{2026, 6, 6}, "Sveriges nationaldag"}, HolidayCase{{2026, 6, 19}, "midsommarafton"},
        HolidayCase{{2026, 6, 20}, "midsommardagen"}, HolidayCase{{2026, 10, 31}, "alla helgons dag"},
        HolidayCase{{2026, 12, 24}, "julafton"}, HolidayCase{{2026, 12, 25}, "juldagen"},
        HolidayCase{{2026, 12, 26}, "annandag jul"}, HolidayCase{{2026, 12, 31}, "nyårsafton"},
        HolidayCase{{2027, 1, 1}, "nyårsdagen"}, HolidayCase{{2027, 1, 6}, "trettondedag jul"},
        HolidayCase{{2027, 3, 26}, "långfredagen"}, HolidayCase{{2027, 3, 28}, "påskdagen"},
        HolidayCase{{2027, 3, 29}, "annandag påsk"}, HolidayCase{{2027, 5, 1}, "första maj"},
        HolidayCase{{2027, 5, 6}, "Kristi himmelsfärdsdag"}, HolidayCase{{2027, 5, 16}, "pingstdagen"},
        HolidayCase{{2027, 6, 6}, "Sveriges nationaldag"}, HolidayCase{{2027, 6, 25}, "midsommarafton"},
        HolidayCase{{2027, 6, 26}, "midsommardagen"}, HolidayCase{{2027, 11, 6}, "alla helgons dag"},
        HolidayCase{{2027, 12, 24}, "julafton"}, HolidayCase{{2027, 12, 25}, "juldagen"},
        HolidayCase{{2027, 12, 26}, "annandag jul"}, HolidayCase{{2027, 12, 31}, "nyårsafton"},
        // Movable midsummer and All Saints at the edges of their windows.
        HolidayCase{{2025, 6, 20}, "midsommarafton"}, HolidayCase{{2028, 6, 24}, "midsommardagen"},
        HolidayCase{{2025, 11, 1}, "alla helgons dag"}, HolidayCase{{2028, 11, 4}, "alla helgons dag"}));

struct WorkdayCase {
  CivilDate date;
  bool closed;
};

class OrdinaryDay : public ::testing::TestWithParam<WorkdayCase> {};

TEST_P(OrdinaryDay, WeekendsClosedWeekdaysOpen) {
  SwedishCalendar cal;
  EXPECT_EQ(cal.is_closed_day(GetParam().date), GetParam().closed);
  EXPECT_FALSE(cal.holiday_on(GetParam().date)) << "an ordinary day must not be named";
}

INSTANTIATE_TEST_SUITE_P(Days, OrdinaryDay,
                         ::testing::Values(WorkdayCase{{2026, 4, 2}, false},    // skärtorsdagen is a workday
                                           WorkdayCase{{2026, 4, 7}, false},    // day after annandag påsk
                                           WorkdayCase{{2026, 5, 25}, false},   // no annandag pingst since 2005
                                           WorkdayCase{{2026, 11, 28}, true},   // Saturday
                                           WorkdayCase{{2026, 11, 29}, true},   // Sunday
                                           WorkdayCase{{2026, 11, 30}, false},  // Monday
                                           WorkdayCase{{2027, 1, 5}, false},    // trettondagsafton
                                           WorkdayCase{{2026, 10, 30}, false}));  // Friday before alla helgon

TEST(SwedishCalendar, ClosedEvesAreConfigurable) {
  CalendarConfig config;
  config.julafton_closed = false;
  config.nyarsafton_closed = false;
  config.midsommarafton_closed = false;
  SwedishCalendar cal(config);
  EXPECT_FALSE(cal.is_closed_day({2026, 12, 24}));
  EXPECT_FALSE(cal.is_closed_day({2026, 12, 31}));
  EXPECT_FALSE(cal.is_closed_day({2026, 6, 19}));
  EXPECT_TRUE(cal.is_closed_day({2026, 12, 25})) << "statutory holidays are not configurable";
}

TEST(SwedishCalendar, ExtraClosedDayOnlyInItsYear) {
  CalendarConfig config;
  config.extra_closed_days = {{2026, 5, 15}};  // klämdag after Kristi himmelsfärd
  SwedishCalendar cal(config);
  EXPECT_TRUE(cal.is_closed_day({2026, 5, 15}));
  EXPECT_FALSE(cal.is_closed_day({2027, 5, 14}));
  auto h = cal.holiday_on({2026, 5, 15});
  ASSERT_TRUE(h);
  EXPECT_FALSE(h->statutory);
}

TEST(SwedishCalendar, EveryYearHasSixteenSortedDaysAndEvesAreNotStatutory) {
  for (int y = 1990; y <= 2100; ++y) {
    auto days = swedish_holidays(y);
    ASSERT_EQ(days.size(), 16u) << y;
    EXPECT_TRUE(std::is_sorted(days.begin(), days.end(),
                               [](const Holiday& a, const Holiday& b) { return a.date < b.date; }))
        << y;
    for (const auto& h : days)
      EXPECT_EQ(h.statutory, h.name != "julafton" && h.name != "nyårsafton" && h.name != "midsommarafton") << y;
  }
}

TEST(SwedishCalendar, YearsOutsideGregorianRangeGiveNoHolidays) {
  EXPECT_TRUE(swedish_holidays(1500).empty());
  EXPECT_TRUE(swedish_holidays(10000).empty());
  EXPECT_TRUE(swedish_holidays(-5).empty());
}

}  // namespace
}  // namespace gdprd::deadlines
