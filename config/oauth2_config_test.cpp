// [oauth2] and the auth keys of [mailbox]/[smtp], through the whole-config
// parse (that is how the daemon reads them) and through the module alone.
#include "config/oauth2_config.hpp"
#include "config/test_environment.hpp"

#include <gtest/gtest.h>

#include <map>

namespace gdprd::config {
namespace {

// A Microsoft 365 setup: no password files anywhere.
const std::string kM365 = R"([mailbox]
auth = "oauth2"
url = "imaps://outlook.office365.com:993/INBOX"
user = "pui@kommun.example"

[smtp]
url = "smtp://smtp.office365.com:587"
user = "pui@kommun.example"
from = "pui@kommun.example"

[store]
path = "/var/lib/gdprincidentd/incidents.sqlite"

[organisation]
name = "Exempel kommun"
reporter_domains = ["kommun.example"]

[oauth2]
tenant = "kommun.onmicrosoft.com"
client_id = "11111111-2222-3333-4444-555555555555"
client_secret_file = "oauth2.secret"
secret_expires = 2027-03-01
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

Environment m365_env() { return fake_env({{"/etc/gdprd/oauth2.secret", "client~secret\n"}}); }

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

TEST(OAuth2Config, Microsoft365ConfigNeedsNoPasswordAndGivesTheTenantEndpoint) {
  auto r = parse_config(kM365, "/etc/gdprd/d.toml", m365_env());
  ASSERT_TRUE(r.config) << joined(r.errors);
  const Config& c = *r.config;
  EXPECT_EQ(c.mailbox.auth, AuthMethod::oauth2);
  EXPECT_EQ(c.smtp.auth, AuthMethod::oauth2);  // follows [mailbox] when not said
  EXPECT_TRUE(c.mailbox.password.empty());
  ASSERT_TRUE(c.oauth2);
  EXPECT_EQ(c.oauth2->token_url,
            "https://login.microsoftonline.com/kommun.onmicrosoft.com/oauth2/v2.0/token");
  EXPECT_EQ(c.oauth2->client_id, "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(c.oauth2->client_secret.reveal(), "client~secret");
  EXPECT_EQ(c.oauth2->scope, "https://outlook.office365.com/.default");
  EXPECT_EQ(c.oauth2->refresh_margin, std::chrono::seconds(300));
  EXPECT_FALSE(c.oauth2->ca_file);
  ASSERT_TRUE(c.oauth2->secret_expires);
  EXPECT_EQ(*c.oauth2->secret_expires, (SecretExpiry{"oauth2-client-secret", 2027, 3, 1}));
}

TEST(OAuth2Config, SecretComesFromTheCredentialsDirectoryWhenNoFileIsNamed) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"\n", "");
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/run/credentials/gdprincidentd.service/oauth2-client-secret", "cred"}},
                                 "/run/credentials/gdprincidentd.service"));
  ASSERT_TRUE(r.config) << joined(r.errors);
  EXPECT_EQ(r.config->oauth2->client_secret.reveal(), "cred");
}

TEST(OAuth2Config, NoSecretAnywhereSaysWhereToPutIt) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"\n", "");
  auto r = parse_config(text, "/etc/gdprd/d.toml", fake_env({}));
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors),
            "/etc/gdprd/d.toml:18: [oauth2] needs client_secret_file (or the 'oauth2-client-secret' "
            "credential in $CREDENTIALS_DIRECTORY)\n");
}

TEST(OAuth2Config, UnreadableOrEmptySecretFileIsReportedAtItsLine) {
  auto missing = parse_config(kM365, "/etc/gdprd/d.toml", fake_env({}));
  EXPECT_EQ(joined(missing.errors),
            "/etc/gdprd/d.toml:21: cannot read the client secret file /etc/gdprd/oauth2.secret\n");
  auto empty = parse_config(kM365, "/etc/gdprd/d.toml", fake_env({{"/etc/gdprd/oauth2.secret", "\n"}}));
  EXPECT_EQ(joined(empty.errors), "/etc/gdprd/d.toml:21: the client secret file /etc/gdprd/oauth2.secret is empty\n");
}

