// Several [[mailbox]] tables in one daemon (one per nämnd or company): each
// with its own store and organisation, the rest shared.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/test_environment.hpp"

namespace gdprd::config {
namespace {

const std::string kShared = R"(
[smtp]
url = "smtp://127.0.0.1:10587"
user = "incident"
password_file = "/secrets/smtp.pw"
from = "gdprincident@kommun.example"

[organisation]
name = "Exempel kommun"
reporter_domains = ["kommun.example"]
ciso = ["ciso@kommun.example"]

[limits]
max_mime_depth = 7
)";

const std::string kTwo = R"([[mailbox]]
name = "socialnamnden"
url = "imaps://127.0.0.1:10993/INBOX"
user = "social"
password_file = "social.pw"

[mailbox.store]
path = "social.sqlite"

[mailbox.organisation]
name = "Socialnämnden"
reporter_domains = ["social.kommun.example"]
ciso = ["ciso-social@kommun.example"]
language = "en"

[[mailbox]]
name = "bolaget"
url = "imaps://127.0.0.1:10993/Bolaget"
user = "social"
password_file = "social.pw"
poll_interval = "5m"

[mailbox.store]
path = "/var/lib/gdprincidentd/bolaget.sqlite"
)" + kShared;

Environment two_env() {
  return fake_env({{"/etc/gdprd/social.pw", "s1\n"}, {"/secrets/smtp.pw", "smtp\n"}});
}

TEST(MailboxesConfig, EachMailboxHasItsOwnStoreAndOrganisationAndSharesTheRest) {
  auto r = parse_config(kTwo, "/etc/gdprd/d.toml", two_env());
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  ASSERT_EQ(r.mailboxes.size(), 2u);
  const Config& social = r.mailboxes[0];
  const Config& bolaget = r.mailboxes[1];
  EXPECT_EQ(social.mailbox.name, "socialnamnden");
  EXPECT_EQ(social.mailbox.password.reveal(), "s1");
  EXPECT_EQ(social.store.path, "/etc/gdprd/social.sqlite");
  EXPECT_EQ(social.organisation.name, "Socialnämnden");
  EXPECT_EQ(social.organisation.language, "en");
  EXPECT_EQ(social.organisation.reporter_domains, std::vector<std::string>{"social.kommun.example"});
  // The CISO role of the reminders follows the mailbox's own organisation.
  EXPECT_EQ(social.deadlines.recipients.at("ciso"), std::vector<std::string>{"ciso-social@kommun.example"});

  EXPECT_EQ(bolaget.mailbox.name, "bolaget");
  EXPECT_EQ(bolaget.mailbox.poll_interval, std::chrono::minutes(5));
  EXPECT_EQ(bolaget.store.path, "/var/lib/gdprincidentd/bolaget.sqlite");
  EXPECT_EQ(bolaget.organisation.name, "Exempel kommun");  // the top-level [organisation]
  EXPECT_EQ(bolaget.deadlines.recipients.at("ciso"), std::vector<std::string>{"ciso@kommun.example"});

  for (const Config& c : r.mailboxes) {
    EXPECT_EQ(c.smtp.from, "gdprincident@kommun.example");
    EXPECT_EQ(c.smtp.password.reveal(), "smtp");
    EXPECT_EQ(c.limits.max_mime_depth, 7u);
  }
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->mailbox.name, "socialnamnden");
}

TEST(MailboxesConfig, CtlTargetNamesTheMailbox) {
  auto r = parse_config(kTwo, "/etc/gdprd/d.toml", two_env());
  ASSERT_EQ(r.mailboxes.size(), 2u);
  EXPECT_EQ(ctl_target(r.mailboxes[1]), "/etc/gdprd/d.toml --mailbox bolaget");
}

TEST(MailboxesConfig, SingleMailboxTableIsUnnamedAndUsesTheTopLevelTables) {
  const std::string text = R"([mailbox]
url = "imaps://127.0.0.1:10993/INBOX"
user = "social"
password_file = "social.pw"

[store]
path = "one.sqlite"
)" + kShared;
  auto r = parse_config(text, "/etc/gdprd/d.toml", two_env());
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  ASSERT_EQ(r.mailboxes.size(), 1u);
  EXPECT_EQ(r.mailboxes[0].mailbox.name, "");
  EXPECT_EQ(r.mailboxes[0].store.path, "/etc/gdprd/one.sqlite");
  EXPECT_EQ(ctl_target(r.mailboxes[0]), "/etc/gdprd/d.toml");
}

