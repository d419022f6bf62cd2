#include "parsers/grammar/time_reader.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::parsers {
namespace {

// Reference instants given as Stockholm wall-clock time.
TimePoint at(int y, int mo, int d, int h = 9, int mi = 0) {
  return stockholm::to_instant(stockholm::LocalDateTime{y, mo, d, h, mi, 0});
}

std::optional<std::string> rt(std::string_view text, std::optional<TimePoint> ref = at(2026, 5, 21)) {
  return read_time(text, ref);
}

TEST(TimeReader, IsoDateWithoutClockIsDateOnly) { EXPECT_EQ(rt("2026-05-20"), "2026-05-20"); }
TEST(TimeReader, IsoDateAndClockInSummerHasPlusTwo) {
  EXPECT_EQ(rt("2026-05-20 16:39"), "2026-05-20T16:39:00+02:00");
}
TEST(TimeReader, IsoDateTWithSeconds) { EXPECT_EQ(rt("2026-05-20T16:39:12"), "2026-05-20T16:39:00+02:00"); }
TEST(TimeReader, WinterDateHasPlusOne) { EXPECT_EQ(rt("2026-01-27 10:15"), "2026-01-27T10:15:00+01:00"); }
TEST(TimeReader, DayBeforeSpringSwitchIsWinter) {
  EXPECT_EQ(rt("2026-03-28 22:00"), "2026-03-28T22:00:00+01:00");
}
TEST(TimeReader, DayOfSpringSwitchAfterThreeIsSummer) {
  EXPECT_EQ(rt("2026-03-29 12:00"), "2026-03-29T12:00:00+02:00");
}
TEST(TimeReader, DayAfterAutumnSwitchIsWinter) {
  EXPECT_EQ(rt("2026-10-26 08:00"), "2026-10-26T08:00:00+01:00");
}
TEST(TimeReader, SlashDayMonthTakesReferenceYear) { EXPECT_EQ(rt("20/5"), "2026-05-20"); }
TEST(TimeReader, SlashDayMonthYear) { EXPECT_EQ(rt("20/5-2026"), "2026-05-20"); }
TEST(TimeReader, DottedDayMonthYear) { EXPECT_EQ(rt("20.5.2026"), "2026-05-20"); }
TEST(TimeReader, SwedishMonthName) { EXPECT_EQ(rt("den 20 maj"), "2026-05-20"); }
TEST(TimeReader, SwedishLongFormWithKlDotted) {
  EXPECT_EQ(rt("den 20 maj 2026 kl. 08.30"), "2026-05-20T08:30:00+02:00");
}
TEST(TimeReader, EnglishMonthFirst) { EXPECT_EQ(rt("May 20"), "2026-05-20"); }
TEST(TimeReader, EnglishDayMonthYear) { EXPECT_EQ(rt("20 May 2026"), "2026-05-20"); }
TEST(TimeReader, KlWithHourOnly) { EXPECT_EQ(rt("kl 8"), "2026-05-21T08:00:00+02:00"); }
TEST(TimeReader, KlDotWithMinutes) { EXPECT_EQ(rt("kl. 08.30"), "2026-05-21T08:30:00+02:00"); }
TEST(TimeReader, BareColonClockTakesReferenceDay) { EXPECT_EQ(rt("16:39"), "2026-05-21T16:39:00+02:00"); }
TEST(TimeReader, TidenSuffix) { EXPECT_EQ(rt("igår vid 22-tiden"), "2026-05-20T22:00:00+02:00"); }
TEST(TimeReader, ApproximateKl) { EXPECT_EQ(rt("igår ca kl. 16.00"), "2026-05-20T16:00:00+02:00"); }
TEST(TimeReader, EnglishAtAround) { EXPECT_EQ(rt("yesterday at around 23:10"), "2026-05-20T23:10:00+02:00"); }
TEST(TimeReader, IgarIsDateOnly) { EXPECT_EQ(rt("igår"), "2026-05-20"); }
TEST(TimeReader, IGarSpelledApart) { EXPECT_EQ(rt("i går"), "2026-05-20"); }
TEST(TimeReader, IForrgar) { EXPECT_EQ(rt("i förrgår"), "2026-05-19"); }
TEST(TimeReader, Idag) { EXPECT_EQ(rt("idag"), "2026-05-21"); }
TEST(TimeReader, IMorseWithoutClockIsToday) { EXPECT_EQ(rt("i morse"), "2026-05-21"); }
TEST(TimeReader, IMorseWithClock) { EXPECT_EQ(rt("i morse kl. 07.40"), "2026-05-21T07:40:00+02:00"); }
TEST(TimeReader, IEftermiddags) { EXPECT_EQ(rt("i eftermiddags"), "2026-05-21"); }
TEST(TimeReader, IgarKvall) { EXPECT_EQ(rt("igår kväll"), "2026-05-20"); }
TEST(TimeReader, IOnsdagsIsMostRecentWednesday) {
  // 2026-05-21 is a Thursday.
  EXPECT_EQ(rt("i onsdags"), "2026-05-20");
}
TEST(TimeReader, IOnsdagsOnAWednesdayIsAWeekBack) { EXPECT_EQ(rt("i onsdags", at(2026, 5, 20)), "2026-05-13"); }
TEST(TimeReader, ILordagsKvallOverSpringSwitchKeepsWinterOffset) {
  EXPECT_EQ(rt("I lördags kväll vid 22-tiden", at(2026, 3, 30, 8, 12)), "2026-03-28T22:00:00+01:00");
}
TEST(TimeReader, ForraVeckanIsNull) { EXPECT_EQ(rt("förra veckan"), std::nullopt); }
TEST(TimeReader, Yesterday) { EXPECT_EQ(rt("yesterday"), "2026-05-20"); }
TEST(TimeReader, OnTuesdayIsMostRecentTuesday) {
  EXPECT_EQ(rt("On Tuesday at around 15:40", at(2026, 9, 17, 8, 20)), "2026-09-15T15:40:00+02:00");
}
TEST(TimeReader, BoundEfterIsNull) { EXPECT_EQ(rt("efter fredag kl. 16"), std::nullopt); }
TEST(TimeReader, BoundInnanIsNull) { EXPECT_EQ(rt("innan kl. 8"), std::nullopt); }
TEST(TimeReader, BoundForeIsNull) { EXPECT_EQ(rt("före den 20 maj"), std::nullopt); }
TEST(TimeReader, StraxEfterIsNotABound) { EXPECT_EQ(rt("strax efter kl. 8"), "2026-05-21T08:00:00+02:00"); }
TEST(TimeReader, SpanMellanGivesStart) { EXPECT_EQ(rt("igår mellan 14 och 15"), "2026-05-20T14:00:00+02:00"); }
TEST(TimeReader, SpanWithDashGivesStart) {
  EXPECT_EQ(rt("2026-05-20 14.00–15.30"), "2026-05-20T14:00:00+02:00");
}
TEST(TimeReader, KlockslagOkantIsDateOnly) { EXPECT_EQ(rt("2026-05-18 (klockslag okänt)"), "2026-05-18"); }
TEST(TimeReader, RelativeWithoutReferenceIsNull) { EXPECT_EQ(rt("igår kl. 14", std::nullopt), std::nullopt); }
TEST(TimeReader, AbsoluteWithoutReferenceStillReads) {
  EXPECT_EQ(rt("2026-05-20 16:39", std::nullopt), "2026-05-20T16:39:00+02:00");
}
TEST(TimeReader, ReferenceAfterUtcMidnightIsNextStockholmDay) {
  // 22:38 UTC on 11 May is 00:38 on 12 May in Stockholm: "igår" is 11 May.
  TimePoint ref = std::chrono::sys_days{std::chrono::year{2026} / 5 / 11} + std::chrono::hours{22} +
                  std::chrono::minutes{38};
  EXPECT_EQ(rt("igår kl. 14", ref), "2026-05-11T14:00:00+02:00");
}
TEST(TimeReader, WeekdayWithExplicitDateUsesTheDate) {
  EXPECT_EQ(rt("torsdagen den 11 juni kl. 15.30", at(2026, 6, 16)), "2026-06-11T15:30:00+02:00");
}
TEST(TimeReader, PhoneNumberIsNoTime) { EXPECT_EQ(rt("ring 08-465 004 58"), std::nullopt); }
TEST(TimeReader, PersonnummerIsNoTime) { EXPECT_EQ(rt("19121212-1212"), std::nullopt); }
TEST(TimeReader, InvalidDateIsIgnored) { EXPECT_EQ(rt("2026-02-30"), std::nullopt); }
TEST(TimeReader, DayMonthAfterReferenceIsLastYear) { EXPECT_EQ(rt("20 dec", at(2026, 1, 5)), "2025-12-20"); }
TEST(TimeReader, PmClock) { EXPECT_EQ(rt("yesterday at 3 pm"), "2026-05-20T15:00:00+02:00"); }

TEST(FindTimes, ClockAloneContinuesTheNarrativeDay) {
  auto all = find_times("hembesöken igår eftermiddag och förlorade den ca kl. 15.30", at(2026, 6, 2, 10));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].value, "2026-06-01");
  EXPECT_EQ(all[1].value, "2026-06-01T15:30:00+02:00");
}
TEST(FindTimes, SammaEftermiddagTakesPreviousDay) {
  auto all = find_times("I onsdags kl. 10.05 skickade jag. Mottagaren hörde av sig samma eftermiddag.",
                        at(2026, 8, 14, 10));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].value, "2026-08-12");
}
TEST(FindTimes, BoundIsReportedWithoutValue) {
  auto all = find_times("Det hände efter fredag kl. 16.", at(2026, 5, 21));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].is_bound);
  EXPECT_FALSE(all[0].value.has_value());
}
TEST(FindTimes, OffsetsPointIntoOriginalText) {
  std::string text = "Hänt i förrgår kl. 9";
  auto all = find_times(text, at(2026, 5, 21));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(text.substr(all[0].begin, all[0].end - all[0].begin), "i förrgår kl. 9");
}

TEST(ReadInstant, OutlookSkickatLine) {
  auto t = read_instant("den 2 juni 2026 08:14", std::nullopt);
  ASSERT_TRUE(t);
  EXPECT_EQ(stockholm::format_rfc3339(*t), "2026-06-02T08:14:00+02:00");
}
TEST(ReadInstant, RfcDateWithZone) {
  auto t = read_instant("Tue, 16 Jun 2026 09:30:21 +0000", std::nullopt);
  ASSERT_TRUE(t);
  EXPECT_EQ(stockholm::format_rfc3339(*t), "2026-06-16T11:30:00+02:00");
}

}  // namespace
}  // namespace gdprd::parsers
