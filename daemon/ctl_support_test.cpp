#include "daemon/ctl_support.hpp"

#include <gtest/gtest.h>

namespace gdprd::daemon {
namespace {

TEST(CtlSupport, DurationsInMinutesHoursAndDays) {
  EXPECT_EQ(parse_cli_duration("30m"), std::chrono::minutes(30));
  EXPECT_EQ(parse_cli_duration("90min"), std::chrono::minutes(90));
  EXPECT_EQ(parse_cli_duration("12h"), std::chrono::hours(12));
  EXPECT_EQ(parse_cli_duration("2 h"), std::chrono::hours(2));
  EXPECT_EQ(parse_cli_duration("3d"), std::chrono::hours(72));
}

TEST(CtlSupport, MalformedZeroNegativeOrHugeDurationIsRefused) {
  for (const char* bad : {"", "h", "12", "0h", "-3h", "1.5h", "12x", "3 days", "99999999999999999999d", "4000d"})
    EXPECT_FALSE(parse_cli_duration(bad).has_value()) << bad;
}

TEST(CtlSupport, FlagsTakeValuesInlineOrNextAndRefuseUnknown) {
  auto f = parse_ctl_flags({"--open", "--unit=Skola", "--due-within", "12h", "--json"}, {"open"}, {"unit", "due-within"});
  EXPECT_TRUE(f.error.empty());
  EXPECT_TRUE(f.json);
  EXPECT_EQ(f.set.count("open"), 1u);
  EXPECT_EQ(f.value["unit"], "Skola");
  EXPECT_EQ(f.value["due-within"], "12h");
  EXPECT_EQ(parse_ctl_flags({"--overdo"}, {"overdue"}, {}).error, "unknown option --overdo");
  EXPECT_EQ(parse_ctl_flags({"--since"}, {}, {"since"}).error, "--since needs a value");
}

}  // namespace
}  // namespace gdprd::daemon
