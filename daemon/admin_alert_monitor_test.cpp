#include "daemon/admin_alert_monitor.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "core/stockholm_time.hpp"
#include "notify/test_decode.hpp"
#include "store/test_dir.hpp"

namespace gdprd::daemon {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using Action = AlertStep::Action;

constexpr const char* kMailbox = "imaps://imap.kommun.example:993/INBOX";

TimePoint local(int y, int mo, int d, int h, int mi = 0) { return stockholm::to_instant({y, mo, d, h, mi, 0}); }

AlertSettings settings() {
  AlertSettings s;
  s.admins = {"drift@kommun.example", "it@kommun.example"};
  s.from = "pui@kommun.example";
  s.ctl_config_path = "/etc/gdprincidentd/gdprincidentd.toml";
  s.secrets = secret_deadlines({{"imap-password", 2027, 3, 1}});
  return s;
}

std::vector<MailboxPollResult> failed() { return {{kMailbox, false, "Couldn't connect to server"}}; }
std::vector<MailboxPollResult> good() { return {{kMailbox, true, ""}}; }

// The daemon's objects on one SQLite file; restart() drops and reopens them
// all, as a new process would.
struct Daemon {
  store::testing::TestDir dir;
  FakeClock clock{local(2026, 12, 1, 3, 10)};
  AlertSettings config = settings();
  notify::AdminAlertComposer composer{notify::MailComposer("kommun.example"), "pui@kommun.example", "PUI"};
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::IncidentStore> store;
  std::unique_ptr<store::AdminAlertState> state;
  std::unique_ptr<AdminAlertMonitor> monitor;

  Daemon() { restart(); }
  void restart() {
    monitor.reset();
    state.reset();
    store.reset();
    db.reset();
    db = std::make_unique<store::Database>(dir.file("s.sqlite"));
    store = std::make_unique<store::IncidentStore>(*db, clock);
    state = std::make_unique<store::AdminAlertState>(*db);
    monitor = std::make_unique<AdminAlertMonitor>(*state, *store, composer, clock, config);
  }
  // A check at START + SINCE_START; then, while smtp_up, the outbox drains
  // as the daemon's dispatch after the check would drain it.
  AlertCheckStats at(Duration since_start, const std::vector<MailboxPollResult>& polls, TimePoint start) {
    clock.set(start + since_start);
    auto stats = monitor->check(polls);
    if (smtp_up) send_everything();
    return stats;
  }
  bool smtp_up = true;
  // Every admin mail queued so far (sent or not), oldest first.
  std::vector<store::OutboxEntry> admin_mails() {
    std::vector<store::OutboxEntry> out;
    for (int64_t id = 1;; ++id) {
      auto e = store->outbox_entry(id);
      if (!e) break;
      if (e->kind == "admin_alert") out.push_back(*e);
    }
    return out;
  }
  std::string subject(const store::OutboxEntry& e) {
    return notify::testing::decode_words(notify::testing::raw_header(e.message, "Subject").value_or(""));
  }
  void send_everything() {
    for (const auto& e : store->due_outbox(clock.now() + hours(24 * 365), 1000)) store->mark_sent(e.id, clock.now());
  }
};

TEST(AdminAlertMonitor, PollFailureAlertsAfterThirtyMinutesNotBefore) {
  Daemon d;
  const TimePoint t0 = d.clock.now();
  EXPECT_EQ(d.at(minutes(0), failed(), t0).queued(), 0u);
  EXPECT_EQ(d.at(minutes(29) + std::chrono::seconds(59), failed(), t0).queued(), 0u);
  EXPECT_TRUE(d.admin_mails().empty());
  auto stats = d.at(minutes(30), failed(), t0);
  EXPECT_EQ(stats.alerts, 1u);
  auto mails = d.admin_mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].recipients, (std::vector<std::string>{"drift@kommun.example", "it@kommun.example"}));
  EXPECT_FALSE(mails[0].incident_id.has_value());
  EXPECT_EQ(d.subject(mails[0]), "[gdprincidentd] LARM: incidentbrevlådan kan inte läsas sedan 2026-12-01 03:10");
}

