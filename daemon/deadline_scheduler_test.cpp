#include "daemon/deadline_scheduler.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "core/stockholm_time.hpp"
#include "store/test_dir.hpp"

namespace gdprd::daemon {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TimePoint local(int y, int mo, int d, int h, int mi = 0) { return stockholm::to_instant({y, mo, d, h, mi, 0}); }

SchedulerSettings settings() {
  SchedulerSettings s;
  s.recipients = {{"ciso", {"ciso@kommun.example"}},
                  {"deputy", {"deputy@kommun.example"}},
                  {"dpo", {"dpo@kommun.example"}},
                  {"forvaltningschef", {"chef@kommun.example"}},
                  {"oncall", {"jour@kommun.example"}}};
  s.ladders.office_hours_roles.clear();  // reachable at all hours unless a test says otherwise
  s.from = "pui@kommun.example";
  s.reporter_domains = {"kommun.example"};
  return s;
}

// The daemon's objects on one database file; recreate() is a restart.
struct Daemon {
  std::string path;
  FakeClock& clock;
  SchedulerSettings config;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::IncidentStore> store;
  std::unique_ptr<store::DeadlineRepository> repo;
  notify::ReminderComposer reminders{notify::MailComposer("kommun.example"), "pui@kommun.example", "PUI"};
  notify::DecisionReplyComposer replies{notify::MailComposer("kommun.example"), "pui@kommun.example", "PUI"};
  std::unique_ptr<DeadlineScheduler> scheduler;

  Daemon(std::string p, FakeClock& c, SchedulerSettings s = settings()) : path(std::move(p)), clock(c), config(std::move(s)) {
    recreate();
  }
  void recreate() {
    scheduler.reset();
    repo.reset();
    store.reset();
    db.reset();
    db = std::make_unique<store::Database>(path);
    store = std::make_unique<store::IncidentStore>(*db, clock);
    repo = std::make_unique<store::DeadlineRepository>(*db, clock);
    scheduler = std::make_unique<DeadlineScheduler>(*store, *repo, reminders, replies, clock, config);
  }
  store::IncidentRef report(TimePoint awareness, std::string record_json = R"({"message_class":"report"})",
                            int64_t uid = 1) {
    store::IngestRequest r;
    r.mailbox = "INBOX";
    r.uidvalidity = 1;
    r.uid = uid;
    r.raw = "Message-ID: <rep" + std::to_string(uid) + "@kommun.example>\r\nSubject: =?utf-8?q?F=C3=B6rlorad?= dator\r\n\r\nx\r\n";
    r.message_id = "<rep" + std::to_string(uid) + "@kommun.example>";
    r.received_at = clock.now();
    r.awareness_at = awareness;
    r.awareness_source = "discovered_at";
    r.reporter_address = "anna@kommun.example";
    r.record_json = std::move(record_json);
    return *store->ingest(r).incident;
  }
  // The first outbox mail of a kind (ids depend on what else was queued).
  std::optional<store::OutboxEntry> first_outbox(const std::string& kind) {
    for (int64_t id = 1; id < 1000; ++id) {
      auto e = store->outbox_entry(id);
      if (!e) break;
      if (e->kind == kind) return e;
    }
    return std::nullopt;
  }
  // Reminder dedupe keys in the outbox, oldest first.
  std::vector<std::string> reminder_keys() {
    std::vector<std::string> out;
    for (int64_t id = 1; id < 1000; ++id) {
      auto e = store->outbox_entry(id);
      if (!e) break;
      if (e->kind == "reminder") out.push_back(e->dedupe_key);
    }
    return out;
  }
};

struct SchedulerTest : ::testing::Test {
  store::testing::TestDir dir;
  TimePoint t0 = local(2026, 5, 19, 9);  // a Tuesday morning
  FakeClock clock{t0};
};

TEST_F(SchedulerTest, StepGoesOutExactlyOnceAcrossTicksAndRestarts) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  clock.set(t0 + hours(4) + minutes(1));
  auto first = d.scheduler->tick();
  EXPECT_EQ(first.reminders_sent, 1u);
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 0u);
  d.recreate();
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 0u);
  EXPECT_EQ(d.reminder_keys(), std::vector<std::string>{"reminder:" + ref.reference + ":internal:internal-4h"});
  auto mail = d.first_outbox("reminder");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->recipients, std::vector<std::string>{"ciso@kommun.example"});
  EXPECT_NE(mail->message.find("In-Reply-To: <rep1@kommun.example>"), std::string::npos);
}

