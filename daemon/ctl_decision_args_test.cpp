#include "daemon/ctl_decision_args.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

using std::chrono::hours;
using V = std::vector<std::string>;

TimePoint local(int y, int mo, int d, int h, int mi = 0) { return stockholm::to_instant({y, mo, d, h, mi, 0}); }

TEST(CtlDecisionArgs, NotifiedNeedsImyReference) {
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--notified"}).args);
  auto r = parse_decide_args(V{"PUI-2026-0001", "--notified", "--imy-ref", "DI-2026-1234"});
  ASSERT_TRUE(r.args) << r.error;
  EXPECT_TRUE(*r.args->notified);
  EXPECT_EQ(r.args->imy_reference, "DI-2026-1234");
}

TEST(CtlDecisionArgs, NotNotifiedNeedsANonBlankMotivation) {
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--not-notified"}).args);
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--not-notified", "--motivation", "  "}).args);
  auto r = parse_decide_args(V{"PUI-2026-0001", "--not-notified", "--motivation=krypterat"});
  ASSERT_TRUE(r.args) << r.error;
  EXPECT_EQ(r.args->motivation, "krypterat");
}

TEST(CtlDecisionArgs, ContradictionsAndStrayArgumentsAreRefused) {
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--notified", "--not-notified", "--imy-ref", "DI-1-1"}).args);
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "PUI-2026-0002", "--subjects-informed"}).args);
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001"}).args);  // nothing to decide
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--withdraw"}).args);  // reason required
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--not-notified", "--motivation", "x", "--imy-ref", "DI-1-1"}).args);
  EXPECT_FALSE(parse_decide_args(V{"PUI-2026-0001", "--notified", "--imy-ref"}).args);  // value missing
}

TEST(CtlDecisionArgs, SubjectsInformedTakesAnOptionalDate) {
  auto r = parse_decide_args(V{"PUI-2026-0001", "--subjects-informed=2026-05-21 10:30"});
  ASSERT_TRUE(r.args) << r.error;
  EXPECT_TRUE(r.args->subjects_informed);
  EXPECT_EQ(r.args->subjects_informed_at, local(2026, 5, 21, 10, 30));
  auto bare = parse_decide_args(V{"PUI-2026-0001", "--subjects-informed"});
  ASSERT_TRUE(bare.args);
  EXPECT_FALSE(bare.args->subjects_informed_at);
}

TEST(CtlDecisionArgs, CliTimesInEveryAcceptedForm) {
  EXPECT_EQ(parse_cli_time("2026-05-20T14:00:00+02:00"), local(2026, 5, 20, 14));
  EXPECT_EQ(parse_cli_time("2026-05-20 14:00"), local(2026, 5, 20, 14));
  EXPECT_EQ(parse_cli_time("2026-01-20T14:00"), local(2026, 1, 20, 14));
  EXPECT_EQ(parse_cli_time("2026-05-20"), local(2026, 5, 20, 0));
  EXPECT_FALSE(parse_cli_time("2026-02-30 10:00"));
  EXPECT_FALSE(parse_cli_time("igår"));
  EXPECT_FALSE(parse_cli_time("2026-05-20 14:00 extra"));
}

TEST(CtlDecisionArgs, LateNotificationNeedsDelayReason) {
  TimePoint aware = local(2026, 5, 18, 9);
  auto r = parse_decide_args(V{"PUI-2026-0001", "--notified", "--imy-ref", "DI-2026-1"});
  ASSERT_TRUE(r.args);
  EXPECT_EQ(check_decide(*r.args, aware, aware + hours(71)), "");
  EXPECT_NE(check_decide(*r.args, aware, aware + hours(73)).find("--delay-reason"), std::string::npos);
  r.args->delay_reason = "helg";
  EXPECT_EQ(check_decide(*r.args, aware, aware + hours(73)), "");
  // A late decision NOT to notify needs no delay reason.
  auto n = parse_decide_args(V{"PUI-2026-0001", "--not-notified", "--motivation", "ingen risk"});
  EXPECT_EQ(check_decide(*n.args, aware, aware + hours(100)), "");
}

TEST(CtlDecisionArgs, DecisionDateInTheFutureOrBeforeAwarenessIsRefused) {
  TimePoint aware = local(2026, 5, 18, 9);
  auto r = parse_decide_args(V{"PUI-2026-0001", "--notified", "--imy-ref", "DI-2026-1", "--date", "2026-05-25 09:00"});
  ASSERT_TRUE(r.args);
  EXPECT_NE(check_decide(*r.args, aware, aware + hours(1)), "");
  auto early = parse_decide_args(V{"PUI-2026-0001", "--notified", "--imy-ref", "DI-2026-1", "--date", "2026-05-17"});
  EXPECT_NE(check_decide(*early.args, aware, aware + hours(1)), "");
}

TEST(CtlDecisionArgs, AssessValidatesCategoryAndPriority) {
  auto r = parse_assess_args(V{"PUI-2026-0001", "--category", "2", "--priority", "p1", "--note", "x"});
  ASSERT_TRUE(r.args) << r.error;
  EXPECT_EQ(r.args->category, 2);
  EXPECT_EQ(r.args->priority, "P1");
  EXPECT_FALSE(parse_assess_args(V{"PUI-2026-0001", "--category", "4", "--priority", "P1"}).args);
  EXPECT_FALSE(parse_assess_args(V{"PUI-2026-0001", "--category", "2", "--priority", "P4"}).args);
  EXPECT_FALSE(parse_assess_args(V{"PUI-2026-0001", "--category", "2"}).args);
}

TEST(CtlDecisionArgs, CorrectNeedsAReadableTime) {
  auto r = parse_correct_args(V{"PUI-2026-0001", "--discovered-at", "2026-05-18 07:45", "--reason", "fel i blanketten"});
  ASSERT_TRUE(r.args) << r.error;
  EXPECT_EQ(r.args->discovered, local(2026, 5, 18, 7, 45));
  EXPECT_FALSE(parse_correct_args(V{"PUI-2026-0001", "--discovered-at", "snart"}).args);
  EXPECT_FALSE(parse_correct_args(V{"PUI-2026-0001"}).args);
}

TEST(CtlDecisionArgs, CurrentUserIsNeverEmpty) { EXPECT_FALSE(current_user().empty()); }

}  // namespace
}  // namespace gdprd::daemon
