#include "core/deadlines/reminder_ladder.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TimePoint at(const char* rfc3339) {
  auto t = stockholm::parse_record_time(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(TimePoint{});
}

IncidentDeadlineState incident(const char* awareness) {
  IncidentDeadlineState s;
  s.times = compute_deadlines(std::nullopt, at(awareness));
  return s;
}

IncidentDeadlineState incident(const char* discovered, const char* received) {
  IncidentDeadlineState s;
  s.times = compute_deadlines(std::string(discovered), at(received));
  return s;
}

// Plans rendered as short strings so a table row reads like the rule:
// "imy-24h" sent now, "imy-24h!oncall" sent now to on-call,
// "imy-24h>2026-12-07T08:00:00+01:00" deferred to that opening.
struct Rendered {
  std::vector<std::string> send_now, deferred, skipped;
};

Rendered render(const ReminderPlan& plan) {
  Rendered r;
  for (const auto& d : plan.send_now) r.send_now.push_back(d.step_id + (d.via_oncall ? "!oncall" : ""));
  for (const auto& d : plan.deferred) r.deferred.push_back(d.step_id + ">" + stockholm::format_rfc3339(d.deliver_at));
  for (const auto& s : plan.skipped) r.skipped.push_back(s.step_id);
  std::sort(r.skipped.begin(), r.skipped.end());
  return r;
}

struct LadderCase {
  const char* what;
  std::function<IncidentDeadlineState()> state;
  std::set<std::string> sent;
  const char* now;
  std::vector<std::string> send_now;
  std::vector<std::string> deferred;
  std::vector<std::string> skipped;  // sorted
};

std::ostream& operator<<(std::ostream& os, const LadderCase& c) { return os << c.what; }

class LadderTable : public ::testing::TestWithParam<LadderCase> {};

TEST_P(LadderTable, DueDeferredAndSkippedSteps) {
  const auto& c = GetParam();
  const ReminderPlan plan = plan_reminders(c.state(), default_ladder_config(), c.sent, at(c.now), OfficeHours{});
  const Rendered r = render(plan);
  EXPECT_EQ(r.send_now, c.send_now);
  EXPECT_EQ(r.deferred, c.deferred);
  EXPECT_EQ(r.skipped, c.skipped);
  // The convenience wrapper is exactly the send_now part.
  auto due = due_reminders(c.state(), default_ladder_config(), c.sent, at(c.now), OfficeHours{});
  ASSERT_EQ(due.size(), plan.send_now.size());
  for (size_t i = 0; i < due.size(); ++i) EXPECT_EQ(due[i].step_id, plan.send_now[i].step_id);
}

// Base incident: awareness Monday 2026-11-30 09:00, an ordinary week.
// internal 4h/12h/20h = Mon 13:00, Mon 21:00, Tue 05:00; imy 24/48/60/68/71h =
// Tue 09:00, Wed 09:00, Wed 21:00, Thu 05:00, Thu 08:00; deadline Thu 09:00.
const char* kMon = "2026-11-30T09:00:00+01:00";
IncidentDeadlineState monday() { return incident(kMon); }

IncidentDeadlineState with_assessment(int category, int priority) {
  auto s = monday();
  s.initial_assessment = InitialAssessment{category, priority, at("2026-11-30T14:00:00+01:00")};
  return s;
}

IncidentDeadlineState with_decision(ImyDecisionKind kind, const char* when, bool inform_subjects,
                                    const char* awareness = kMon) {
  auto s = incident(awareness);
  s.imy_decision = ImyDecision{kind, at(when), inform_subjects};
  return s;
}

const std::set<std::string> kAllFixed = {"internal-4h", "internal-12h", "internal-20h", "imy-24h",
                                         "imy-48h",     "imy-60h",      "imy-68h",      "imy-71h"};