TEST(AdminAlertMonitor, ExactlyOneAlertPerEpisodeAcrossRestarts) {
  Daemon d;
  const TimePoint t0 = d.clock.now();
  d.at(minutes(0), failed(), t0);
  d.restart();
  d.at(minutes(15), failed(), t0);
  d.restart();
  EXPECT_EQ(d.at(minutes(31), failed(), t0).alerts, 1u);
  for (int m : {32, 45, 90, 600}) {
    d.restart();
    EXPECT_EQ(d.at(minutes(m), failed(), t0).queued(), 0u) << m;
  }
  EXPECT_EQ(d.admin_mails().size(), 1u);
  auto open = d.state->open_episodes();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].started_at, t0);  // the episode began at the first failure, not at a restart
}

TEST(AdminAlertMonitor, RecoveryMailOnceWhenTheEpisodeEndsThenANewEpisode) {
  Daemon d;
  const TimePoint t0 = d.clock.now();
  d.at(minutes(0), failed(), t0);
  d.at(minutes(35), failed(), t0);
  EXPECT_EQ(d.at(hours(2) + minutes(14), good(), t0).recoveries, 1u);
  d.restart();
  EXPECT_EQ(d.at(hours(3), good(), t0).queued(), 0u);
  auto mails = d.admin_mails();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(d.subject(mails[1]), "[gdprincidentd] Åtgärdat: incidentbrevlådan kan läsas igen");
  EXPECT_NE(notify::testing::decode_qp(notify::testing::body_of(mails[1].message)).find("varade 2 h 14 min"),
            std::string::npos);
  EXPECT_NE(mails[0].dedupe_key, mails[1].dedupe_key);
  // A second outage is a second episode with its own alert.
  d.at(hours(4), failed(), t0);
  EXPECT_EQ(d.at(hours(4) + minutes(30), failed(), t0).alerts, 1u);
  EXPECT_EQ(d.admin_mails().size(), 3u);
}

TEST(AdminAlertMonitor, OutageShorterThanTheThresholdEndsWithoutAnyMail) {
  Daemon d;
  const TimePoint t0 = d.clock.now();
  d.at(minutes(0), failed(), t0);
  d.at(minutes(20), failed(), t0);
  EXPECT_EQ(d.at(minutes(25), good(), t0).queued(), 0u);
  EXPECT_TRUE(d.admin_mails().empty());
  EXPECT_TRUE(d.state->open_episodes().empty());
  // The next failure starts the 30 minutes afresh.
  d.at(minutes(40), failed(), t0);
  EXPECT_EQ(d.at(minutes(69), failed(), t0).queued(), 0u);
  EXPECT_EQ(d.at(minutes(70), failed(), t0).alerts, 1u);
}

TEST(AdminAlertMonitor, OutboxStuckAlertsOnceAndRecoversWhenItDrains) {
  Daemon d;
  d.smtp_up = false;
  const TimePoint t0 = d.clock.now();
  store::OutboxMail ack{"ack", "ack:PUI-2026-0001", "pui@kommun.example", {"anna@kommun.example"}, "x\r\n", "a@k"};
  ASSERT_TRUE(d.store->enqueue(std::nullopt, ack));
  EXPECT_EQ(d.at(minutes(29), good(), t0).queued(), 0u);
  EXPECT_EQ(d.at(minutes(30), good(), t0).alerts, 1u);
  EXPECT_EQ(d.at(minutes(50), good(), t0).queued(), 0u);
  d.restart();
  EXPECT_EQ(d.at(minutes(55), good(), t0).queued(), 0u);
  auto mails = d.admin_mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(d.subject(mails[0]), "[gdprincidentd] LARM: utgående mejl har fastnat sedan 2026-12-01 03:10");
  // SMTP back: the ack and the alert itself leave; the next check says so.
  d.smtp_up = true;
  d.clock.set(t0 + hours(1));
  d.send_everything();
  EXPECT_EQ(d.at(hours(1), good(), t0).recoveries, 1u);
  EXPECT_EQ(d.at(hours(2), good(), t0).queued(), 0u);
  ASSERT_EQ(d.admin_mails().size(), 2u);
  EXPECT_EQ(d.subject(d.admin_mails()[1]), "[gdprincidentd] Åtgärdat: utgående mejl skickas igen");
}

TEST(AdminAlertMonitor, GivenUpMailDoesNotCountAsStuck) {
  Daemon d;
  const TimePoint t0 = d.clock.now();
  store::OutboxMail ack{"ack", "ack:PUI-2026-0001", "pui@kommun.example", {"nobody@example.invalid"}, "x\r\n", "a@k"};
  ASSERT_TRUE(d.store->enqueue(std::nullopt, ack));
  d.store->mark_failed(1, "550 no such user", std::nullopt);  // permanent: stays for a human, not for alerts
  EXPECT_EQ(d.at(hours(2), good(), t0).queued(), 0u);
}

