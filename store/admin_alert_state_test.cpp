#include "store/admin_alert_state.hpp"

#include <gtest/gtest.h>

#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;

const TimePoint kT0 = TimePoint(std::chrono::seconds(1'800'000'000));

OutboxMail alert_mail(const std::string& key) {
  return OutboxMail{"admin_alert", key, "pui@kommun.example", {"drift@kommun.example"}, "Subject: x\r\n\r\ny\r\n",
                    key + "@kommun.example"};
}

struct Fixture {
  TestDir dir;
  FakeClock clock{kT0};
  Database db{dir.file("s.sqlite")};
  IncidentStore store{db, clock};
  AdminAlertState state{db};
};

TEST(AdminAlertState, SecondOpenOfTheSameConditionReturnsTheOpenEpisode) {
  Fixture f;
  auto first = f.state.open_episode("poll_failure:imaps://h/INBOX", kT0, "connect refused");
  auto again = f.state.open_episode("poll_failure:imaps://h/INBOX", kT0 + std::chrono::minutes(5), "timeout");
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.started_at, kT0);
  EXPECT_EQ(again.last_error, "connect refused");
  auto other = f.state.open_episode("outbox_stuck", kT0);
  EXPECT_NE(other.id, first.id);
  EXPECT_EQ(f.state.open_episodes().size(), 2u);
}

TEST(AdminAlertState, AlertIsQueuedOncePerEpisodeWithoutAnIncident) {
  Fixture f;
  auto e = f.state.open_episode("outbox_stuck", kT0);
  EXPECT_TRUE(f.state.mark_alerted(e.id, kT0 + std::chrono::minutes(1), "3 unsent", alert_mail("alert:1")));
  EXPECT_FALSE(f.state.mark_alerted(e.id, kT0 + std::chrono::minutes(2), "3 unsent", alert_mail("alert:1b")));
  auto due = f.store.due_outbox(kT0 + std::chrono::hours(1), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].dedupe_key, "alert:1");
  EXPECT_FALSE(due[0].incident_id.has_value());
  EXPECT_EQ(due[0].recipients, std::vector<std::string>{"drift@kommun.example"});
  auto open = f.state.open_episodes();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].alerted_at, kT0 + std::chrono::minutes(1));
  EXPECT_EQ(open[0].last_error, "3 unsent");
}

TEST(AdminAlertState, EndedEpisodeTakesNoRecoveryTwiceAndANewEpisodeCanOpen) {
  Fixture f;
  auto e = f.state.open_episode("outbox_stuck", kT0);
  ASSERT_TRUE(f.state.mark_alerted(e.id, kT0, "", alert_mail("alert:1")));
  EXPECT_TRUE(f.state.end_episode(e.id, kT0 + std::chrono::hours(1), alert_mail("recovery:1")));
  EXPECT_FALSE(f.state.end_episode(e.id, kT0 + std::chrono::hours(2), alert_mail("recovery:1b")));
  EXPECT_FALSE(f.state.mark_alerted(e.id, kT0 + std::chrono::hours(2), "", alert_mail("alert:1c")));
  EXPECT_TRUE(f.state.open_episodes().empty());
  EXPECT_EQ(f.store.outbox_stats().unsent, 2);
  auto next = f.state.open_episode("outbox_stuck", kT0 + std::chrono::hours(3));
  EXPECT_NE(next.id, e.id);
  auto recent = f.state.recent_episodes();
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[1].id, e.id);
  EXPECT_TRUE(recent[1].recovery_sent);
  EXPECT_EQ(recent[1].ended_at, kT0 + std::chrono::hours(1));
}

TEST(AdminAlertState, QuietEndQueuesNothing) {
  Fixture f;
  auto e = f.state.open_episode("poll_failure:x", kT0);
  EXPECT_TRUE(f.state.end_episode(e.id, kT0 + std::chrono::minutes(3)));
  EXPECT_EQ(f.store.outbox_stats().unsent, 0);
  EXPECT_FALSE(f.state.recent_episodes()[0].recovery_sent);
}

TEST(AdminAlertState, NoticeIsRecordedOnceAndSurvivesReopeningTheFile) {
  TestDir dir;
  {
    Database db(dir.file("s.sqlite"));
    AdminAlertState state(db);
    EXPECT_FALSE(state.notice_sent("secret:imap:2027-03-01:warning"));
    EXPECT_TRUE(state.record_notice("secret:imap:2027-03-01:warning", kT0, alert_mail("n1")));
    EXPECT_FALSE(state.record_notice("secret:imap:2027-03-01:warning", kT0, alert_mail("n2")));
  }
  Database db(dir.file("s.sqlite"));
  AdminAlertState state(db);
  EXPECT_TRUE(state.notice_sent("secret:imap:2027-03-01:warning"));
  EXPECT_FALSE(state.record_notice("secret:imap:2027-03-01:warning", kT0, alert_mail("n3")));
  FakeClock clock(kT0);
  IncidentStore store(db, clock);
  EXPECT_EQ(store.outbox_stats().unsent, 1);
}

}  // namespace
}  // namespace gdprd::store