std::set<std::string> all_fixed_plus(std::initializer_list<const char*> more) {
  auto s = kAllFixed;
  for (const char* m : more) s.insert(m);
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    OrdinaryWeek, LadderTable,
    ::testing::Values(
        LadderCase{"nothing due before the first step", monday, {}, "2026-11-30T12:59:00+01:00", {}, {}, {}},
        LadderCase{"first internal step at +4 h in office hours", monday, {}, "2026-11-30T13:00:00+01:00",
                   {"internal-4h"}, {}, {}},
        LadderCase{"a sent step is not sent again", monday, {"internal-4h"}, "2026-11-30T13:30:00+01:00", {}, {}, {}},
        LadderCase{"evening step waits for the office (deadline is later)", monday, {"internal-4h"},
                   "2026-11-30T21:00:00+01:00", {}, {"internal-12h>2026-12-01T08:00:00+01:00"}, {}},
        LadderCase{"night: newer step supersedes the waiting one", monday, {"internal-4h"}, "2026-12-01T05:00:00+01:00",
                   {}, {"internal-20h>2026-12-01T08:00:00+01:00"}, {"internal-12h"}},
        LadderCase{"office opens: latest step goes, older one skipped", monday, {"internal-4h"},
                   "2026-12-01T08:00:00+01:00", {"internal-20h"}, {}, {"internal-12h"}},
        LadderCase{"internal ladder expired at 24 h, imy ladder starts", monday,
                   {"internal-4h", "internal-12h", "internal-20h"}, "2026-12-01T09:00:00+01:00", {"imy-24h"}, {}, {}},
        LadderCase{"unsent internal steps are skipped once it expired", monday, {"internal-4h"},
                   "2026-12-01T09:00:00+01:00", {"imy-24h"}, {}, {"internal-12h", "internal-20h"}},
        LadderCase{"imy 48 h step", monday, {"internal-4h", "internal-12h", "internal-20h", "imy-24h"},
                   "2026-12-02T09:00:00+01:00", {"imy-48h"}, {}, {}},
        LadderCase{"imy 60 h at night waits (opening before deadline)", monday,
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h", "imy-48h"}, "2026-12-02T21:00:00+01:00",
                   {}, {"imy-60h>2026-12-03T08:00:00+01:00"}, {}},
        LadderCase{"imy 71 h at the opening minute goes now", monday,
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h", "imy-48h"}, "2026-12-03T08:00:00+01:00",
                   {"imy-71h"}, {}, {"imy-60h", "imy-68h"}},
        LadderCase{"overdue-1 at the deadline", monday, kAllFixed, "2026-12-03T09:00:00+01:00", {"overdue-1"}, {}, {}},
        LadderCase{"overdue-2 at night after the deadline goes to on-call", monday, all_fixed_plus({"overdue-1"}),
                   "2026-12-03T21:00:00+01:00", {"overdue-2!oncall"}, {}, {}},
        LadderCase{"overdue-3 next morning to the office", monday, all_fixed_plus({"overdue-1", "overdue-2"}),
                   "2026-12-04T09:00:00+01:00", {"overdue-3"}, {}, {}},
        LadderCase{"overdue repetition keeps counting over the weekend", monday,
                   all_fixed_plus({"overdue-1", "overdue-2", "overdue-3", "overdue-4"}), "2026-12-05T09:00:00+01:00",
                   {"overdue-5!oncall"}, {}, {}},
        LadderCase{"missed overdue steps: only the latest", monday, all_fixed_plus({"overdue-1"}),
                   "2026-12-07T10:00:00+01:00", {"overdue-9"}, {},
                   {"overdue-2", "overdue-3", "overdue-4", "overdue-5", "overdue-6", "overdue-7", "overdue-8"}},
        LadderCase{"daemon down two days: only the latest of each ladder", monday, {"internal-4h"},
                   "2026-12-02T22:00:00+01:00", {}, {"imy-60h>2026-12-03T08:00:00+01:00"},
                   {"imy-24h", "imy-48h", "internal-12h", "internal-20h"}},
        LadderCase{"latest already sent: older unsent are skipped, nothing sent", monday, {"imy-48h"},
                   "2026-12-02T10:00:00+01:00", {}, {}, {"imy-24h", "internal-12h", "internal-20h", "internal-4h"}}));