TEST(AdminAlertMonitor, SecretWarningFourteenDaysBeforeNotEarlierAndOnce) {
  Daemon d;
  const TimePoint expiry = local(2027, 3, 1, 0);
  const TimePoint warn = expiry - hours(24 * 14);
  EXPECT_EQ(d.at(-minutes(1), good(), warn).queued(), 0u);
  EXPECT_EQ(d.at(minutes(0), good(), warn).notices, 1u);
  EXPECT_EQ(d.at(hours(1), good(), warn).queued(), 0u);
  d.restart();
  EXPECT_EQ(d.at(hours(24 * 5), good(), warn).queued(), 0u);
  auto mails = d.admin_mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(d.subject(mails[0]), "[gdprincidentd] Varning: hemligheten \"imap-password\" går ut 2027-03-01");
  // Again 3 days before, and on the day.
  EXPECT_EQ(d.at(-hours(72), good(), expiry).notices, 1u);
  EXPECT_EQ(d.at(-hours(71), good(), expiry).queued(), 0u);
  EXPECT_EQ(d.at(minutes(0), good(), expiry).notices, 1u);
  EXPECT_EQ(d.at(hours(24 * 30), good(), expiry).queued(), 0u);
  ASSERT_EQ(d.admin_mails().size(), 3u);
  EXPECT_NE(d.subject(d.admin_mails()[2]).find("har gått ut 2027-03-01"), std::string::npos);
}

TEST(AdminAlertMonitor, DaemonDownThroughEarlierStagesSendsOnlyTheLatest) {
  Daemon d;
  const TimePoint expiry = local(2027, 3, 1, 0);
  EXPECT_EQ(d.at(-hours(48), good(), expiry).notices, 1u);
  EXPECT_EQ(d.at(-hours(47), good(), expiry).queued(), 0u);
  ASSERT_EQ(d.admin_mails().size(), 1u);
  EXPECT_TRUE(d.state->notice_sent("secret:imap-password:2027-03-01:3d"));
  EXPECT_FALSE(d.state->notice_sent("secret:imap-password:2027-03-01:warning"));
}

TEST(AdminAlertMonitor, RenewedSecretWithANewDateIsWarnedAgain) {
  Daemon d;
  const TimePoint expiry = local(2027, 3, 1, 0);
  EXPECT_EQ(d.at(-hours(24 * 10), good(), expiry).notices, 1u);
  d.config.secrets = secret_deadlines({{"imap-password", 2028, 3, 1}});
  d.restart();
  EXPECT_EQ(d.at(-hours(24 * 9), good(), expiry).queued(), 0u);  // a year left
  EXPECT_EQ(d.at(-hours(24 * 10), good(), local(2028, 3, 1, 0)).notices, 1u);
}

TEST(AdminAlertMonitor, NoAdminsMeansNothingIsWrittenAtAll) {
  Daemon d;
  d.config.admins.clear();
  d.restart();
  const TimePoint t0 = d.clock.now();
  d.at(minutes(0), failed(), t0);
  EXPECT_EQ(d.at(hours(5), failed(), t0).queued(), 0u);
  EXPECT_TRUE(d.state->open_episodes().empty());
  EXPECT_TRUE(d.admin_mails().empty());
}

TEST(AdminAlertMonitor, BrokenStoreIsCountedNotThrown) {
  Daemon d;
  d.db->exec("DROP TABLE admin_alert_episodes");
  AlertCheckStats stats;
  EXPECT_NO_THROW(stats = d.monitor->check(failed()));
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_EQ(stats.queued(), 0u);
}

// ---- the pure plan

store::AlertEpisode episode(int64_t id, std::string condition, TimePoint started, std::optional<TimePoint> alerted) {
  store::AlertEpisode e;
  e.id = id;
  e.condition = std::move(condition);
  e.started_at = started;
  e.alerted_at = alerted;
  return e;
}

const auto kNoNotices = [](const std::string&) { return false; };

TEST(PlanAdminAlerts, EpisodeOpenedButNotAlertedBeforeACrashIsAlertedNext) {
  const TimePoint t0 = local(2026, 12, 1, 3, 0);
  AlertObservation obs{t0 + minutes(45), failed(), std::nullopt, 0, {}};
  auto steps = plan_admin_alerts({}, obs, {episode(7, poll_condition(kMailbox), t0, std::nullopt)}, kNoNotices);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].action, Action::alert);
  EXPECT_EQ(steps[0].episode_id, 7);
  EXPECT_EQ(steps[0].since, t0);
  EXPECT_EQ(steps[0].error, "Couldn't connect to server");
}

