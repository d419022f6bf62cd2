#include "core/deadlines/office_hours.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {
namespace {

using stockholm::LocalDateTime;

struct OpeningCase {
  const char* what;
  LocalDateTime at;
  bool open;
  LocalDateTime next_opening;  // == at when open
};

class OfficeHoursTable : public ::testing::TestWithParam<OpeningCase> {};

TEST_P(OfficeHoursTable, OpenAndNextOpening) {
  const auto& c = GetParam();
  OfficeHours office;
  const TimePoint t = stockholm::to_instant(c.at);
  EXPECT_EQ(office.is_open(t), c.open) << c.what;
  auto next = office.next_opening(t);
  ASSERT_TRUE(next) << c.what;
  EXPECT_EQ(stockholm::format_rfc3339(*next), stockholm::format_rfc3339(c.next_opening)) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Stockholm, OfficeHoursTable,
    ::testing::Values(
        OpeningCase{"weekday morning", {2026, 11, 30, 9, 0, 0}, true, {2026, 11, 30, 9, 0, 0}},
        OpeningCase{"opening minute is open", {2026, 11, 30, 8, 0, 0}, true, {2026, 11, 30, 8, 0, 0}},
        OpeningCase{"closing minute is closed", {2026, 11, 30, 17, 0, 0}, false, {2026, 12, 1, 8, 0, 0}},
        OpeningCase{"last open minute", {2026, 11, 30, 16, 59, 0}, true, {2026, 11, 30, 16, 59, 0}},
        OpeningCase{"before opening", {2026, 12, 1, 6, 30, 0}, false, {2026, 12, 1, 8, 0, 0}},
        OpeningCase{"friday evening to monday", {2026, 12, 4, 18, 0, 0}, false, {2026, 12, 7, 8, 0, 0}},
        OpeningCase{"saturday noon", {2026, 12, 5, 12, 0, 0}, false, {2026, 12, 7, 8, 0, 0}},
        OpeningCase{"sunday late", {2026, 12, 6, 23, 59, 0}, false, {2026, 12, 7, 8, 0, 0}},
        OpeningCase{"easter 2026: skärtorsdag evening", {2026, 4, 2, 17, 30, 0}, false, {2026, 4, 7, 8, 0, 0}},
        OpeningCase{"easter 2026: långfredag", {2026, 4, 3, 10, 0, 0}, false, {2026, 4, 7, 8, 0, 0}},
        OpeningCase{"easter 2026: annandag påsk", {2026, 4, 6, 10, 0, 0}, false, {2026, 4, 7, 8, 0, 0}},
        OpeningCase{"easter 2027 right after spring DST", {2027, 3, 26, 9, 0, 0}, false, {2027, 3, 30, 8, 0, 0}},
        OpeningCase{"första maj 2026 friday", {2026, 5, 1, 9, 0, 0}, false, {2026, 5, 4, 8, 0, 0}},
        OpeningCase{"kristi himmelsfärd 2026", {2026, 5, 14, 9, 0, 0}, false, {2026, 5, 15, 8, 0, 0}},
        OpeningCase{"kristi himmelsfärd 2027", {2027, 5, 6, 11, 0, 0}, false, {2027, 5, 7, 8, 0, 0}},
        OpeningCase{"nationaldag 2027 sunday", {2027, 6, 6, 9, 0, 0}, false, {2027, 6, 7, 8, 0, 0}},
        OpeningCase{"midsommarafton 2026", {2026, 6, 19, 9, 0, 0}, false, {2026, 6, 22, 8, 0, 0}},
        OpeningCase{"midsommarafton 2027", {2027, 6, 25, 9, 0, 0}, false, {2027, 6, 28, 8, 0, 0}},
        OpeningCase{"christmas 2026: julafton thursday", {2026, 12, 23, 20, 0, 0}, false, {2026, 12, 28, 8, 0, 0}},
        OpeningCase{"new year 2026/27: nyårsafton", {2026, 12, 31, 9, 0, 0}, false, {2027, 1, 4, 8, 0, 0}},
        OpeningCase{"trettondedag 2027 wednesday", {2027, 1, 6, 9, 0, 0}, false, {2027, 1, 7, 8, 0, 0}},
        OpeningCase{"christmas 2027: julafton friday", {2027, 12, 24, 9, 0, 0}, false, {2027, 12, 27, 8, 0, 0}},
        OpeningCase{"nyårsdagen 2026 thursday", {2026, 1, 1, 12, 0, 0}, false, {2026, 1, 2, 8, 0, 0}},
        OpeningCase{"spring DST sunday night", {2026, 3, 29, 1, 30, 0}, false, {2026, 3, 30, 8, 0, 0}},
        OpeningCase{"autumn DST sunday", {2026, 10, 25, 2, 30, 0}, false, {2026, 10, 26, 8, 0, 0}}));

TEST(OfficeHours, OpeningAfterSpringChangeIsEightLocalInSummerTime) {
  OfficeHours office;
  auto next = office.next_opening(stockholm::to_instant({2026, 3, 28, 12, 0, 0}));
  ASSERT_TRUE(next);
  EXPECT_EQ(stockholm::format_rfc3339(*next), "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(stockholm::offset_minutes_at(*next), 120);
}

TEST(OfficeHours, ConfigurableWindowAndWorkdays) {
  OfficeHoursConfig config;
  config.open_minute = 7 * 60 + 30;
  config.close_minute = 16 * 60;
  config.workdays = {true, true, true, true, true, true, false};  // Saturday staffed
  OfficeHours office(config);
  EXPECT_TRUE(office.is_open(stockholm::to_instant({2026, 12, 5, 7, 30, 0})));
  EXPECT_FALSE(office.is_open(stockholm::to_instant({2026, 12, 5, 16, 0, 0})));
  // Saturday alla helgons dag is still a holiday.
  EXPECT_FALSE(office.is_open(stockholm::to_instant({2026, 10, 31, 10, 0, 0})));
}

TEST(OfficeHours, InvalidWindowNeverOpens) {
  OfficeHoursConfig config;
  config.open_minute = 17 * 60;
  config.close_minute = 8 * 60;
  OfficeHours office(config);
  const TimePoint t = stockholm::to_instant({2026, 11, 30, 10, 0, 0});
  EXPECT_FALSE(office.is_open(t));
  EXPECT_FALSE(office.next_opening(t));
}

TEST(OfficeHours, NoWorkdaysMeansNoOpening) {
  OfficeHoursConfig config;
  config.workdays = {};
  OfficeHours office(config);
  EXPECT_FALSE(office.next_opening(stockholm::to_instant({2026, 11, 30, 10, 0, 0})));
}

}  // namespace
}  // namespace gdprd::deadlines
