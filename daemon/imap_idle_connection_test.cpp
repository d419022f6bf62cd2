#include "daemon/imap_idle_connection.hpp"

#include <gtest/gtest.h>

#include <map>

namespace gdprd::daemon {
namespace {

TEST(ImapIdleUrl, ImplicitTlsUrlGivesHostPortAndMailbox) {
  ImapEndpoint e;
  ASSERT_TRUE(parse_imap_url("imaps://imap.kommun.example:10993/Incidenter%20IT", e));
  EXPECT_EQ(e.host, "imap.kommun.example");
  EXPECT_EQ(e.port, "10993");
  EXPECT_EQ(e.mailbox, "Incidenter IT");
  EXPECT_TRUE(e.implicit_tls);
}

TEST(ImapIdleUrl, StarttlsUrlWithoutPortOrPathDefaultsTo143AndInbox) {
  ImapEndpoint e;
  ASSERT_TRUE(parse_imap_url("imap://127.0.0.1", e));
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, "143");
  EXPECT_EQ(e.mailbox, "INBOX");
  EXPECT_FALSE(e.implicit_tls);
}

TEST(ImapIdleUrl, Ipv6LiteralAndUrlParametersAreHandled) {
  ImapEndpoint e;
  ASSERT_TRUE(parse_imap_url("imaps://[::1]:993/INBOX;UIDVALIDITY=5", e));
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, "993");
  EXPECT_EQ(e.mailbox, "INBOX");
}

TEST(ImapIdleUrl, OtherSchemesAndBrokenAuthoritiesAreRefused) {
  ImapEndpoint e;
  EXPECT_FALSE(parse_imap_url("pop3s://host/INBOX", e));
  EXPECT_FALSE(parse_imap_url("imaps://:993/INBOX", e));
  EXPECT_FALSE(parse_imap_url("imaps://host:99x3/INBOX", e));
  EXPECT_FALSE(parse_imap_url("imaps://[::1/INBOX", e));
}

TEST(ImapIdleXoauth2, InitialResponseIsTheBase64OfTheSaslString) {
  // base64("user=a@b.example\x01" "auth=Bearer tok\x01\x01"), computed independently.
  EXPECT_EQ(xoauth2_initial_response("a@b.example", "tok"),
            "dXNlcj1hQGIuZXhhbXBsZQFhdXRoPUJlYXJlciB0b2sBAQ==");
  // Every padding length.
  EXPECT_EQ(xoauth2_initial_response("u", "t"), "dXNlcj11AWF1dGg9QmVhcmVyIHQBAQ==");
  EXPECT_EQ(xoauth2_initial_response("uv", "t"), "dXNlcj11dgFhdXRoPUJlYXJlciB0AQE=");
  EXPECT_EQ(xoauth2_initial_response("uvw", "t"), "dXNlcj11dncBYXV0aD1CZWFyZXIgdAEB");
}

config::Environment env_with_password() {
  config::Environment env;
  env.read_file = [](const std::string&) -> std::optional<std::string> { return "pw\n"; };
  return env;
}

std::string config_text(const std::string& mailbox_extra) {
  return "[mailbox]\nurl = \"imaps://127.0.0.1:10993/INBOX\"\nuser = \"incident\"\n"
         "password_file = \"/pw\"\n" +
         mailbox_extra +
         "\n[smtp]\nurl = \"smtp://127.0.0.1:10587\"\nuser = \"u\"\npassword_file = \"/pw\"\n"
         "from = \"gdprincident@kommun.example\"\n[store]\npath = \"/tmp/x.sqlite\"\n"
         "[organisation]\nname = \"K\"\nreporter_domains = [\"kommun.example\"]\n"
         "ciso = [\"ciso@kommun.example\"]\n";
}

TEST(ImapIdleConfig, IdleIsOnWithA25MinuteRenewalByDefault) {
  auto r = config::parse_config(config_text(""), "/etc/d.toml", env_with_password());
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_TRUE(r.config->mailbox.idle);
  IdleOptions o = idle_options(r.config->mailbox);
  EXPECT_EQ(o.renew, std::chrono::minutes(25));
  EXPECT_EQ(o.imap.url, "imaps://127.0.0.1:10993/INBOX");
  EXPECT_EQ(o.imap.password, "pw");
}

TEST(ImapIdleConfig, IdleCanBeSwitchedOffAndTheRenewalShortened) {
  auto r = config::parse_config(config_text("idle = false\nidle_renew = \"90s\"\n"), "/etc/d.toml",
                                env_with_password());
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_FALSE(r.config->mailbox.idle);
  EXPECT_EQ(r.config->mailbox.idle_renew, std::chrono::seconds(90));
}

TEST(ImapIdleConfig, RenewalBeyond29MinutesOrNotADurationIsAnErrorWithItsLine) {
  for (const char* bad : {"idle_renew = \"30m\"\n", "idle_renew = \"soon\"\n", "idle = \"yes\"\n"}) {
    auto r = config::parse_config(config_text(bad), "/etc/d.toml", env_with_password());
    EXPECT_FALSE(r.config) << bad;
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].rfind("/etc/d.toml:5:", 0), 0u) << r.errors[0];
  }
}

}  // namespace
}  // namespace gdprd::daemon