TEST(PlanAdminAlerts, MailboxNotPolledThisPassIsLeftAlone) {
  const TimePoint t0 = local(2026, 12, 1, 3, 0);
  AlertObservation obs{t0 + hours(1), {{"imaps://other/INBOX", true, ""}}, std::nullopt, 0, {}};
  auto steps = plan_admin_alerts({}, obs, {episode(1, poll_condition(kMailbox), t0, t0 + minutes(30))}, kNoNotices);
  EXPECT_TRUE(steps.empty());
}

TEST(PlanAdminAlerts, OneFailingMailboxDoesNotAffectAnother) {
  const TimePoint t0 = local(2026, 12, 1, 3, 0);
  AlertObservation obs{t0 + hours(1), {{kMailbox, false, "x"}, {"imaps://other/INBOX", true, ""}}, std::nullopt, 0, {}};
  auto steps = plan_admin_alerts({}, obs, {episode(1, poll_condition(kMailbox), t0, std::nullopt)}, kNoNotices);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].mailbox, kMailbox);
  EXPECT_EQ(steps[0].action, Action::alert);
}

TEST(PlanAdminAlerts, ConfiguredThresholdsAreUsed) {
  const TimePoint t0 = local(2026, 12, 1, 3, 0);
  AlertPolicy policy;
  policy.poll_failure_after = hours(2);
  policy.outbox_stuck_after = minutes(5);
  AlertObservation obs{t0 + minutes(90), failed(), t0 + minutes(84), 3, {}};
  auto steps = plan_admin_alerts(policy, obs, {episode(1, poll_condition(kMailbox), t0, std::nullopt)}, kNoNotices);
  ASSERT_EQ(steps.size(), 1u);  // the poll failure waits for 2 h; the outbox is 6 min old
  EXPECT_EQ(steps[0].condition, kOutboxCondition);
  EXPECT_EQ(steps[0].action, Action::open_and_alert);
  EXPECT_EQ(steps[0].since, t0 + minutes(84));
}

TEST(PlanAdminAlerts, SecretStagesFollowTheWarningDays) {
  SecretDeadline s{"x", "2027-03-01", local(2027, 3, 1, 0)};
  EXPECT_EQ(secret_stage(s, s.expires_at - hours(24 * 21), 21), "warning");
  EXPECT_EQ(secret_stage(s, s.expires_at - hours(24 * 21) - minutes(1), 21), std::nullopt);
  EXPECT_EQ(secret_stage(s, s.expires_at - hours(24 * 2), 2), "warning");  // no separate 3-day step then
  EXPECT_EQ(secret_stage(s, s.expires_at - hours(1), 14), "3d");
  EXPECT_EQ(secret_stage(s, s.expires_at, 14), "expired");
  // 00:00 Swedish time of the date: 23:00 UTC the day before in winter.
  EXPECT_EQ(stockholm::format_rfc3339(s.expires_at), "2027-03-01T00:00:00+01:00");
}

TEST(AlertSettingsFromConfig, OAuth2SecretExpiryIsWatchedUnlessListedAlready) {
  config::Config c;
  c.alerts.admins = {"drift@kommun.example"};
  c.alerts.secrets = {{"imap-password", 2027, 3, 1}};
  c.smtp.from = "pui@kommun.example";
  c.organisation.language = "en";
  c.oauth2 = config::OAuth2Config{};
  c.oauth2->secret_expires = config::SecretExpiry{"oauth2-client-secret", 2027, 6, 1};
  auto s = alert_settings(c);
  ASSERT_EQ(s.secrets.size(), 2u);
  EXPECT_EQ(s.secrets[1].name, "oauth2-client-secret");
  EXPECT_EQ(s.secrets[1].date, "2027-06-01");
  EXPECT_EQ(s.secrets[1].expires_at, local(2027, 6, 1, 0));
  EXPECT_EQ(s.language, notify::Language::en);
  EXPECT_EQ(s.from, "pui@kommun.example");
  c.alerts.secrets.push_back({"oauth2-client-secret", 2027, 5, 1});  // the admin's own date wins
  s = alert_settings(c);
  ASSERT_EQ(s.secrets.size(), 2u);
  EXPECT_EQ(s.secrets[1].date, "2027-05-01");
}

}  // namespace
}  // namespace gdprd::daemon
