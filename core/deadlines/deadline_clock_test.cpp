#include "core/deadlines/deadline_clock.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {
namespace {

TimePoint at(const char* rfc3339) {
  auto t = stockholm::parse_record_time(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(TimePoint{});
}

struct DeadlineCase {
  const char* what;
  const char* discovered;  // nullptr: the report states no discovery time
  const char* received;
  const char* awareness;
  const char* internal;
  const char* imy;
  bool from_discovery;
  bool date_only;
  bool late_internal;
  bool late_imy;
};

class DeadlineTable : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(DeadlineTable, AwarenessAndDeadlines) {
  const auto& c = GetParam();
  std::optional<std::string> discovered;
  if (c.discovered) discovered = c.discovered;
  const DeadlineTimes t = compute_deadlines(discovered, at(c.received));
  EXPECT_EQ(stockholm::format_rfc3339(t.awareness), c.awareness) << c.what;
  EXPECT_EQ(stockholm::format_rfc3339(t.internal_deadline), c.internal) << c.what;
  EXPECT_EQ(stockholm::format_rfc3339(t.imy_deadline), c.imy) << c.what;
  EXPECT_EQ(t.awareness_from_discovery, c.from_discovery) << c.what;
  EXPECT_EQ(t.discovery_date_only, c.date_only) << c.what;
  EXPECT_EQ(t.received_after_internal_deadline, c.late_internal) << c.what;
  EXPECT_EQ(t.received_after_imy_deadline, c.late_imy) << c.what;
  // The law counts elapsed hours, whatever the wall clock says.
  EXPECT_EQ(t.imy_deadline - t.awareness, std::chrono::hours(72)) << c.what;
  EXPECT_EQ(t.internal_deadline - t.awareness, std::chrono::hours(24)) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DeadlineTable,
    ::testing::Values(
        DeadlineCase{"no discovery time: receipt starts the clock", nullptr, "2026-11-30T10:00:00+01:00",
                     "2026-11-30T10:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-03T10:00:00+01:00", false,
                     false, false, false},
        DeadlineCase{"spring DST 2026 inside the 72 h: local reading one hour later", "2026-03-27T10:00:00+01:00",
                     "2026-03-27T12:00:00+01:00", "2026-03-27T10:00:00+01:00", "2026-03-28T10:00:00+01:00",
                     "2026-03-30T11:00:00+02:00", true, false, false, false},
        DeadlineCase{"autumn DST 2026 inside the 72 h: local reading one hour earlier", "2026-10-23T10:00:00+02:00",
                     "2026-10-23T11:00:00+02:00", "2026-10-23T10:00:00+02:00", "2026-10-24T10:00:00+02:00",
                     "2026-10-26T09:00:00+01:00", true, false, false, false},
        DeadlineCase{"spring DST 2027", "2027-03-26T10:00:00+01:00", "2027-03-26T10:30:00+01:00",
                     "2027-03-26T10:00:00+01:00", "2027-03-27T10:00:00+01:00", "2027-03-29T11:00:00+02:00", true,
                     false, false, false},
        DeadlineCase{"autumn DST 2027", "2027-10-29T10:00:00+02:00", "2027-10-29T10:30:00+02:00",
                     "2027-10-29T10:00:00+02:00", "2027-10-30T10:00:00+02:00", "2027-11-01T09:00:00+01:00", true,
                     false, false, false},
        DeadlineCase{"internal 24 h across the spring change", "2026-03-28T12:00:00+01:00",
                     "2026-03-28T12:05:00+01:00", "2026-03-28T12:00:00+01:00", "2026-03-29T13:00:00+02:00",
                     "2026-03-31T13:00:00+02:00", true, false, false, false},
        DeadlineCase{"internal 24 h across the autumn change", "2026-10-24T12:00:00+02:00",
                     "2026-10-24T12:05:00+02:00", "2026-10-24T12:00:00+02:00", "2026-10-25T11:00:00+01:00",
                     "2026-10-27T11:00:00+01:00", true, false, false, false},
        DeadlineCase{"date-only discovery is 00:00 local (summer)", "2026-05-20", "2026-05-20T16:00:00+02:00",
                     "2026-05-20T00:00:00+02:00", "2026-05-21T00:00:00+02:00", "2026-05-23T00:00:00+02:00", true,
                     true, false, false},
        DeadlineCase{"date-only discovery is 00:00 local (winter)", "2026-01-20", "2026-01-21T09:00:00+01:00",
                     "2026-01-20T00:00:00+01:00", "2026-01-21T00:00:00+01:00", "2026-01-23T00:00:00+01:00", true,
                     true, true, false},
        DeadlineCase{"date-only on the autumn change day", "2026-10-25", "2026-10-25T09:00:00+01:00",
                     "2026-10-25T00:00:00+02:00", "2026-10-25T23:00:00+01:00", "2026-10-27T23:00:00+01:00", true,
                     true, false, false},
        DeadlineCase{"date-only on the spring change day", "2026-03-29", "2026-03-29T09:00:00+02:00",
                     "2026-03-29T00:00:00+01:00", "2026-03-30T01:00:00+02:00", "2026-04-01T01:00:00+02:00", true,
                     true, false, false},
        DeadlineCase{"discovery after receipt cannot be right: receipt", "2026-11-30T12:00:00+01:00",
                     "2026-11-30T10:00:00+01:00", "2026-11-30T10:00:00+01:00", "2026-12-01T10:00:00+01:00",
                     "2026-12-03T10:00:00+01:00", false, false, false, false},
        DeadlineCase{"date-only discovery later than receipt day: receipt", "2026-12-01", "2026-11-30T10:00:00+01:00",
                     "2026-11-30T10:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-03T10:00:00+01:00", false,
                     false, false, false},
        DeadlineCase{"malformed discovery: receipt", "igår på eftermiddagen", "2026-11-30T10:00:00+01:00",
                     "2026-11-30T10:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-03T10:00:00+01:00", false,
                     false, false, false},
        DeadlineCase{"discovery equal to receipt is used", "2026-11-30T10:00:00+01:00", "2026-11-30T10:00:00+01:00",
                     "2026-11-30T10:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-03T10:00:00+01:00", true,
                     false, false, false},
        DeadlineCase{"UTC discovery converted to local", "2026-06-08T06:00:00Z", "2026-06-08T09:00:00+02:00",
                     "2026-06-08T08:00:00+02:00", "2026-06-09T08:00:00+02:00", "2026-06-11T08:00:00+02:00", true,
                     false, false, false},
        DeadlineCase{"report received after the internal 24 h", "2026-11-27T09:00:00+01:00",
                     "2026-11-28T10:00:00+01:00", "2026-11-27T09:00:00+01:00", "2026-11-28T09:00:00+01:00",
                     "2026-11-30T09:00:00+01:00", true, false, true, false},
        DeadlineCase{"report received exactly at 24 h is not late", "2026-11-27T09:00:00+01:00",
                     "2026-11-28T09:00:00+01:00", "2026-11-27T09:00:00+01:00", "2026-11-28T09:00:00+01:00",
                     "2026-11-30T09:00:00+01:00", true, false, false, false},
        DeadlineCase{"report received after 72 h", "2026-11-20T09:00:00+01:00", "2026-11-25T09:00:00+01:00",
                     "2026-11-20T09:00:00+01:00", "2026-11-21T09:00:00+01:00", "2026-11-23T09:00:00+01:00", true,
                     false, true, true},
        DeadlineCase{"awareness a week before receipt over the Christmas holidays", "2026-12-23T15:00:00+01:00",
                     "2026-12-30T08:30:00+01:00", "2026-12-23T15:00:00+01:00", "2026-12-24T15:00:00+01:00",
                     "2026-12-26T15:00:00+01:00", true, false, true, true}));

TEST(DeadlineClock, RecordOverloadReadsDiscoveredAt) {
  IncidentRecord record;
  record.discovered_at = "2026-05-20";
  const DeadlineTimes t = compute_deadlines(record, at("2026-05-21T09:00:00+02:00"));
  EXPECT_EQ(stockholm::format_rfc3339(t.awareness), "2026-05-20T00:00:00+02:00");
  EXPECT_TRUE(t.discovery_date_only);
  EXPECT_TRUE(t.received_after_internal_deadline);
}

TEST(DeadlineClock, DelayReasonRequiredOnlyAfterSeventyTwoHours) {
  const DeadlineTimes t = compute_deadlines(std::string("2026-11-27T09:00:00+01:00"), at("2026-11-27T10:00:00+01:00"));
  EXPECT_FALSE(decision_requires_delay_reason(t, at("2026-11-29T09:00:00+01:00")));
  EXPECT_FALSE(decision_requires_delay_reason(t, t.imy_deadline));
  EXPECT_TRUE(decision_requires_delay_reason(t, t.imy_deadline + std::chrono::seconds(1)));
}

TEST(DeadlineClock, TimeLeftFollowsTheFakeClockAndGoesNegativeWhenOverdue) {
  const DeadlineTimes t = compute_deadlines(std::nullopt, at("2026-11-30T10:00:00+01:00"));
  FakeClock clock(t.received_at);
  EXPECT_EQ(time_left(t.imy_deadline, clock), std::chrono::hours(72));
  clock.advance(std::chrono::hours(70));
  EXPECT_EQ(time_left(t.imy_deadline, clock), std::chrono::hours(2));
  clock.advance(std::chrono::hours(3));
  EXPECT_EQ(time_left(t.imy_deadline, clock), -std::chrono::hours(1));
}

}  // namespace
}  // namespace gdprd::deadlines
