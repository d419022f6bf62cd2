#include "store/deadline_repository.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;

TimePoint local(int y, int mo, int d, int h = 12, int mi = 0) {
  return stockholm::to_instant({y, mo, d, h, mi, 0});
}

struct Fixture {
  TestDir dir;
  FakeClock clock{local(2026, 5, 20)};
  Database db{dir.file("s.sqlite")};
  IncidentStore store{db, clock};
  DeadlineRepository repo{db, clock};

  IncidentRef incident(int64_t uid = 1) {
    IngestRequest r;
    r.mailbox = "INBOX";
    r.uidvalidity = 1;
    r.uid = uid;
    r.raw = "Message-ID: <r" + std::to_string(uid) + "@kommun.example>\r\n\r\nx\r\n";
    r.message_id = "<r" + std::to_string(uid) + "@kommun.example>";
    r.received_at = clock.now();
    r.awareness_at = clock.now();
    r.awareness_source = "received_at";
    return *store.ingest(r).incident;
  }
};

OutboxMail reminder_mail(const std::string& key) {
  return OutboxMail{"reminder", key, "pui@kommun.example", {"ciso@kommun.example"}, "Subject: x\r\n\r\ny\r\n",
                    key + "@kommun.example"};
}

size_t count_events(IncidentStore& store, int64_t id, std::string_view kind) {
  size_t n = 0;
  for (const auto& e : store.events(id)) n += e.kind == kind;
  return n;
}

TEST(DeadlineRepository, SecondSendOfTheSameStepWritesNothing) {
  Fixture f;
  auto ref = f.incident();
  EXPECT_TRUE(f.repo.record_reminder_sent(ref.id, "imy", "imy-24h", f.clock.now(), reminder_mail("reminder:a")));
  EXPECT_FALSE(f.repo.record_reminder_sent(ref.id, "imy", "imy-24h", f.clock.now(), reminder_mail("reminder:b")));
  EXPECT_EQ(f.store.outbox_stats().unsent, 1);
  EXPECT_EQ(count_events(f.store, ref.id, "reminder_sent"), 1u);
  auto rows = f.repo.reminders(ref.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].step, "imy-24h");
  EXPECT_TRUE(rows[0].sent_at.has_value());
}

TEST(DeadlineRepository, SkippedStepHasNoSentTimeAndNoMail) {
  Fixture f;
  auto ref = f.incident();
  EXPECT_TRUE(f.repo.record_reminder_skipped(ref.id, "internal", "internal-4h", f.clock.now()));
  EXPECT_FALSE(f.repo.record_reminder_skipped(ref.id, "internal", "internal-4h", f.clock.now()));
  // A skipped step also blocks a later send of the same step.
  EXPECT_FALSE(f.repo.record_reminder_sent(ref.id, "internal", "internal-4h", f.clock.now(),
                                           reminder_mail("reminder:c")));
  auto rows = f.repo.reminders(ref.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].sent_at.has_value());
  EXPECT_EQ(f.store.outbox_stats().unsent, 0);
}

TEST(DeadlineRepository, LateFlagIsSetAndLoggedOnce) {
  Fixture f;
  auto ref = f.incident();
  EXPECT_TRUE(f.repo.flag_late_internal_report(ref.id, "daemon", "{}"));
  EXPECT_FALSE(f.repo.flag_late_internal_report(ref.id, "daemon", "{}"));
  EXPECT_TRUE(f.store.incident_by_id(ref.id)->late_internal_report);
  EXPECT_EQ(count_events(f.store, ref.id, "late_internal_report"), 1u);
}

TEST(DeadlineRepository, EnqueueOnceLogsOnlyTheFirst) {
  Fixture f;
  auto ref = f.incident();
  EXPECT_TRUE(f.repo.enqueue_once(ref.id, reminder_mail("completion:X"), "completion_requested", "daemon"));
  EXPECT_FALSE(f.repo.enqueue_once(ref.id, reminder_mail("completion:X"), "completion_requested", "daemon"));
  EXPECT_EQ(count_events(f.store, ref.id, "completion_requested"), 1u);
}

TEST(DeadlineRepository, AwarenessCorrectionKeepsOldValueInTheLog) {
  Fixture f;
  auto ref = f.incident();
  TimePoint earlier = local(2026, 5, 18, 9);
  f.repo.correct_awareness(ref.id, earlier, "corrected", "kalle", "fel datum");
  auto row = f.store.incident_by_id(ref.id);
  EXPECT_EQ(row->awareness_at, earlier);
  EXPECT_EQ(row->awareness_source, "corrected");
  auto events = f.store.events(ref.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, "awareness_corrected");
  EXPECT_EQ(events.back().actor, "kalle");
  EXPECT_NE(events.back().detail_json.find(stockholm::format_rfc3339(local(2026, 5, 20))), std::string::npos);
  EXPECT_THROW(f.repo.correct_awareness(9999, earlier, "corrected", "kalle", ""), StoreError);
}

TEST(DeadlineRepository, WithdrawnDecisionIsGoneButLogged) {
  Fixture f;
  auto ref = f.incident();
  f.store.record_decision(ref.id, Decision{"notified", f.clock.now(), "kalle", "DI-2026-1", std::nullopt,
                                           std::nullopt, std::nullopt});
  f.repo.withdraw_decision(ref.id, "kalle", "fel ärende");
  auto row = f.store.incident_by_id(ref.id);
  EXPECT_FALSE(row->decision.has_value());
  EXPECT_FALSE(row->imy_reference.has_value());
  EXPECT_EQ(count_events(f.store, ref.id, "decision_recorded"), 1u);
  EXPECT_EQ(count_events(f.store, ref.id, "decision_withdrawn"), 1u);
}

TEST(DeadlineRepository, AssessmentTimeIsTheLatestAssessment) {
  Fixture f;
  auto ref = f.incident();
  EXPECT_FALSE(f.repo.assessment_at(ref.id));
  f.store.record_assessment(ref.id, 2, "P2", "kalle");
  f.clock.advance(std::chrono::hours(1));
  f.store.record_assessment(ref.id, 3, "P1", "kalle");
  EXPECT_EQ(f.repo.assessment_at(ref.id), f.clock.now());
}

}  // namespace
}  // namespace gdprd::store