INSTANTIATE_TEST_SUITE_P(
    Decisions, LadderTable,
    ::testing::Values(
        LadderCase{"initial assessment stops the internal ladder", [] { return with_assessment(2, 2); }, {},
                   "2026-11-30T21:00:00+01:00", {}, {}, {}},
        LadderCase{"assessment without valid category keeps reminding", [] { return with_assessment(0, 2); }, {},
                   "2026-11-30T13:00:00+01:00", {"internal-4h"}, {}, {}},
        LadderCase{"assessment with priority P4 is not a recorded assessment", [] { return with_assessment(1, 4); },
                   {}, "2026-11-30T13:00:00+01:00", {"internal-4h"}, {}, {}},
        LadderCase{"assessment does not stop the imy ladder", [] { return with_assessment(3, 1); }, {},
                   "2026-12-01T09:00:00+01:00", {"imy-24h"}, {}, {}},
        LadderCase{"decision before the first reminder: nothing at 4 h",
                   [] { return with_decision(ImyDecisionKind::not_notified, "2026-11-30T10:00:00+01:00", false); }, {},
                   "2026-11-30T13:00:00+01:00", {}, {}, {}},
        LadderCase{"decision before the first reminder: nothing at 72 h",
                   [] { return with_decision(ImyDecisionKind::not_notified, "2026-11-30T10:00:00+01:00", false); }, {},
                   "2026-12-03T09:00:00+01:00", {}, {}, {}},
        LadderCase{"notified: no overdue reminders",
                   [] { return with_decision(ImyDecisionKind::notified, "2026-12-02T10:00:00+01:00", false); },
                   {"internal-4h", "imy-24h"}, "2026-12-04T09:00:00+01:00", {}, {}, {}},
        LadderCase{"decision withdrawn: ladder resumes with the latest due step", monday,
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h"}, "2026-12-02T21:30:00+01:00", {},
                   {"imy-60h>2026-12-03T08:00:00+01:00"}, {"imy-48h"}},
        LadderCase{"subjects must be informed: first reminder at the decision",
                   [] { return with_decision(ImyDecisionKind::notified, "2026-11-30T10:00:00+01:00", true); }, {},
                   "2026-11-30T10:00:00+01:00", {"subjects-decided"}, {}, {}},
        LadderCase{"subjects reminder every 24 h",
                   [] { return with_decision(ImyDecisionKind::notified, "2026-11-30T10:00:00+01:00", true); },
                   {"subjects-decided"}, "2026-12-01T10:00:00+01:00", {"subjects-1"}, {}, {}},
        LadderCase{"subjects reminder after a decision outside office hours waits (no IMY rush)",
                   [] { return with_decision(ImyDecisionKind::notified, "2026-12-04T18:00:00+01:00", true); }, {},
                   "2026-12-04T18:00:00+01:00", {}, {"subjects-decided>2026-12-07T08:00:00+01:00"}, {}},
        LadderCase{"subjects informed: reminders stop",
                   [] {
                     auto s = with_decision(ImyDecisionKind::notified, "2026-11-30T10:00:00+01:00", true);
                     s.subjects_informed_at = at("2026-12-01T09:00:00+01:00");
                     return s;
                   },
                   {"subjects-decided"}, "2026-12-03T10:00:00+01:00", {}, {}, {}},
        LadderCase{"not_notified without informing subjects: silence",
                   [] { return with_decision(ImyDecisionKind::not_notified, "2026-11-30T10:00:00+01:00", false); }, {},
                   "2026-12-05T10:00:00+01:00", {}, {}, {}},
        LadderCase{"processor: inform the controller at once",
                   [] {
                     auto s = monday();
                     s.organisation_is_processor = true;
                     return s;
                   },
                   {}, kMon, {"processor-inform"}, {}, {}},
        LadderCase{"processor reminder repeats until the controller is informed",
                   [] {
                     auto s = monday();
                     s.organisation_is_processor = true;
                     return s;
                   },
                   {"processor-inform", "internal-4h"}, "2026-11-30T21:00:00+01:00", {},
                   {"internal-12h>2026-12-01T08:00:00+01:00", "processor-1>2026-12-01T08:00:00+01:00"}, {}},
        LadderCase{"processor: controller informed stops the ladder",
                   [] {
                     auto s = monday();
                     s.organisation_is_processor = true;
                     s.controller_informed_at = at("2026-11-30T11:00:00+01:00");
                     return s;
                   },
                   {"processor-inform"}, "2026-11-30T13:00:00+01:00", {"internal-4h"}, {}, {}}));

