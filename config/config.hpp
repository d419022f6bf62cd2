// The daemon's configuration: one TOML file (see gdprincidentd.example.toml).
// Parsing is a pure function of (text, path, environment) so that tests can
// give every input; load_config() is the thin wrapper that reads the file and
// the real environment. Secrets come only from files (password_file, or the
// systemd credentials directory), never from the TOML text.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/alerts_config.hpp"
#include "config/deadlines_config.hpp"
#include "core/limits.hpp"

namespace gdprd::config {

// A password read from a file. Kept apart from std::string so that it is not
// streamed or formatted into a log line by accident.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

// What happens to a mail on the server once its incident is committed.
struct ProcessedAction {
  enum class Kind { seen, move };
  Kind kind = Kind::seen;
  std::string folder;  // for move: the target mailbox
};

// How the daemon logs in to IMAP and SMTP: the password from a file, or an
// OAuth2 access token (XOAUTH2, Microsoft 365) from the [oauth2] table.
enum class AuthMethod { password, oauth2 };

struct MailboxConfig {
  // [[mailbox]] name: required when there are several ("socialnamnden");
  // empty for a single [mailbox]. Names the mailbox in logs, alerts, the
  // default credential ("imap-password-NAME") and gdprincidentctl --mailbox.
  std::string name;
  AuthMethod auth = AuthMethod::password;  // [mailbox] auth = "password" | "oauth2"
  std::string url;  // imaps://host:port/MAILBOX or imap:// (STARTTLS is then required)
  std::string user;
  Secret password;
  std::optional<std::string> ca_file;  // nullopt: the system trust store
  std::chrono::seconds poll_interval{60};
  ProcessedAction processed;
  // IMAP IDLE (RFC 2177) wakes the poll as soon as mail arrives; the timed
  // poll stays as the fallback. Renewed (DONE + IDLE) every idle_renew.
  bool idle = true;
  std::chrono::seconds idle_renew{25 * 60};
};

struct SmtpConfig {
  AuthMethod auth = AuthMethod::password;  // [smtp] auth; defaults to [mailbox] auth
  std::string url;  // smtp:// (STARTTLS required) or smtps://
  std::string user;
  Secret password;
  std::optional<std::string> ca_file;
  std::string from;
};

// [oauth2]: the client-credentials grant (RFC 6749 §4.4) against Microsoft
// Entra ID or another token endpoint; one token serves IMAP and SMTP.
// Parsed by config/oauth2_config.hpp.
struct OAuth2Config {
  std::string tenant;     // Entra ID tenant name or GUID (empty when token_url is given)
  std::string client_id;
  Secret client_secret;   // client_secret_file or the 'oauth2-client-secret' credential
  // Certificate credentials instead of the secret: the PEM certificate
  // (client_certificate_file) and its unencrypted PEM private key
  // (client_key_file or the 'oauth2-client-key' credential).
  std::string client_certificate;
  Secret client_key;
  std::string token_url;  // https://; the override, else the tenant's v2.0 endpoint
  std::string scope = "https://outlook.office365.com/.default";
  std::optional<std::string> ca_file;         // for the token endpoint; nullopt: system store
  std::chrono::seconds refresh_margin{5 * 60};  // new token when less than this is left
  // When the client secret stops working (Entra ID secrets expire): the
  // admin-alert monitor warns ahead of it. Named "oauth2-client-secret".
  std::optional<SecretExpiry> secret_expires;
};

struct StoreConfig {
  std::string path;
};

struct OrganisationConfig {
  std::string name;
  std::vector<std::string> reporter_domains;  // lower-cased
  std::vector<std::string> ciso;              // addresses escalations go to
  std::string language = "sv";                // "sv" | "en"
};

// Everything one mailbox's service needs. With several [[mailbox]] tables
// there is one Config per mailbox: mailbox, store and organisation are the
// mailbox's own ([mailbox.store], [mailbox.organisation], else the top-level
// tables); the rest is shared.
struct Config {
  MailboxConfig mailbox;
  SmtpConfig smtp;
  StoreConfig store;
  OrganisationConfig organisation;
  Limits limits;
  DeadlinesConfig deadlines;  // [deadlines], [office_hours], [recipients], [deciders]
  AlertsConfig alerts;        // [alerts]: self-monitoring mails to the admins
  std::optional<OAuth2Config> oauth2;  // [oauth2]: set when present (required by any auth = "oauth2")
};

// What follows "--config" in the gdprincidentctl lines of the daemon's mails:
// the config file, and "--mailbox NAME" when the mailbox has a name.
std::string ctl_target(const Config& config);

// What the parse may look up outside the text. Relative file names in the
// config are resolved against the config file's directory.
struct Environment {
  // $CREDENTIALS_DIRECTORY, when set (systemd LoadCredential=).
  std::optional<std::string> credentials_directory;
  // Reads a whole file; nullopt when it cannot be read. Defaults to the real file system.
  std::function<std::optional<std::string>(const std::string& path)> read_file;
  // False for gdprincidentctl: it never logs in anywhere (mail it causes is
  // queued and sent by the daemon), so an admin shell needs no secrets. Every
  // other check still runs; the Secret fields stay empty.
  bool read_secrets = true;
};

// The environment of this process: $CREDENTIALS_DIRECTORY and the file system.
Environment process_environment();

// The systemd credential NAME from $CREDENTIALS_DIRECTORY: the file NAME
// (a unit line LoadCredential=NAME:FILE), else gdprincidentd_NAME (the
// shipped unit's LoadCredential=gdprincidentd:/etc/gdprincidentd/credentials
// loads every file of that folder under that prefix, so a site adds a secret
// by adding a file, and a secret it does not use need not exist). path is
// the first name tried; content is nullopt when neither can be read.
struct CredentialFile {
  std::string path;
  std::optional<std::string> content;
};
CredentialFile read_credential(const Environment& env, const std::string& name);

struct LoadResult {
  std::optional<Config> config;     // set when errors is empty: the first (often only) mailbox's
  std::vector<Config> mailboxes;    // set when errors is empty: one per mailbox, in file order
  std::vector<std::string> errors;  // each "FILE:LINE: message" (LINE 0 when no position applies)
};

// Parses and validates a config text. Never throws; every problem found is
// reported (not only the first). Unknown tables and keys are errors.
LoadResult parse_config(std::string_view text, const std::string& path, const Environment& env);

// Reads PATH and parses it with process_environment().
LoadResult load_config(const std::string& path);

// The same without reading any secret file (see Environment::read_secrets).
LoadResult load_config_without_secrets(const std::string& path);

}  // namespace gdprd::config
