#include "config/duration.hpp"

#include <gtest/gtest.h>

namespace gdprd::config {
namespace {

using std::chrono::seconds;

TEST(Duration, SingleUnits) {
  EXPECT_EQ(parse_duration("90s"), seconds{90});
  EXPECT_EQ(parse_duration("5m"), seconds{300});
  EXPECT_EQ(parse_duration("1h"), seconds{3600});
  EXPECT_EQ(parse_duration("2d"), seconds{2 * 86400});
}

TEST(Duration, CombinedUnitsAddUp) {
  EXPECT_EQ(parse_duration("1h30m"), seconds{5400});
  EXPECT_EQ(parse_duration("71h30m"), seconds{71 * 3600 + 1800});
  EXPECT_EQ(parse_duration("1d2h3m4s"), seconds{86400 + 7200 + 180 + 4});
}

TEST(Duration, BareNumberIsRejected) { EXPECT_FALSE(parse_duration("60")); }

TEST(Duration, UnitsOutOfOrderOrRepeatedAreRejected) {
  EXPECT_FALSE(parse_duration("30m1h"));
  EXPECT_FALSE(parse_duration("1h1h"));
}

TEST(Duration, GarbageIsRejected) {
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("h"));
  EXPECT_FALSE(parse_duration("5 m"));
  EXPECT_FALSE(parse_duration("-5m"));
  EXPECT_FALSE(parse_duration("5x"));
  EXPECT_FALSE(parse_duration("1.5h"));
}

TEST(Duration, HugeValuesDoNotOverflow) {
  EXPECT_FALSE(parse_duration("99999999999999999999999s"));
  EXPECT_FALSE(parse_duration("999999d"));
}

}  // namespace
}  // namespace gdprd::config