INSTANTIATE_TEST_SUITE_P(
    LateReports, LadderTable,
    ::testing::Values(
        LadderCase{"report received after 24 h: internal steps skipped, imy-24h now",
                   [] { return incident("2026-11-30T09:00:00+01:00", "2026-12-01T10:00:00+01:00"); }, {},
                   "2026-12-01T10:00:00+01:00", {"imy-24h"}, {}, {"internal-12h", "internal-20h", "internal-4h"}},
        LadderCase{"report received after 72 h: straight to the latest overdue step",
                   [] { return incident("2026-11-23T09:00:00+01:00", "2026-11-30T10:00:00+01:00"); }, {},
                   "2026-11-30T10:00:00+01:00", {"overdue-9"}, {},
                   {"imy-24h", "imy-48h", "imy-60h", "imy-68h", "imy-71h", "internal-12h", "internal-20h",
                    "internal-4h", "overdue-1", "overdue-2", "overdue-3", "overdue-4", "overdue-5", "overdue-6",
                    "overdue-7", "overdue-8"}},
        LadderCase{"awareness before receipt: ladder counts from awareness",
                   [] { return incident("2026-11-30T05:00:00+01:00", "2026-11-30T09:30:00+01:00"); }, {},
                   "2026-11-30T09:30:00+01:00", {"internal-4h"}, {}, {}},
        LadderCase{"date-only discovery counts from 00:00: 12 h already gone at receipt",
                   [] { return incident("2026-11-30", "2026-11-30T12:00:00+01:00"); }, {}, "2026-11-30T12:00:00+01:00",
                   {"internal-12h"}, {}, {"internal-4h"}},
        LadderCase{"discovery stated after receipt: receipt is awareness",
                   [] { return incident("2026-12-01T09:00:00+01:00", "2026-11-30T09:00:00+01:00"); }, {},
                   "2026-11-30T12:00:00+01:00", {}, {}, {}}));