TEST(OAuth2Config, SecretWrittenIntoTheConfigIsRefusedWithoutEchoingIt) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"", "client_secret = \"hunter2\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml", fake_env({}, "/creds"));
  ASSERT_FALSE(r.config);
  std::string all = joined(r.errors);
  EXPECT_NE(all.find("d.toml:21: secrets are not accepted in the config"), std::string::npos) << all;
  EXPECT_EQ(all.find("hunter2"), std::string::npos);
}

TEST(OAuth2Config, AuthOAuth2WithoutTheTableIsAnError) {
  std::string text = kM365.substr(0, kM365.find("[oauth2]"));
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors),
            "/etc/gdprd/d.toml:0: auth = \"oauth2\" needs an [oauth2] table (tenant, client_id, "
            "client_secret_file)\n");
}

TEST(OAuth2Config, SmtpMayKeepAPasswordWhileImapUsesOAuth2) {
  std::string text = replace(kM365, "from = \"pui@kommun.example\"",
                             "from = \"pui@kommun.example\"\nauth = \"password\"\npassword_file = \"smtp.pw\"");
  Environment env = fake_env({{"/etc/gdprd/oauth2.secret", "s"}, {"/etc/gdprd/smtp.pw", "pw"}});
  auto r = parse_config(text, "/etc/gdprd/d.toml", env);
  ASSERT_TRUE(r.config) << joined(r.errors);
  EXPECT_EQ(r.config->mailbox.auth, AuthMethod::oauth2);
  EXPECT_EQ(r.config->smtp.auth, AuthMethod::password);
  EXPECT_EQ(r.config->smtp.password.reveal(), "pw");
}

TEST(OAuth2Config, UnknownAuthMethodIsAnErrorAtItsLine) {
  std::string text = replace(kM365, "auth = \"oauth2\"", "auth = \"kerberos\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_NE(joined(r.errors).find("d.toml:2: auth must be \"password\" or \"oauth2\""), std::string::npos)
      << joined(r.errors);
}

TEST(OAuth2Config, PlainHttpTokenUrlIsRefusedBecauseTheSecretWouldTravelInClear) {
  std::string text = replace(kM365, "tenant = \"kommun.onmicrosoft.com\"", "token_url = \"http://idp.example/token\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors), "/etc/gdprd/d.toml:19: [oauth2] token_url must start with https://\n");
}

TEST(OAuth2Config, TokenUrlOverridesTheTenantEndpoint) {
  std::string text = replace(kM365, "tenant = \"kommun.onmicrosoft.com\"",
                             "token_url = \"https://127.0.0.1:8443/token\"\nca_file = \"ca.pem\"\n"
                             "scope = \"imap\"\nrefresh_margin = \"30s\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_TRUE(r.config) << joined(r.errors);
  EXPECT_EQ(r.config->oauth2->token_url, "https://127.0.0.1:8443/token");
  EXPECT_EQ(r.config->oauth2->ca_file, "/etc/gdprd/ca.pem");
  EXPECT_EQ(r.config->oauth2->scope, "imap");
  EXPECT_EQ(r.config->oauth2->refresh_margin, std::chrono::seconds(30));
}

TEST(OAuth2Config, TenantThatWouldReshapeTheUrlIsRefused) {
  std::string text = replace(kM365, "kommun.onmicrosoft.com", "evil.example/x?");
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_NE(joined(r.errors).find("d.toml:19: [oauth2] tenant must be"), std::string::npos) << joined(r.errors);
}

TEST(OAuth2Config, NeitherTenantNorTokenUrlIsAnError) {
  std::string text = replace(kM365, "tenant = \"kommun.onmicrosoft.com\"\n", "");
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors), "/etc/gdprd/d.toml:18: [oauth2] needs tenant (Microsoft 365) or token_url\n");
}

