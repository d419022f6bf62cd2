#include "notify/admin_alert_composer.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "notify/test_decode.hpp"

namespace gdprd::notify {
namespace {

using namespace std::chrono;

TimePoint local(int y, int mo, int d, int h, int mi = 0) { return stockholm::to_instant({y, mo, d, h, mi, 0}); }

AdminAlertFacts poll_failure() {
  AdminAlertFacts f;
  f.kind = AdminAlertKind::poll_failure;
  f.to = {"drift@kommun.example"};
  f.mailbox = "imaps://imap.kommun.example:993/INBOX";
  f.since = local(2026, 12, 1, 3, 10);
  f.last_error = "Couldn't connect to server";
  f.ctl_config_path = "/etc/gdprincidentd/gdprincidentd.toml";
  return f;
}

TEST(AdminAlertComposer, DurationIsSaidInDaysHoursAndMinutes) {
  EXPECT_EQ(describe_duration(minutes(45) + seconds(59), Language::sv), "45 min");
  EXPECT_EQ(describe_duration(hours(2) + minutes(5), Language::en), "2 h 5 min");
  EXPECT_EQ(describe_duration(hours(3), Language::sv), "3 h");
  EXPECT_EQ(describe_duration(hours(24 * 3 + 4) + minutes(9), Language::sv), "3 dygn 4 h");
  EXPECT_EQ(describe_duration(hours(24), Language::en), "1 day");
  EXPECT_EQ(describe_duration(-minutes(5), Language::en), "0 min");
}

TEST(AdminAlertComposer, PollFailureSaysWhatSinceWhenLocalAndWhatToCheck) {
  auto f = poll_failure();
  auto b = AdminAlertComposer::body(f, Language::sv, f.since + minutes(31));
  EXPECT_NE(b.find("imaps://imap.kommun.example:993/INBOX sedan 2026-12-01 03:10 (svensk tid) (31 min)"),
            std::string::npos) << b;
  EXPECT_NE(b.find("Senaste fel: Couldn't connect to server"), std::string::npos) << b;
  EXPECT_NE(b.find("journalctl -u gdprincidentd --since \"2026-12-01 03:10\""), std::string::npos) << b;
  EXPECT_NE(b.find("gdprincidentctl --config /etc/gdprincidentd/gdprincidentd.toml status"), std::string::npos) << b;
  // Swedish first, then the same in English.
  auto en = b.find("-- In English --");
  ASSERT_NE(en, std::string::npos);
  EXPECT_GT(b.find("since 2026-12-01 03:10 (Swedish time) (31 min)"), en) << b;
  EXPECT_EQ(AdminAlertComposer::subject(f, Language::sv),
            "[gdprincidentd] LARM: incidentbrevlådan kan inte läsas sedan 2026-12-01 03:10");
}

TEST(AdminAlertComposer, EnglishOrganisationGetsEnglishOnly) {
  auto f = poll_failure();
  auto b = AdminAlertComposer::body(f, Language::en, f.since + hours(1));
  EXPECT_EQ(b.find("Hej"), std::string::npos) << b;
  EXPECT_EQ(b.find("In English"), std::string::npos);
  EXPECT_NE(b.find("has not been able to read the incident mailbox"), std::string::npos);
  EXPECT_EQ(AdminAlertComposer::subject(f, Language::en).rfind("[gdprincidentd] ALERT:", 0), 0u);
}

TEST(AdminAlertComposer, RecoverySaysHowLongTheOutageLasted) {
  auto f = poll_failure();
  f.kind = AdminAlertKind::poll_recovered;
  f.ended = f.since + hours(2) + minutes(14);
  auto b = AdminAlertComposer::body(f, Language::sv, *f.ended + minutes(1));
  EXPECT_NE(b.find("kan läsas igen sedan 2026-12-01 05:24 (svensk tid)"), std::string::npos) << b;
  EXPECT_NE(b.find("varade 2 h 14 min"), std::string::npos) << b;
  EXPECT_NE(b.find("lasted 2 h 14 min"), std::string::npos) << b;
  EXPECT_EQ(AdminAlertComposer::subject(f, Language::sv), "[gdprincidentd] Åtgärdat: incidentbrevlådan kan läsas igen");
}

TEST(AdminAlertComposer, OutboxAlertWarnsThatItTravelsTheSameSmtp) {
  AdminAlertFacts f;
  f.kind = AdminAlertKind::outbox_stuck;
  f.to = {"drift@kommun.example"};
  f.since = local(2026, 7, 1, 9, 0);  // summer time: +02:00
  f.unsent = 4;
  auto b = AdminAlertComposer::body(f, Language::sv, f.since + minutes(40));
  EXPECT_NE(b.find("4 utgående mejl"), std::string::npos) << b;
  EXPECT_NE(b.find("köades 2026-07-01 09:00 (svensk tid) (40 min sedan)"), std::string::npos) << b;
  EXPECT_NE(b.find("samma SMTP-server"), std::string::npos) << b;
  EXPECT_NE(b.find("--config FILE status"), std::string::npos) << b;  // no path configured
}

TEST(AdminAlertComposer, SecretWarningNamesTheSecretAndTheDate) {
  AdminAlertFacts f;
  f.kind = AdminAlertKind::secret_expiring;
  f.to = {"drift@kommun.example"};
  f.secret_name = "imap-password";
  f.expires_at = local(2027, 3, 1, 0);
  auto s = AdminAlertComposer::subject(f, Language::sv);
  EXPECT_EQ(s, "[gdprincidentd] Varning: hemligheten \"imap-password\" går ut 2027-03-01");
  auto b = AdminAlertComposer::body(f, Language::sv, f.expires_at - hours(24 * 14));
  EXPECT_NE(b.find("om 14 dygn"), std::string::npos) << b;
  EXPECT_NE(b.find("systemctl reload gdprincidentd"), std::string::npos) << b;
  f.kind = AdminAlertKind::secret_expired;
  EXPECT_NE(AdminAlertComposer::subject(f, Language::en).find("expired on 2027-03-01"), std::string::npos);
}

TEST(AdminAlertComposer, ServerErrorTextCannotInjectHeadersOrGrowTheMail) {
  auto f = poll_failure();
  f.last_error = "A NO x\r\nBcc: evil@example.com\r\n" + std::string(5000, 'x');
  f.mailbox = "imaps://h/INBOX\r\nBcc: evil@example.com";
  AdminAlertComposer c(MailComposer("kommun.example"), "pui@kommun.example", "Incidentbrevlådan");
  auto r = c.compose(f, Language::sv, f.since + hours(1));
  ASSERT_TRUE(r.mail) << r.error;
  EXPECT_FALSE(testing::raw_header(r.mail->bytes, "Bcc").has_value());
  EXPECT_EQ(testing::raw_header(r.mail->bytes, "Auto-Submitted"), "auto-generated");
  EXPECT_LT(r.mail->bytes.size(), 8000u);
  auto body = testing::decode_qp(testing::body_of(r.mail->bytes));
  EXPECT_EQ(body.find("\nBcc:"), std::string::npos);
}

TEST(AdminAlertComposer, NoAdminIsAnError) {
  auto f = poll_failure();
  f.to.clear();
  AdminAlertComposer c(MailComposer("kommun.example"), "pui@kommun.example", "");
  EXPECT_FALSE(c.compose(f, Language::sv, f.since).mail);
}

}  // namespace
}  // namespace gdprd::notify