INSTANTIATE_TEST_SUITE_P(
    WeekendsHolidaysAndDst, LadderTable,
    ::testing::Values(
        LadderCase{"friday evening, deadline after monday opening: wait",
                   [] { return incident("2026-12-04T16:00:00+01:00"); }, {}, "2026-12-04T20:00:00+01:00", {},
                   {"internal-4h>2026-12-07T08:00:00+01:00"}, {}},
        LadderCase{"saturday: imy-24h waits for monday", [] { return incident("2026-12-04T16:00:00+01:00"); },
                   {}, "2026-12-05T16:00:00+01:00", {}, {"imy-24h>2026-12-07T08:00:00+01:00"},
                   {"internal-12h", "internal-20h", "internal-4h"}},
        LadderCase{"monday opening: latest step goes to the office",
                   [] { return incident("2026-12-04T16:00:00+01:00"); }, {}, "2026-12-07T08:00:00+01:00",
                   {"imy-60h"}, {}, {"imy-24h", "imy-48h", "internal-12h", "internal-20h", "internal-4h"}},
        LadderCase{"thursday evening: deadline sunday is before monday: on-call",
                   [] { return incident("2026-12-03T20:00:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-12-04T20:00:00+01:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"sunday: 71 h step to on-call", [] { return incident("2026-12-03T20:00:00+01:00"); },
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h", "imy-48h", "imy-60h", "imy-68h"},
                   "2026-12-06T19:00:00+01:00", {"imy-71h!oncall"}, {}, {}},
        LadderCase{"julafton 2026: deadline on annandag jul, office opens 28th: on-call",
                   [] { return incident("2026-12-23T10:00:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-12-24T10:00:00+01:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"lillejulafton evening: internal step to on-call over Christmas",
                   [] { return incident("2026-12-23T10:00:00+01:00"); }, {"internal-4h"}, "2026-12-23T22:00:00+01:00",
                   {"internal-12h!oncall"}, {}, {}},
        LadderCase{"lillejulafton afternoon: office still open",
                   [] { return incident("2026-12-23T10:00:00+01:00"); }, {}, "2026-12-23T14:00:00+01:00",
                   {"internal-4h"}, {}, {}},
        LadderCase{"långfredagen 2027: on-call", [] { return incident("2027-03-24T12:00:00+01:00"); },
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h"}, "2027-03-26T12:00:00+01:00",
                   {"imy-48h!oncall"}, {}, {}},
        LadderCase{"midsommarafton 2026: on-call", [] { return incident("2026-06-18T15:00:00+02:00"); },
                   {"internal-4h", "internal-12h", "internal-20h"}, "2026-06-19T15:00:00+02:00", {"imy-24h!oncall"}, {},
                   {}},
        LadderCase{"kristi himmelsfärd 2026: the klämdag friday is a workday, so wait for it",
                   [] { return incident("2026-05-13T12:00:00+02:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-05-14T12:00:00+02:00", {}, {"imy-24h>2026-05-15T08:00:00+02:00"}, {}},
        LadderCase{"första maj 2026 (friday): deadline sunday: on-call",
                   [] { return incident("2026-04-30T11:00:00+02:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-05-01T11:00:00+02:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"nyårsafton 2026: deadline 2 jan (office opens 4 jan): on-call",
                   [] { return incident("2026-12-30T10:00:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-12-31T10:00:00+01:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"autumn DST: 08:30 awareness → deadline 07:30 monday, before opening: on-call",
                   [] { return incident("2026-10-23T08:30:00+02:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-10-24T08:30:00+02:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"autumn DST: 10:00 awareness → deadline 09:00 monday, after opening: wait",
                   [] { return incident("2026-10-23T10:00:00+02:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-10-24T10:00:00+02:00", {}, {"imy-24h>2026-10-26T08:00:00+01:00"}, {}},
        LadderCase{"autumn DST: 71 h step lands on 08:00 monday local, office open",
                   [] { return incident("2026-10-23T10:00:00+02:00"); },
                   {"internal-4h", "internal-12h", "internal-20h", "imy-24h"}, "2026-10-26T08:00:00+01:00",
                   {"imy-71h"}, {}, {"imy-48h", "imy-60h", "imy-68h"}},
        LadderCase{"spring DST: 07:30 awareness → deadline 08:30 monday, after opening: wait",
                   [] { return incident("2026-03-27T07:30:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-03-28T07:30:00+01:00", {}, {"imy-24h>2026-03-30T08:00:00+02:00"}, {}},
        LadderCase{"spring DST: 06:30 awareness → deadline 07:30 monday: on-call",
                   [] { return incident("2026-03-27T06:30:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2026-03-28T06:30:00+01:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"spring DST 2027 over easter: deadline on påskdagen: on-call",
                   [] { return incident("2027-03-25T09:00:00+01:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2027-03-26T09:00:00+01:00", {"imy-24h!oncall"}, {}, {}},
        LadderCase{"autumn DST 2027: alla helgons weekend, deadline monday 09:00 after opening: wait",
                   [] { return incident("2027-10-29T10:00:00+02:00"); }, {"internal-4h", "internal-12h", "internal-20h"},
                   "2027-10-30T10:00:00+02:00", {}, {"imy-24h>2027-11-01T08:00:00+01:00"}, {}}));

TEST(ReminderLadder, OnCallRoutingReplacesOfficeRolesButKeepsAlwaysReachableOnes) {
  LadderConfig config = default_ladder_config();
  config.oncall_recipients = {Role::oncall, Role::deputy};
  config.imy.steps[0].recipients = {Role::ciso, Role::oncall};
  auto s = incident("2026-12-03T20:00:00+01:00");
  auto due = due_reminders(s, config, {"internal-4h", "internal-12h", "internal-20h"}, at("2026-12-04T20:00:00+01:00"),
                           OfficeHours{});
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(due[0].via_oncall);
  EXPECT_EQ(due[0].recipients, (std::vector<Role>{Role::oncall, Role::deputy}));
  EXPECT_EQ(due[0].scheduled_at, at("2026-12-04T20:00:00+01:00"));
}

TEST(ReminderLadder, StepOnlyForOnCallIsSentAtNight) {
  LadderConfig config = default_ladder_config();
  config.internal.steps[1].recipients = {Role::oncall};
  auto due = due_reminders(monday(), config, {"internal-4h"}, at("2026-11-30T21:00:00+01:00"), OfficeHours{});
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].step_id, "internal-12h");
  EXPECT_FALSE(due[0].via_oncall);
  EXPECT_EQ(due[0].recipients, (std::vector<Role>{Role::oncall}));
}

TEST(ReminderLadder, RecipientsOfOfficeStepAreTheConfiguredRoles) {
  auto due = due_reminders(monday(), default_ladder_config(), kAllFixed, at("2026-12-03T09:00:00+01:00"), OfficeHours{});
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].ladder, LadderKind::imy);
  EXPECT_EQ(due[0].recipients, (std::vector<Role>{Role::ciso, Role::dpo, Role::forvaltningschef}));
}

TEST(ReminderLadder, NextWakeupIsTheNextStepOrOpening) {
  auto plan = plan_reminders(monday(), default_ladder_config(), {}, at("2026-11-30T10:00:00+01:00"), OfficeHours{});
  ASSERT_TRUE(plan.next_wakeup);
  EXPECT_EQ(*plan.next_wakeup, at("2026-11-30T13:00:00+01:00"));
  plan = plan_reminders(monday(), default_ladder_config(), {"internal-4h"}, at("2026-11-30T21:00:00+01:00"),
                        OfficeHours{});
  ASSERT_TRUE(plan.next_wakeup);
  EXPECT_EQ(*plan.next_wakeup, at("2026-12-01T05:00:00+01:00"));  // internal-20h before the opening
}

TEST(ReminderLadder, LongOutageListsABoundedNumberOfSkippedSteps) {
  auto plan = plan_reminders(monday(), default_ladder_config(), {}, at("2027-11-30T09:00:00+01:00"), OfficeHours{});
  ASSERT_EQ(plan.send_now.size(), 1u);
  EXPECT_EQ(plan.send_now[0].step_id, "overdue-725");  // 365 days * 2 - 6 + 1
  size_t imy_skipped = 0;
  for (const auto& s : plan.skipped) imy_skipped += s.ladder == LadderKind::imy;
  EXPECT_LE(imy_skipped, kMaxSkippedPerLadder);
}

TEST(ReminderLadder, DisabledLadderSendsNothing) {
  LadderConfig config = default_ladder_config();
  config.internal.enabled = false;
  auto due = due_reminders(monday(), config, {}, at("2026-11-30T13:00:00+01:00"), OfficeHours{});
  EXPECT_TRUE(due.empty());
}

// The scheduler's loop with a FakeClock: tick every 15 minutes, send what is
// due, mark sent and skipped. Each step goes out at most once and never to an
// office role outside office hours.
struct Sent {
  std::string id;
  std::string when;
  bool oncall;
};

std::vector<Sent> simulate(IncidentDeadlineState state, FakeClock& clock, Duration span,
                           const std::function<void(IncidentDeadlineState&, TimePoint)>& events = nullptr) {
  const LadderConfig config = default_ladder_config();
  const OfficeHours office;
  std::set<std::string> sent;
  std::vector<Sent> out;
  const TimePoint end = clock.now() + span;
  for (; clock.now() <= end; clock.advance(minutes(15))) {
    if (events) events(state, clock.now());
    const ReminderPlan plan = plan_reminders(state, config, sent, clock.now(), office);
    for (const auto& r : plan.send_now) {
      EXPECT_TRUE(sent.insert(r.step_id).second) << r.step_id << " sent twice";
      if (!r.via_oncall) {
        for (Role role : r.recipients) {
          if (role != Role::oncall) {
            EXPECT_TRUE(office.is_open(clock.now())) << r.step_id;
          }
        }
      }
      out.push_back({r.step_id, stockholm::format_human(clock.now()), r.via_oncall});
    }
    for (const auto& s : plan.skipped) sent.insert(s.step_id);
  }
  return out;
}

std::vector<std::string> ids(const std::vector<Sent>& sent) {
  std::vector<std::string> out;
  for (const auto& s : sent) out.push_back(s.id + "@" + s.when + (s.oncall ? "!oncall" : ""));
  return out;
}

TEST(ReminderLadderSimulation, OrdinaryWeekWithoutDecision) {
  FakeClock clock(at(kMon));
  auto sent = simulate(monday(), clock, hours(24 * 5));
  EXPECT_EQ(ids(sent), (std::vector<std::string>{
                           "internal-4h@2026-11-30 13:00", "internal-20h@2026-12-01 08:00",
                           "imy-24h@2026-12-01 09:00", "imy-48h@2026-12-02 09:00", "imy-71h@2026-12-03 08:00",
                           "overdue-1@2026-12-03 09:00", "overdue-2@2026-12-03 21:00!oncall",
                           "overdue-3@2026-12-04 09:00", "overdue-4@2026-12-04 21:00!oncall",
                           "overdue-5@2026-12-05 09:00!oncall"}));
}

TEST(ReminderLadderSimulation, DecisionThenWithdrawalResumesTheLadder) {
  FakeClock clock(at(kMon));
  const TimePoint decided = at("2026-12-01T10:00:00+01:00");
  const TimePoint withdrawn = at("2026-12-02T14:00:00+01:00");
  auto sent = simulate(monday(), clock, hours(60), [&](IncidentDeadlineState& s, TimePoint now) {
    if (now == decided) s.imy_decision = ImyDecision{ImyDecisionKind::not_notified, decided, false};
    if (now == withdrawn) s.imy_decision.reset();
  });
  // imy-48h (Wed 09:00) fell in the decided window; after withdrawal it is
  // the latest due step and goes out at once.
  EXPECT_EQ(ids(sent), (std::vector<std::string>{"internal-4h@2026-11-30 13:00", "internal-20h@2026-12-01 08:00",
                                                 "imy-24h@2026-12-01 09:00", "imy-48h@2026-12-02 14:00"}));
}

TEST(ReminderLadderSimulation, ChristmasIncidentReachesOnCall) {
  FakeClock clock(at("2026-12-23T10:00:00+01:00"));
  auto sent = simulate(incident("2026-12-23T10:00:00+01:00"), clock, hours(73));
  EXPECT_EQ(ids(sent), (std::vector<std::string>{
                           "internal-4h@2026-12-23 14:00", "internal-12h@2026-12-23 22:00!oncall",
                           "internal-20h@2026-12-24 06:00!oncall", "imy-24h@2026-12-24 10:00!oncall",
                           "imy-48h@2026-12-25 10:00!oncall", "imy-60h@2026-12-25 22:00!oncall",
                           "imy-68h@2026-12-26 06:00!oncall", "imy-71h@2026-12-26 09:00!oncall",
                           "overdue-1@2026-12-26 10:00!oncall"}));
}

}  // namespace
}  // namespace gdprd::deadlines

namespace gdprd::deadlines {
namespace {

// Random states, sent sets and times (fixed seed): whatever the input, at most
// one reminder per ladder goes out or waits, nothing already sent is sent or
// skipped again, deferred reminders wait for a real opening, and on-call
// routing only happens while the office is closed.
TEST(ReminderLadderInvariants, HoldForRandomStates) {
  std::mt19937 rng(20261130);
  const LadderConfig config = default_ladder_config();
  const OfficeHours office;
  const TimePoint base = at("2026-01-01T00:00:00+01:00");
  const std::vector<std::string> known_ids = {"internal-4h", "internal-12h", "imy-24h", "imy-71h", "overdue-1",
                                              "overdue-3", "subjects-decided", "processor-inform", "processor-2"};
  for (int round = 0; round < 3000; ++round) {
    IncidentDeadlineState s;
    const TimePoint received = base + minutes(rng() % (2 * 365 * 24 * 60));
    s.times = compute_deadlines(std::nullopt, received - minutes(rng() % (100 * 60)));
    if (rng() % 3 == 0) s.initial_assessment = InitialAssessment{int(rng() % 5), int(rng() % 5), received};
    if (rng() % 3 == 0)
      s.imy_decision = ImyDecision{rng() % 2 ? ImyDecisionKind::notified : ImyDecisionKind::not_notified,
                                   received + minutes(rng() % (80 * 60)), rng() % 2 == 0};
    if (rng() % 4 == 0) s.subjects_informed_at = received + hours(rng() % 100);
    s.organisation_is_processor = rng() % 3 == 0;
    std::set<std::string> sent;
    for (const auto& id : known_ids)
      if (rng() % 3 == 0) sent.insert(id);
    const TimePoint now = s.times.awareness + minutes(rng() % (200 * 60));

    const ReminderPlan plan = plan_reminders(s, config, sent, now, office);
    std::set<LadderKind> ladders;
    for (const auto& r : plan.send_now) {
      EXPECT_TRUE(ladders.insert(r.ladder).second) << "two reminders of one ladder";
      EXPECT_FALSE(sent.count(r.step_id)) << r.step_id;
      EXPECT_LE(r.scheduled_at, now);
      EXPECT_FALSE(r.recipients.empty());
      if (r.via_oncall) {
        EXPECT_FALSE(office.is_open(now));
      }
    }
    for (const auto& r : plan.deferred) {
      EXPECT_TRUE(ladders.insert(r.ladder).second) << "two reminders of one ladder";
      EXPECT_GT(r.deliver_at, now);
      EXPECT_TRUE(office.is_open(r.deliver_at));
    }
    for (const auto& k : plan.skipped) {
      EXPECT_FALSE(sent.count(k.step_id)) << k.step_id;
      EXPECT_LE(k.scheduled_at, now);
    }
    if (plan.next_wakeup) {
      EXPECT_GT(*plan.next_wakeup, now);
    }
  }
}

}  // namespace
}  // namespace gdprd::deadlines