TEST_F(SchedulerTest, StepsInOrderWithRestartsBetweenThem) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  for (int h : {4, 12, 20, 24, 48}) {
    clock.set(t0 + hours(h) + minutes(5));
    d.scheduler->tick();
    d.recreate();
    d.scheduler->tick();
  }
  const std::string p = "reminder:" + ref.reference + ":";
  EXPECT_EQ(d.reminder_keys(), (std::vector<std::string>{p + "internal:internal-4h", p + "internal:internal-12h",
                                                          p + "internal:internal-20h", p + "imy:imy-24h",
                                                          p + "imy:imy-48h"}));
}

TEST_F(SchedulerTest, AfterAnOutageOnlyTheLatestMissedStepIsSent) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  clock.set(t0 + hours(61));
  auto stats = d.scheduler->tick();
  EXPECT_EQ(stats.reminders_sent, 1u);
  EXPECT_EQ(d.reminder_keys(), std::vector<std::string>{"reminder:" + ref.reference + ":imy:imy-60h"});
  // internal-4h/12h/20h (expired ladder) and imy-24h/48h are recorded as skipped.
  EXPECT_EQ(stats.steps_skipped, 5u);
  size_t skipped = 0;
  for (const auto& r : d.repo->reminders(ref.id)) skipped += !r.sent_at.has_value();
  EXPECT_EQ(skipped, 5u);
  EXPECT_EQ(d.scheduler->tick().steps_skipped, 0u);
}

TEST_F(SchedulerTest, DecisionStopsTheImyLadderAndWithdrawalResumesIt) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  clock.set(t0 + hours(30));
  d.store->record_decision(ref.id, store::Decision{"not_notified", clock.now(), "kalle", std::nullopt,
                                                   std::string("ingen risk"), std::nullopt, std::nullopt});
  clock.set(t0 + hours(73));
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 0u);
  EXPECT_TRUE(d.reminder_keys().empty());
  d.repo->withdraw_decision(ref.id, "kalle", "fel");
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 1u);
  EXPECT_EQ(d.reminder_keys(), std::vector<std::string>{"reminder:" + ref.reference + ":imy:overdue-1"});
}

TEST_F(SchedulerTest, AssessmentStopsOnlyTheInternalLadder) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  d.store->record_assessment(ref.id, 2, "P2", "kalle");
  clock.set(t0 + hours(13));
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 0u);
  clock.set(t0 + hours(25));
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 1u);
  EXPECT_EQ(d.reminder_keys(), std::vector<std::string>{"reminder:" + ref.reference + ":imy:imy-24h"});
}

TEST_F(SchedulerTest, SubjectsLadderStartsWithTheDecisionAndStopsWhenInformed) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  clock.set(t0 + hours(2));
  d.store->record_decision(ref.id, store::Decision{"notified", clock.now(), "kalle", std::string("DI-2026-1"),
                                                   std::nullopt, std::nullopt, true});
  d.store->record_assessment(ref.id, 3, "P1", "kalle");
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 1u);
  EXPECT_EQ(d.reminder_keys(),
            std::vector<std::string>{"reminder:" + ref.reference + ":data_subjects:subjects-decided"});
  d.store->record_subjects_informed(ref.id, clock.now(), "kalle");
  clock.set(t0 + hours(60));
  EXPECT_EQ(d.scheduler->tick().reminders_sent, 0u);
}

TEST_F(SchedulerTest, LateInternalReportIsFlaggedOnce) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0 - hours(30));
  auto stats = d.scheduler->tick();
  EXPECT_EQ(stats.late_flagged, 1u);
  EXPECT_TRUE(d.store->incident_by_id(ref.id)->late_internal_report);
  EXPECT_EQ(d.scheduler->tick().late_flagged, 0u);
  // 30 h after awareness: the internal ladder has expired, imy-24h is due.
  EXPECT_EQ(d.reminder_keys(), std::vector<std::string>{"reminder:" + ref.reference + ":imy:imy-24h"});
}