TEST(OAuth2Config, SecretExpiresAsStringIsAcceptedAndImpossibleDatesAreNot) {
  auto as_string = parse_config(replace(kM365, "2027-03-01", "\"2026-12-31\""), "/etc/gdprd/d.toml", m365_env());
  ASSERT_TRUE(as_string.config) << joined(as_string.errors);
  EXPECT_EQ(*as_string.config->oauth2->secret_expires, (SecretExpiry{"oauth2-client-secret", 2026, 12, 31}));
  for (const char* bad : {"\"2027-02-30\"", "\"1.3.2027\"", "2027", "\"\""}) {
    auto r = parse_config(replace(kM365, "2027-03-01", bad), "/etc/gdprd/d.toml", m365_env());
    EXPECT_FALSE(r.config) << bad;
    EXPECT_NE(joined(r.errors).find("d.toml:22: [oauth2] secret_expires must be a date"), std::string::npos)
        << bad << ": " << joined(r.errors);
  }
}

TEST(OAuth2Config, UnknownKeyIsReportedAtItsLine) {
  std::string text = kM365 + "tennant = \"x\"\n";
  auto r = parse_config(text, "/etc/gdprd/d.toml", m365_env());
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors), "/etc/gdprd/d.toml:23: unknown key 'tennant' in [oauth2]\n");
}

TEST(OAuth2Config, CertificateCredentialsReplaceTheSecret) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"",
                             "client_certificate_file = \"app.crt\"\nclient_key_file = \"app.key\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/etc/gdprd/app.crt", "-----BEGIN CERTIFICATE-----\n"},
                                  {"/etc/gdprd/app.key", "-----BEGIN PRIVATE KEY-----\n"}}));
  ASSERT_TRUE(r.config) << joined(r.errors);
  EXPECT_EQ(r.config->oauth2->client_certificate, "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(r.config->oauth2->client_key.reveal(), "-----BEGIN PRIVATE KEY-----");
  EXPECT_TRUE(r.config->oauth2->client_secret.empty());
}

TEST(OAuth2Config, CertificateKeyComesFromItsCredential) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"", "client_certificate_file = \"app.crt\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/etc/gdprd/app.crt", "CERT"}, {"/creds/oauth2-client-key", "KEY"}}, "/creds"));
  ASSERT_TRUE(r.config) << joined(r.errors);
  EXPECT_EQ(r.config->oauth2->client_key.reveal(), "KEY");
}

TEST(OAuth2Config, SecretAndCertificateTogetherAreAmbiguous) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"",
                             "client_secret_file = \"oauth2.secret\"\nclient_certificate_file = \"app.crt\"\n"
                             "client_key_file = \"app.key\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml",
                        fake_env({{"/etc/gdprd/oauth2.secret", "s"}, {"/etc/gdprd/app.crt", "C"},
                                  {"/etc/gdprd/app.key", "K"}}));
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors),
            "/etc/gdprd/d.toml:21: [oauth2] takes client_secret_file or client_certificate_file/client_key_file, "
            "not both\n");
}

TEST(OAuth2Config, KeyWithoutCertificateSaysWhatIsMissing) {
  std::string text = replace(kM365, "client_secret_file = \"oauth2.secret\"", "client_key_file = \"app.key\"");
  auto r = parse_config(text, "/etc/gdprd/d.toml", fake_env({{"/etc/gdprd/app.key", "K"}}));
  ASSERT_FALSE(r.config);
  EXPECT_EQ(joined(r.errors), "/etc/gdprd/d.toml:18: [oauth2] needs client_certificate_file\n");
}

TEST(OAuth2Config, UnusedTableIsParsedButNotRequired) {
  auto absent = parse_oauth2_config("[mailbox]\n", "/x.toml", fake_env({}), false);
  EXPECT_TRUE(absent.errors.empty());
  EXPECT_FALSE(absent.config);
  auto required = parse_oauth2_config("[mailbox]\n", "/x.toml", fake_env({}), true);
  EXPECT_EQ(required.errors.size(), 1u);
}

TEST(OAuth2Config, TableOfTheWrongTypeIsAnError) {
  auto r = parse_oauth2_config("oauth2 = \"yes\"\n", "/x.toml", fake_env({}), true);
  EXPECT_EQ(joined(r.errors), "/x.toml:1: 'oauth2' must be a table\n");
}

}  // namespace
}  // namespace gdprd::config