// kTwo without its password_file lines: the passwords come from
// $CREDENTIALS_DIRECTORY (/run/credentials/x), under the names given.
std::vector<std::string> passwords_from_credentials(const std::string& social_file,
                                                    const std::string& bolaget_file) {
  std::string text = kTwo;
  const std::string line = "password_file = \"social.pw\"\n";
  for (size_t at; (at = text.find(line)) != std::string::npos;) text.erase(at, line.size());
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/run/credentials/x/" + social_file, "a\n"},
                                  {"/run/credentials/x/" + bolaget_file, "b\n"},
                                  {"/secrets/smtp.pw", "smtp\n"}},
                                 "/run/credentials/x"));
  if (!r.errors.empty()) return r.errors;
  return {r.mailboxes[0].mailbox.password.reveal(), r.mailboxes[1].mailbox.password.reveal()};
}

TEST(MailboxesConfig, NamedMailboxesReadTheirOwnCredential) {
  EXPECT_EQ(passwords_from_credentials("imap-password-socialnamnden", "imap-password-bolaget"),
            (std::vector<std::string>{"a", "b"}));
}

TEST(MailboxesConfig, CredentialsFromTheShippedUnitsFolderCarryItsPrefix) {
  // LoadCredential=gdprincidentd:/etc/gdprincidentd/credentials names each
  // file gdprincidentd_FILE; a unit line per secret names it FILE. Both work.
  EXPECT_EQ(passwords_from_credentials("gdprincidentd_imap-password-socialnamnden", "imap-password-bolaget"),
            (std::vector<std::string>{"a", "b"}));
}

std::vector<std::string> errors_of(const std::string& text) {
  return parse_config(text, "/etc/gdprd/d.toml", two_env()).errors;
}

bool has_error(const std::vector<std::string>& errors, const std::string& part) {
  for (const auto& e : errors) {
    if (e.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(MailboxesConfig, SeveralMailboxesMustBeNamedApartWithTheirOwnStores) {
  std::string unnamed = kTwo;
  unnamed.erase(unnamed.find("name = \"bolaget\"\n"), std::string("name = \"bolaget\"\n").size());
  auto e = errors_of(unnamed);
  EXPECT_TRUE(has_error(e, "each of several [[mailbox]] needs a name")) << ::testing::PrintToString(e);

  std::string twice = kTwo;
  twice.replace(twice.find("\"bolaget\""), 9, "\"socialnamnden\"");
  EXPECT_TRUE(has_error(errors_of(twice), "mailbox name 'socialnamnden' is used twice"));

  std::string shared_store = kTwo;
  shared_store.replace(shared_store.find("/var/lib/gdprincidentd/bolaget.sqlite"),
                       std::string("/var/lib/gdprincidentd/bolaget.sqlite").size(), "/etc/gdprd/social.sqlite");
  EXPECT_TRUE(has_error(errors_of(shared_store), "shares the store /etc/gdprd/social.sqlite"));

  std::string same_folder = kTwo;
  same_folder.replace(same_folder.find("/Bolaget"), 8, "/INBOX");
  EXPECT_TRUE(has_error(errors_of(same_folder), "polls the same folder as another mailbox"));

  std::string bad_name = kTwo;
  bad_name.replace(bad_name.find("\"bolaget\""), 9, "\"Bolaget/../x\"");
  EXPECT_TRUE(has_error(errors_of(bad_name), "must be 1 to 40 of a-z"));
}

TEST(MailboxesConfig, AMailboxWithoutAStoreNeedsTheTopLevelOne) {
  std::string text = kTwo;
  text.erase(text.rfind("[mailbox.store]"));
  text += kShared;
  EXPECT_TRUE(has_error(errors_of(text), "missing table [store]"));
}

TEST(MailboxesConfig, UnknownKeysAndWrongShapesAreErrors) {
  std::string unknown = kTwo;
  unknown.insert(unknown.find("poll_interval"), "colour = \"red\"\n");
  EXPECT_TRUE(has_error(errors_of(unknown), "unknown key 'colour' in [[mailbox]]"));

  std::string flat_store = kTwo;
  flat_store.insert(flat_store.find("poll_interval"), "store = \"x.sqlite\"\n");
  flat_store.erase(flat_store.rfind("[mailbox.store]"));
  flat_store += kShared;
  EXPECT_TRUE(has_error(errors_of(flat_store), "'store' in [[mailbox]] must be a table [mailbox.store]"));

  // The single-table form takes no name: its keys are those of one mailbox.
  std::string named_single = "[mailbox]\nname = \"x\"\nurl = \"imaps://h/INBOX\"\nuser = \"u\"\npassword_file = \"social.pw\"\n"
                             "[store]\npath = \"a.sqlite\"\n" + kShared;
  EXPECT_TRUE(has_error(errors_of(named_single), "unknown key 'name' in [mailbox]"));

  EXPECT_TRUE(has_error(errors_of("mailbox = 3\n" + kShared), "'mailbox' must be a table [mailbox] or tables [[mailbox]]"));
}

}  // namespace
}  // namespace gdprd::config
