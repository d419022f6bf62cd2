#include "daemon/mailbox_runner.hpp"

#include <gtest/gtest.h>

namespace gdprd::daemon {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(NextPollDelay, TheIntervalWhileThePollsSucceed) {
  EXPECT_EQ(next_poll_delay(seconds(60), 0), seconds(60));
  EXPECT_EQ(next_poll_delay(seconds(60), -1), seconds(60));
}

TEST(NextPollDelay, DoublesPerFailureUpToAQuarterOfAnHour) {
  EXPECT_EQ(next_poll_delay(seconds(60), 1), seconds(120));
  EXPECT_EQ(next_poll_delay(seconds(60), 3), seconds(480));
  EXPECT_EQ(next_poll_delay(seconds(60), 4), minutes(15));   // 960 s capped
  EXPECT_EQ(next_poll_delay(seconds(60), 40), minutes(15));  // no overflow however long the outage
}

TEST(NextPollDelay, ALongIntervalIsItsOwnCap) {
  // An hourly poll never waits longer than an hour because of failures.
  EXPECT_EQ(next_poll_delay(minutes(60), 1), minutes(60));
  EXPECT_EQ(next_poll_delay(minutes(60), 5), minutes(60));
}

}  // namespace
}  // namespace gdprd::daemon
