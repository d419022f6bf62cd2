#include "core/stockholm_time.hpp"

#include <gtest/gtest.h>

using namespace gdprd::stockholm;

TEST(StockholmTime, WinterAndSummerOffsets) {
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 1, 20, 10, 48, 0}), "2026-01-20T10:48:00+01:00");
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 6, 8, 15, 42, 0}), "2026-06-08T15:42:00+02:00");
}

TEST(StockholmTime, SpringForwardIs29March2026) {
  // 2026-03-29 is the last Sunday of March: 01:00 UTC switches to +02:00.
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 3, 28, 22, 0, 0}), "2026-03-28T22:00:00+01:00");
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 3, 29, 1, 59, 0}), "2026-03-29T01:59:00+01:00");
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 3, 29, 3, 0, 0}), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 3, 30, 7, 40, 0}), "2026-03-30T07:40:00+02:00");
}

TEST(StockholmTime, FallBackIs25October2026) {
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 10, 24, 12, 0, 0}), "2026-10-24T12:00:00+02:00");
  // 02:30 happens twice; the earlier (summer) instant is taken.
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 10, 25, 2, 30, 0}), "2026-10-25T02:30:00+02:00");
  EXPECT_EQ(format_rfc3339(LocalDateTime{2026, 10, 25, 3, 30, 0}), "2026-10-25T03:30:00+01:00");
}

TEST(StockholmTime, UtcMidnightIsNextDayLocally) {
  auto t = parse_record_time("2026-05-11T22:38:00Z");
  ASSERT_TRUE(t);
  auto l = to_local(*t);
  EXPECT_EQ(l.day, 12);
  EXPECT_EQ(l.hour, 0);
  EXPECT_EQ(l.minute, 38);
}

TEST(StockholmTime, DateOnlyIsLocalMidnight) {
  auto t = parse_record_time("2026-06-08");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2026-06-08T00:00:00+02:00");
}

TEST(StockholmTime, RejectsMalformed) {
  EXPECT_FALSE(parse_record_time("2026-13-01"));
  EXPECT_FALSE(parse_record_time("yesterday"));
  EXPECT_FALSE(parse_record_time("2026-06-08T10:00:00+0"));
}

TEST(StockholmTime, Weekday) {
  EXPECT_EQ(weekday(2026, 3, 29), 6);   // Sunday
  EXPECT_EQ(weekday(2026, 11, 30), 0);  // Monday
}
