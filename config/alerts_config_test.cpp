#include "config/alerts_config.hpp"

#include "config/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace gdprd::config {
namespace {

TEST(AlertsConfig, AbsentTableMeansNoAlertsAndDefaultThresholds) {
  auto r = parse_alerts_config("[store]\npath = \"x\"\n", "c.toml");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_FALSE(r.config.enabled());
  EXPECT_EQ(r.config.poll_failure_after, std::chrono::minutes(30));
  EXPECT_EQ(r.config.outbox_stuck_after, std::chrono::minutes(30));
  EXPECT_EQ(r.config.secret_warning_days, 14);
  EXPECT_TRUE(r.config.secrets.empty());
}

TEST(AlertsConfig, EveryKeyIsRead) {
  auto r = parse_alerts_config(
      "[alerts]\nadmins = [\"drift@kommun.example\", \"it@kommun.example\"]\n"
      "poll_failure_after = \"1h\"\noutbox_stuck_after = \"45m\"\nsecret_warning_days = 21\n"
      "[[alerts.secret]]\nname = \"imap-password\"\nexpires = 2027-03-01\n"
      "[[alerts.secret]]\nname = \"smtp-password\"\nexpires = \"2027-12-31\"\n",
      "c.toml");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_TRUE(r.config.enabled());
  EXPECT_EQ(r.config.admins, (std::vector<std::string>{"drift@kommun.example", "it@kommun.example"}));
  EXPECT_EQ(r.config.poll_failure_after, std::chrono::hours(1));
  EXPECT_EQ(r.config.outbox_stuck_after, std::chrono::minutes(45));
  EXPECT_EQ(r.config.secret_warning_days, 21);
  ASSERT_EQ(r.config.secrets.size(), 2u);
  EXPECT_EQ(r.config.secrets[0], (SecretExpiry{"imap-password", 2027, 3, 1}));
  EXPECT_EQ(r.config.secrets[1], (SecretExpiry{"smtp-password", 2027, 12, 31}));
}

TEST(AlertsConfig, HeaderInjectionInAnAdminAddressIsRefused) {
  auto r = parse_alerts_config("[alerts]\nadmins = [\"drift@kommun.example\\r\\nBcc: x@evil.example\"]\n", "c.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind("c.toml:2:", 0), 0u) << r.errors[0];
  EXPECT_TRUE(r.config.admins.empty());
}

TEST(AlertsConfig, DateThatDoesNotExistIsAnErrorWithItsLine) {
  auto r = parse_alerts_config("[alerts]\n[[alerts.secret]]\nname = \"x\"\nexpires = \"2027-02-30\"\n", "c.toml");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].rfind("c.toml:4:", 0), 0u) << r.errors[0];
  EXPECT_TRUE(r.config.secrets.empty());
}

TEST(AlertsConfig, SecretWithoutDateOrListedTwiceIsAnError) {
  auto missing = parse_alerts_config("[[alerts.secret]]\nname = \"x\"\n", "c.toml");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].find("needs both name and expires"), std::string::npos) << missing.errors[0];
  auto twice = parse_alerts_config(
      "[[alerts.secret]]\nname = \"x\"\nexpires = 2027-01-01\n[[alerts.secret]]\nname = \"x\"\nexpires = 2028-01-01\n",
      "c.toml");
  ASSERT_EQ(twice.errors.size(), 1u);
  EXPECT_NE(twice.errors[0].find("listed twice"), std::string::npos) << twice.errors[0];
}

TEST(AlertsConfig, NonDurationsZeroAndUnknownKeysAreErrors) {
  auto r = parse_alerts_config(
      "[alerts]\npoll_failure_after = 30\noutbox_stuck_after = \"0s\"\nsecret_warning_days = 0\nadmin = []\n",
      "c.toml");
  ASSERT_EQ(r.errors.size(), 4u);
  std::sort(r.errors.begin(), r.errors.end());  // toml++ walks keys in name order, not line order
  EXPECT_EQ(r.errors[0].rfind("c.toml:2:", 0), 0u) << r.errors[0];
  EXPECT_EQ(r.errors[1].rfind("c.toml:3:", 0), 0u) << r.errors[1];
  EXPECT_EQ(r.errors[2].rfind("c.toml:4:", 0), 0u) << r.errors[2];
  EXPECT_EQ(r.errors[3], "c.toml:5: unknown key 'admin' in [alerts]");
  EXPECT_EQ(r.config.poll_failure_after, std::chrono::minutes(30));  // the default survives a bad value
}

TEST(AlertsConfig, AlertsThatIsNotATableIsAnError) {
  auto r = parse_alerts_config("alerts = \"admin@kommun.example\"\n", "c.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind("c.toml:1:", 0), 0u);
}

TEST(AlertsConfig, WholeConfigCarriesTheAlertsTableAndItsErrors) {
  const std::string base =
      "[mailbox]\nurl = \"imaps://127.0.0.1:10993/INBOX\"\nuser = \"u\"\npassword_file = \"/pw\"\n"
      "[smtp]\nurl = \"smtp://127.0.0.1:10587\"\nuser = \"u\"\npassword_file = \"/pw\"\n"
      "from = \"gdprincident@kommun.example\"\n[store]\npath = \"/db\"\n"
      "[organisation]\nname = \"K\"\nreporter_domains = [\"kommun.example\"]\nciso = [\"ciso@kommun.example\"]\n";
  Environment env;
  env.read_file = [](const std::string&) -> std::optional<std::string> { return "secret\n"; };
  auto ok = parse_config(base + "[alerts]\nadmins = [\"drift@kommun.example\"]\n", "/etc/c.toml", env);
  ASSERT_TRUE(ok.config) << ok.errors.front();
  EXPECT_EQ(ok.config->alerts.admins, std::vector<std::string>{"drift@kommun.example"});
  auto bad = parse_config(base + "[alerts]\nsecret_warning_days = \"14\"\n", "/etc/c.toml", env);
  EXPECT_FALSE(bad.config);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].rfind("/etc/c.toml:17:", 0), 0u) << bad.errors[0];
}

}  // namespace
}  // namespace gdprd::config
