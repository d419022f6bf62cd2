#include "config/config.hpp"
#include "config/test_environment.hpp"

#include <gtest/gtest.h>

#include <map>

namespace gdprd::config {
namespace {

const std::string kValid = R"([mailbox]
url = "imaps://127.0.0.1:10993/INBOX"
user = "incident"
password_file = "imap.pw"
ca_file = "/etc/ssl/ca.pem"
poll_interval = "1h30m"
processed = "move:Behandlade"

[smtp]
url = "smtp://127.0.0.1:10587"
user = "incident"
password_file = "/secrets/smtp.pw"
from = "gdprincident@kommun.example"

[store]
path = "incidents.sqlite"

[organisation]
name = "Exempel kommun"
reporter_domains = ["Kommun.Example", "skola.example"]
ciso = ["ciso@kommun.example"]
language = "en"

[limits]
max_mime_depth = 7
)";

Environment valid_env() {
  return fake_env({{"/etc/gdprd/imap.pw", "imap-secret\n"}, {"/secrets/smtp.pw", "smtp-secret\r\n"}});
}

TEST(Config, ValidFileGivesEveryValue) {
  auto r = parse_config(kValid, "/etc/gdprd/d.toml", valid_env());
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  ASSERT_TRUE(r.config);
  const Config& c = *r.config;
  EXPECT_EQ(c.mailbox.url, "imaps://127.0.0.1:10993/INBOX");
  EXPECT_EQ(c.mailbox.user, "incident");
  EXPECT_EQ(c.mailbox.password.reveal(), "imap-secret");
  EXPECT_EQ(c.mailbox.ca_file, "/etc/ssl/ca.pem");
  EXPECT_EQ(c.mailbox.poll_interval, std::chrono::seconds{5400});
  EXPECT_EQ(c.mailbox.processed.kind, ProcessedAction::Kind::move);
  EXPECT_EQ(c.mailbox.processed.folder, "Behandlade");
  EXPECT_EQ(c.smtp.password.reveal(), "smtp-secret");
  EXPECT_FALSE(c.smtp.ca_file);
  EXPECT_EQ(c.smtp.from, "gdprincident@kommun.example");
  EXPECT_EQ(c.store.path, "/etc/gdprd/incidents.sqlite");  // relative to the config's folder
  EXPECT_EQ(c.organisation.reporter_domains,
            (std::vector<std::string>{"kommun.example", "skola.example"}));
  EXPECT_EQ(c.organisation.ciso, std::vector<std::string>{"ciso@kommun.example"});
  EXPECT_EQ(c.organisation.language, "en");
  EXPECT_EQ(c.limits.max_mime_depth, 7u);
  EXPECT_EQ(c.limits.max_mime_parts, Limits{}.max_mime_parts);  // untouched default
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

// Parses a variant of the valid file and returns its errors.
std::vector<std::string> errors_of(const std::string& text, const Environment& env = valid_env()) {
  auto r = parse_config(text, "/etc/gdprd/d.toml", env);
  EXPECT_EQ(r.config.has_value(), r.errors.empty());
  return r.errors;
}

TEST(Config, UnknownKeyIsAnErrorWithItsLine) {
  auto e = errors_of(replace(kValid, "user = \"incident\"\npassword_file = \"imap.pw\"",
                             "user = \"incident\"\npasword_file = \"x\"\npassword_file = \"imap.pw\""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:4: unknown key 'pasword_file' in [mailbox]");
}

TEST(Config, UnknownTableIsAnError) {
  auto e = errors_of(kValid + "\n[mailboxes]\nurl = \"x\"\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("d.toml:27: unknown key 'mailboxes'"), std::string::npos) << e[0];
}

TEST(Config, TomlSyntaxErrorCarriesTheLine) {
  auto e = errors_of(replace(kValid, "user = \"incident\"\npassword_file", "user = \"incident\npassword_file"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:3: ", 0), 0u) << e[0];
}

TEST(Config, BadDurationIsReportedOnItsLine) {
  auto e = errors_of(replace(kValid, "\"1h30m\"", "\"90\""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:6: poll_interval '90'", 0), 0u) << e[0];
}

TEST(Config, BadProcessedValueIsRejected) {
  auto e = errors_of(replace(kValid, "move:Behandlade", "delete"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:7: processed", 0), 0u) << e[0];
  EXPECT_EQ(errors_of(replace(kValid, "move:Behandlade", "move:")).size(), 1u);
}

TEST(Config, SeenIsTheDefaultProcessedAction) {
  auto r = parse_config(replace(kValid, "processed = \"move:Behandlade\"\n", ""), "/etc/gdprd/d.toml",
                        valid_env());
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->mailbox.processed.kind, ProcessedAction::Kind::seen);
}

TEST(Config, WrongSchemesAreRejected) {
  auto e = errors_of(replace(replace(kValid, "imaps://127", "http://127"), "smtp://127", "ftp://127"));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:2: mailbox url", 0), 0u) << e[0];
  EXPECT_EQ(e[1].rfind("/etc/gdprd/d.toml:10: smtp url", 0), 0u) << e[1];
}

TEST(Config, PasswordInTheTomlIsRefused) {
  auto e = errors_of(replace(kValid, "password_file = \"imap.pw\"", "password = \"hunter2\""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:4: passwords are not accepted", 0), 0u) << e[0];
  EXPECT_EQ(e[0].find("hunter2"), std::string::npos);  // never echo a secret
}

TEST(Config, UnreadablePasswordFileIsAnError) {
  auto e = errors_of(kValid, fake_env({{"/secrets/smtp.pw", "x"}}));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:4: cannot read password file /etc/gdprd/imap.pw");
}

TEST(Config, EmptyPasswordFileIsAnError) {
  auto e = errors_of(kValid, fake_env({{"/etc/gdprd/imap.pw", "\n"}, {"/secrets/smtp.pw", "x"}}));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("is empty"), std::string::npos);
}

TEST(Config, SecretsComeFromTheCredentialsDirectoryWhenNoFileIsNamed) {
  std::string text = replace(replace(kValid, "password_file = \"imap.pw\"\n", ""),
                             "password_file = \"/secrets/smtp.pw\"\n", "");
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/run/credentials/gdprd/imap-password", "a"},
                                  {"/run/credentials/gdprd/smtp-password", "b\n"}},
                                 "/run/credentials/gdprd"));
  ASSERT_TRUE(r.config) << r.errors.front();
  EXPECT_EQ(r.config->mailbox.password.reveal(), "a");
  EXPECT_EQ(r.config->smtp.password.reveal(), "b");
}

TEST(Config, NoPasswordSourceAtAllIsAnError) {
  std::string text = replace(kValid, "password_file = \"imap.pw\"\n", "");
  auto e = errors_of(text);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:1: [mailbox] needs password_file (or the 'imap-password' "
                  "credential in $CREDENTIALS_DIRECTORY)");
}

TEST(Config, MissingTablesAndKeysAreAllReported) {
  auto e = errors_of("[store]\n");
  // mailbox, smtp, organisation missing; store.path missing
  EXPECT_EQ(e.size(), 4u);
  for (const auto& err : e) EXPECT_EQ(err.rfind("/etc/gdprd/d.toml:", 0), 0u) << err;
}

TEST(Config, WrongValueTypesAreReported) {
  auto e = errors_of(replace(replace(kValid, "user = \"incident\"\npassword_file = \"imap.pw\"",
                                     "user = 5\npassword_file = \"imap.pw\""),
                             "[\"ciso@kommun.example\"]", "\"ciso@kommun.example\""));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:3: 'user' must be a string");
  EXPECT_EQ(e[1], "/etc/gdprd/d.toml:21: 'ciso' must be a list of strings");
}

TEST(Config, ReporterDomainsMustBeDomains) {
  auto e = errors_of(replace(kValid, "\"skola.example\"", "\"a@skola.example\""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("/etc/gdprd/d.toml:20: reporter_domains", 0), 0u) << e[0];
}

TEST(Config, BadLanguageIsRejected) {
  auto e = errors_of(replace(kValid, "language = \"en\"", "language = \"de\""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:22: language must be \"sv\" or \"en\"");
}

TEST(Config, LimitsMustBeKnownAndPositive) {
  auto e = errors_of(kValid + "max_mime_parts = 0\nmax_bananas = 3\nmax_pdf_pages = \"7\"\n");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0], "/etc/gdprd/d.toml:26: max_mime_parts must be a positive integer");
  EXPECT_EQ(e[1], "/etc/gdprd/d.toml:27: unknown key 'max_bananas' in [limits]");
  EXPECT_EQ(e[2], "/etc/gdprd/d.toml:28: max_pdf_pages must be a positive integer");
}

// gdprincidentctl loads the config without the secrets: an admin shell has
// no credentials, and the CLI never logs in anywhere.
TEST(Config, WithoutSecretsNoSecretFileIsReadYetEveryOtherCheckRuns) {
  Environment env = fake_env({});  // no password file exists
  env.read_secrets = false;
  auto r = parse_config(kValid, "/etc/gdprd/gdprincidentd.toml", env);
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_TRUE(r.config->mailbox.password.empty());
  EXPECT_TRUE(r.config->smtp.password.empty());
  EXPECT_EQ(r.config->store.path, "/etc/gdprd/incidents.sqlite");

  std::string broken = kValid + "\n[bogus]\n";
  EXPECT_FALSE(parse_config(broken, "/etc/gdprd/gdprincidentd.toml", env).config);
  std::string inline_password = kValid;
  inline_password.replace(inline_password.find("password_file = \"imap.pw\""), 25, "password = \"x\"");
  EXPECT_FALSE(parse_config(inline_password, "/etc/gdprd/gdprincidentd.toml", env).config);
}

TEST(Config, MissingConfigFileIsAnError) {
  auto r = load_config("/nonexistent/gdprd-test.toml");
  EXPECT_FALSE(r.config);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "/nonexistent/gdprd-test.toml:0: cannot read the config file");
}

}  // namespace
}  // namespace gdprd::config

namespace gdprd::config {
namespace {

// The shipped example must stay a valid config (with the secrets systemd
// would provide), so that its comments cannot drift from the parser.
TEST(ExampleConfig, ShippedExampleIsValid) {
  std::string path = std::string(GDPRD_SOURCE_DIR) + "/config/gdprincidentd.example.toml";
  Environment real = process_environment();
  auto text = real.read_file(path);
  ASSERT_TRUE(text) << path;
  auto r = parse_config(*text, path,
                        fake_env({{"/run/credentials/gdprincidentd.service/imap-password", "x"},
                                  {"/run/credentials/gdprincidentd.service/smtp-password", "y"}},
                                 "/run/credentials/gdprincidentd.service"));
  ASSERT_TRUE(r.config) << r.errors.front();
  EXPECT_EQ(r.config->mailbox.poll_interval, std::chrono::seconds(60));
  EXPECT_EQ(r.config->mailbox.processed.kind, ProcessedAction::Kind::seen);
  EXPECT_EQ(r.config->organisation.language, "sv");
}

}  // namespace
}  // namespace gdprd::config