TEST_F(SchedulerTest, MissingMandatoryAnswersGiveOneCompletionRequest) {
  Daemon d(dir.file("s.sqlite"), clock);
  std::string record = R"({"message_class":"report","warnings":[{"code":"missing_mandatory_field",)"
                       R"("message":"Fråga 7 (E-post) är inte ifylld. Fråga 9 (Roll) är inte ifylld."}]})";
  auto ref = d.report(t0, record);
  EXPECT_EQ(d.scheduler->tick().completion_requests, 1u);
  d.recreate();
  EXPECT_EQ(d.scheduler->tick().completion_requests, 0u);
  auto mail = d.first_outbox("completion_request");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->dedupe_key, "completion:" + ref.reference);
  EXPECT_EQ(mail->recipients, std::vector<std::string>{"anna@kommun.example"});
}

TEST_F(SchedulerTest, NoCompletionRequestOutsideTheReporterDomains) {
  Daemon d(dir.file("s.sqlite"), clock);
  std::string record = R"({"warnings":[{"code":"missing_mandatory_field","message":"Fråga 7 är inte ifylld."}]})";
  store::IngestRequest r;
  r.mailbox = "INBOX";
  r.uidvalidity = 1;
  r.uid = 5;
  r.raw = "Subject: x\r\n\r\ny\r\n";
  r.received_at = clock.now();
  r.reporter_address = "someone@elsewhere.example";
  r.record_json = record;
  d.store->ingest(r);
  EXPECT_EQ(d.scheduler->tick().completion_requests, 0u);
}

TEST_F(SchedulerTest, NightStepGoesToOnCallWhenTheImyDeadlineComesFirst) {
  SchedulerSettings s = settings();
  s.ladders = deadlines::default_ladder_config();  // ciso etc. reachable in office hours only
  TimePoint fri = local(2026, 5, 22, 20);          // Friday evening, awareness
  clock.set(fri);
  Daemon d(dir.file("s.sqlite"), clock, s);
  auto ref = d.report(fri);
  // The 72 h end Monday 20:00; the office reopens only Tuesday 08:00.
  clock.set(fri + hours(71) + minutes(1));  // Monday 19:01, office closed, deadline at 20:00
  auto stats = d.scheduler->tick();
  ASSERT_EQ(stats.reminders_sent, 1u);
  auto keys = d.reminder_keys();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0], "reminder:" + ref.reference + ":imy:imy-71h");
  auto mail = d.first_outbox("reminder");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->recipients, std::vector<std::string>{"jour@kommun.example"});
}

TEST_F(SchedulerTest, NightStepWithoutOnCallAddressGoesToTheCiso) {
  SchedulerSettings s = settings();
  s.ladders = deadlines::default_ladder_config();
  s.recipients.erase("oncall");
  TimePoint fri = local(2026, 5, 22, 20);
  clock.set(fri);
  Daemon d(dir.file("s.sqlite"), clock, s);
  d.report(fri);
  clock.set(fri + hours(71) + minutes(1));  // Monday 19:01: on-call routing, but nobody on call
  auto stats = d.scheduler->tick();
  EXPECT_EQ(stats.errors, 0u);
  ASSERT_EQ(stats.reminders_sent, 1u);
  auto mail = d.first_outbox("reminder");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->recipients, std::vector<std::string>{"ciso@kommun.example"});
}

TEST_F(SchedulerTest, StepWithoutAnyConfiguredAddressIsNotMarkedDone) {
  SchedulerSettings s = settings();
  s.recipients.clear();
  Daemon d(dir.file("s.sqlite"), clock, s);
  auto ref = d.report(t0);
  clock.set(t0 + hours(5));
  auto stats = d.scheduler->tick();
  EXPECT_EQ(stats.reminders_sent, 0u);
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_TRUE(d.repo->reminders(ref.id).empty());
}

TEST_F(SchedulerTest, ClosedIncidentGetsNoReminders) {
  Daemon d(dir.file("s.sqlite"), clock);
  auto ref = d.report(t0);
  d.store->set_state(ref.id, "closed", "kalle");
  clock.set(t0 + hours(50));
  EXPECT_EQ(d.scheduler->tick().incidents, 0u);
  EXPECT_TRUE(d.reminder_keys().empty());
}

}  // namespace
}  // namespace gdprd::daemon
