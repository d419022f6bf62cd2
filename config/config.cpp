#include "config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "config/duration.hpp"
#include "config/oauth2_config.hpp"

namespace gdprd::config {
namespace {

// Collects errors in the FILE:LINE: form while walking the document.
class Checker {
 public:
  Checker(std::string path, const Environment& env) : path_(std::move(path)), env_(env) {}

  void error(uint32_t line, const std::string& message) { errors_.emplace_back(line, message); }
  void error(const toml::node& node, const std::string& message) {
    error(node.source().begin.line, message);
  }
  // In file order: toml++ tables iterate by key, not by position.
  std::vector<std::string> take_errors() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [line, message] : errors_) {
      out.push_back(path_ + ":" + std::to_string(line) + ": " + message);
    }
    return out;
  }

  // Every key of TABLE must be one of ALLOWED.
  void only_keys(const toml::table& table, const std::string& where,
                 std::initializer_list<std::string_view> allowed) {
    for (auto&& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        error(key.source().begin.line,
              "unknown key '" + std::string(key.str()) + "' in " + where);
      }
    }
  }

  const toml::table* table(const toml::table& root, std::string_view name, bool required) {
    const toml::node* node = root.get(name);
    if (node == nullptr) {
      if (required) error(0, "missing table [" + std::string(name) + "]");
      return nullptr;
    }
    if (!node->is_table()) {
      error(*node, "'" + std::string(name) + "' must be a table");
      return nullptr;
    }
    return node->as_table();
  }

  std::optional<std::string> string(const toml::table& t, std::string_view table_name,
                                    std::string_view key, bool required) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      if (required) {
        error(t.source().begin.line,
              "missing key '" + std::string(key) + "' in [" + std::string(table_name) + "]");
      }
      return std::nullopt;
    }
    if (!node->is_string()) {
      error(*node, "'" + std::string(key) + "' must be a string");
      return std::nullopt;
    }
    std::string value = node->as_string()->get();
    if (value.empty()) {
      error(*node, "'" + std::string(key) + "' must not be empty");
      return std::nullopt;
    }
    return value;
  }

  std::vector<std::string> string_list(const toml::table& t, std::string_view key, bool required) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      if (required) error(t.source().begin.line, "missing key '" + std::string(key) + "'");
      return out;
    }
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      error(*node, "'" + std::string(key) + "' must be a list of strings");
      return out;
    }
    for (const toml::node& item : *array) {
      if (!item.is_string() || item.as_string()->get().empty()) {
        error(item, "'" + std::string(key) + "' must hold non-empty strings");
        continue;
      }
      out.push_back(item.as_string()->get());
    }
    if (required && out.empty()) error(*node, "'" + std::string(key) + "' must not be empty");
    return out;
  }

  std::string resolve(const std::string& file) const {
    std::filesystem::path p(file);
    if (p.is_absolute()) return file;
    return (std::filesystem::path(path_).parent_path() / p).string();
  }

  // The secret from PASSWORD_FILE_KEY, else from $CREDENTIALS_DIRECTORY/CREDENTIAL.
  Secret secret(const toml::table& t, std::string_view table_name,
                std::string_view password_file_key, const std::string& credential) {
    if (t.get("password") != nullptr) {
      error(*t.get("password"),
            "passwords are not accepted in the config; use password_file or the '" + credential +
                "' credential");
      return {};
    }
    if (!env_.read_secrets) return {};
    std::string file;
    std::optional<std::string> content;
    uint32_t line = t.source().begin.line;
    if (auto configured = string(t, table_name, password_file_key, false)) {
      file = resolve(*configured);
      line = t.get(password_file_key)->source().begin.line;
      content = env_.read_file ? env_.read_file(file) : std::nullopt;
    } else if (env_.credentials_directory) {
      auto found = read_credential(env_, credential);
      file = found.path;
      content = std::move(found.content);
    } else {
      error(line, "[" + std::string(table_name) + "] needs password_file (or the '" + credential +
                      "' credential in $CREDENTIALS_DIRECTORY)");
      return {};
    }
    if (!content) {
      error(line, "cannot read password file " + file);
      return {};
    }
    // One trailing line end is the file's, not the password's.
    if (!content->empty() && content->back() == '\n') content->pop_back();
    if (!content->empty() && content->back() == '\r') content->pop_back();
    if (content->empty()) {
      error(line, "password file " + file + " is empty");
      return {};
    }
    return Secret(std::move(*content));
  }

 private:
  std::string path_;
  const Environment& env_;
  std::vector<std::pair<uint32_t, std::string>> errors_;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// auth = "password" | "oauth2"; FALLBACK when absent.
AuthMethod read_auth(Checker& c, const toml::table& t, std::string_view table_name, AuthMethod fallback) {
  auto auth = c.string(t, table_name, "auth", false);
  if (!auth) return fallback;
  if (*auth == "oauth2") return AuthMethod::oauth2;
  if (*auth != "password") c.error(*t.get("auth"), "auth must be \"password\" or \"oauth2\"");
  return AuthMethod::password;
}

// A [[mailbox]] name: it becomes part of a credential file name and a log
// line, so it is kept to what is safe in both.
bool valid_mailbox_name(const std::string& name) {
  if (name.empty() || name.size() > 40) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
}

// ARRAY_FORM: the table is one of the [[mailbox]] tables, which may carry a
// name and their own [mailbox.store] and [mailbox.organisation] (read by
// the caller).
void read_mailbox(Checker& c, const toml::table& t, MailboxConfig& m, bool array_form) {
  if (!array_form) {
    c.only_keys(t, "[mailbox]",
                {"url", "user", "password_file", "ca_file", "poll_interval", "processed", "password",
                 "idle", "idle_renew", "auth"});
  } else {
    c.only_keys(t, "[[mailbox]]",
                {"name", "url", "user", "password_file", "ca_file", "poll_interval", "processed", "password",
                 "idle", "idle_renew", "auth", "store", "organisation"});
    if (auto name = c.string(t, "mailbox", "name", false)) {
      if (!valid_mailbox_name(*name)) {
        c.error(*t.get("name"), "mailbox name '" + *name +
                                    "' must be 1 to 40 of a-z, 0-9, '-' and '_' (it names a credential file)");
      }
      m.name = *name;
    }
  }
  if (auto url = c.string(t, "mailbox", "url", true)) {
    if (!starts_with(*url, "imaps://") && !starts_with(*url, "imap://")) {
      c.error(*t.get("url"), "mailbox url must start with imaps:// or imap://");
    }
    m.url = *url;
  }
  if (auto user = c.string(t, "mailbox", "user", true)) m.user = *user;
  m.auth = read_auth(c, t, "mailbox", AuthMethod::password);
  if (m.auth == AuthMethod::password) {
    m.password = c.secret(t, "mailbox", "password_file", m.name.empty() ? "imap-password" : "imap-password-" + m.name);
  }
  if (auto ca = c.string(t, "mailbox", "ca_file", false)) m.ca_file = c.resolve(*ca);
  if (auto interval = c.string(t, "mailbox", "poll_interval", false)) {
    auto d = parse_duration(*interval);
    if (!d || d->count() < 1) {
      c.error(*t.get("poll_interval"),
              "poll_interval '" + *interval + "' is not a duration like 90s, 5m, 1h30m");
    } else {
      m.poll_interval = *d;
    }
  }
  if (const toml::node* idle = t.get("idle")) {
    if (!idle->is_boolean()) c.error(*idle, "idle must be true or false");
    else m.idle = idle->as_boolean()->get();
  }
  if (auto renew = c.string(t, "mailbox", "idle_renew", false)) {
    auto d = parse_duration(*renew);
    // RFC 2177: servers may drop an IDLE after 30 minutes of silence.
    if (!d || d->count() < 1 || d->count() > 29 * 60) {
      c.error(*t.get("idle_renew"),
              "idle_renew '" + *renew + "' must be a duration from 1s to 29m, like 25m");
    } else {
      m.idle_renew = *d;
    }
  }
  if (auto processed = c.string(t, "mailbox", "processed", false)) {
    if (*processed == "seen") {
      m.processed = {ProcessedAction::Kind::seen, ""};
    } else if (starts_with(*processed, "move:") && processed->size() > 5) {
      m.processed = {ProcessedAction::Kind::move, processed->substr(5)};
    } else {
      c.error(*t.get("processed"), "processed must be \"seen\" or \"move:FOLDER\"");
    }
  }
}

void read_smtp(Checker& c, const toml::table& t, SmtpConfig& s, AuthMethod mailbox_auth) {
  c.only_keys(t, "[smtp]", {"url", "user", "password_file", "ca_file", "from", "password", "auth"});
  if (auto url = c.string(t, "smtp", "url", true)) {
    if (!starts_with(*url, "smtps://") && !starts_with(*url, "smtp://")) {
      c.error(*t.get("url"), "smtp url must start with smtps:// or smtp://");
    }
    s.url = *url;
  }
  if (auto user = c.string(t, "smtp", "user", true)) s.user = *user;
  s.auth = read_auth(c, t, "smtp", mailbox_auth);
  if (s.auth == AuthMethod::password) s.password = c.secret(t, "smtp", "password_file", "smtp-password");
  if (auto ca = c.string(t, "smtp", "ca_file", false)) s.ca_file = c.resolve(*ca);
  if (auto from = c.string(t, "smtp", "from", true)) {
    if (from->find('@') == std::string::npos) c.error(*t.get("from"), "from must be a mail address");
    s.from = *from;
  }
}

void read_organisation(Checker& c, const toml::table& t, OrganisationConfig& o) {
  c.only_keys(t, "[organisation]", {"name", "reporter_domains", "ciso", "language"});
  if (auto name = c.string(t, "organisation", "name", true)) o.name = *name;
  for (auto& d : c.string_list(t, "reporter_domains", true)) {
    if (d.find('@') != std::string::npos) {
      c.error(*t.get("reporter_domains"), "reporter_domains holds domains, not addresses: " + d);
    }
    o.reporter_domains.push_back(lower(d));
  }
  for (auto& a : c.string_list(t, "ciso", false)) {
    if (a.find('@') == std::string::npos) c.error(*t.get("ciso"), "ciso holds addresses: " + a);
    o.ciso.push_back(a);
  }
  if (auto language = c.string(t, "organisation", "language", false)) {
    if (*language != "sv" && *language != "en") {
      c.error(*t.get("language"), "language must be \"sv\" or \"en\"");
    }
    o.language = *language;
  }
}

void read_limits(Checker& c, const toml::table& t, Limits& limits) {
  for (auto&& [key, node] : t) {
    auto field = std::find_if(std::begin(kLimitFields), std::end(kLimitFields),
                              [&](const LimitField& f) { return key.str() == f.name; });
    if (field == std::end(kLimitFields)) {
      c.error(key.source().begin.line, "unknown key '" + std::string(key.str()) + "' in [limits]");
      continue;
    }
    // 0 would read as "unlimited" elsewhere; core/limits.hpp never allows it.
    if (!node.is_integer() || node.as_integer()->get() <= 0) {
      c.error(node, std::string(key.str()) + " must be a positive integer");
      continue;
    }
    limits.*(field->member) = static_cast<size_t>(node.as_integer()->get());
  }
}

// The tables of one mailbox: [mailbox] alone, or one [[mailbox]] with its
// optional [mailbox.store] and [mailbox.organisation].
struct MailboxTables {
  const toml::table* mailbox = nullptr;
  const toml::table* store = nullptr;
  const toml::table* organisation = nullptr;
  bool array_form = false;
};

std::vector<MailboxTables> mailbox_tables(Checker& c, const toml::table& root) {
  std::vector<MailboxTables> out;
  const toml::node* node = root.get("mailbox");
  if (node == nullptr) {
    c.error(0, "missing table [mailbox] (or [[mailbox]], one per mailbox)");
    return out;
  }
  if (node->is_table()) {
    out.push_back({node->as_table(), nullptr, nullptr, false});
    return out;
  }
  if (!node->is_array_of_tables() || node->as_array()->empty()) {
    c.error(*node, "'mailbox' must be a table [mailbox] or tables [[mailbox]]");
    return out;
  }
  for (const toml::node& item : *node->as_array()) {
    const toml::table& t = *item.as_table();
    MailboxTables m{&t, nullptr, nullptr, true};
    for (auto [key, member] : {std::pair{"store", &MailboxTables::store},
                               std::pair{"organisation", &MailboxTables::organisation}}) {
      if (const toml::node* sub = t.get(key)) {
        if (sub->is_table()) m.*member = sub->as_table();
        else c.error(*sub, std::string("'") + key + "' in [[mailbox]] must be a table [mailbox." + key + "]");
      }
    }
    out.push_back(m);
  }
  return out;
}

// Several mailboxes: each is named, names differ, and no two share a store
// (an incident belongs to one organisation's register, Article 33(5)) or
// poll the same folder (each mail would be taken twice).
void check_mailboxes_apart(Checker& c, const std::vector<MailboxTables>& tables, const std::vector<Config>& mailboxes) {
  if (mailboxes.size() < 2) return;
  std::set<std::string> names, stores, urls;
  for (size_t i = 0; i < mailboxes.size(); ++i) {
    const Config& m = mailboxes[i];
    const toml::table& t = *tables[i].mailbox;
    if (m.mailbox.name.empty()) {
      if (t.get("name") == nullptr) c.error(t, "each of several [[mailbox]] needs a name");
    } else if (!names.insert(m.mailbox.name).second) {
      c.error(*t.get("name"), "mailbox name '" + m.mailbox.name + "' is used twice");
    }
    if (!m.store.path.empty() && !stores.insert(m.store.path).second) {
      c.error(tables[i].store ? static_cast<const toml::node&>(*tables[i].store) : t,
              "mailbox '" + m.mailbox.name + "' shares the store " + m.store.path +
                  " with another mailbox; give each its own [mailbox.store] path (one register per organisation)");
    }
    if (!m.mailbox.url.empty() && !urls.insert(m.mailbox.user + " " + m.mailbox.url).second) {
      c.error(*t.get("url"), "mailbox '" + m.mailbox.name + "' polls the same folder as another mailbox");
    }
  }
}

}  // namespace

std::string ctl_target(const Config& config) {
  if (config.mailbox.name.empty()) return config.deadlines.config_path;
  return config.deadlines.config_path + " --mailbox " + config.mailbox.name;
}

CredentialFile read_credential(const Environment& env, const std::string& name) {
  CredentialFile out;
  if (!env.credentials_directory) return out;
  out.path = *env.credentials_directory + "/" + name;
  if (!env.read_file) return out;
  out.content = env.read_file(out.path);
  if (!out.content) out.content = env.read_file(*env.credentials_directory + "/gdprincidentd_" + name);
  return out;
}

Environment process_environment() {
  Environment env;
  if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY"); dir != nullptr && *dir != '\0') {
    env.credentials_directory = dir;
  }
  env.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return out.str();
  };
  return env;
}

LoadResult parse_config(std::string_view text, const std::string& path, const Environment& env) {
  LoadResult result;
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    result.errors.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " +
                            std::string(e.description()));
    return result;
  }
  Checker c(path, env);
  Config shared;
  c.only_keys(root, "the top level", {"mailbox", "smtp", "store", "organisation", "limits", "deadlines", "office_hours", "recipients", "deciders", "alerts", "oauth2"});
  std::vector<MailboxTables> tables = mailbox_tables(c, root);
  std::vector<Config> mailboxes(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    read_mailbox(c, *tables[i].mailbox, mailboxes[i].mailbox, tables[i].array_form);
  }
  AuthMethod first_auth = mailboxes.empty() ? AuthMethod::password : mailboxes.front().mailbox.auth;
  if (const auto* t = c.table(root, "smtp", true)) read_smtp(c, *t, shared.smtp, first_auth);
  bool every_own_store = !tables.empty() && std::all_of(tables.begin(), tables.end(), [](const MailboxTables& m) {
    return m.store != nullptr;
  });
  if (const auto* t = c.table(root, "store", !every_own_store)) {
    c.only_keys(*t, "[store]", {"path"});
    if (auto p = c.string(*t, "store", "path", true)) shared.store.path = c.resolve(*p);
  }
  bool every_own_organisation = !tables.empty() && std::all_of(tables.begin(), tables.end(), [](const MailboxTables& m) {
    return m.organisation != nullptr;
  });
  if (const auto* t = c.table(root, "organisation", !every_own_organisation)) {
    read_organisation(c, *t, shared.organisation);
  }
  if (const auto* t = c.table(root, "limits", false)) read_limits(c, *t, shared.limits);
  for (size_t i = 0; i < tables.size(); ++i) {
    Config& m = mailboxes[i];
    m.store = shared.store;
    if (const auto* t = tables[i].store) {
      c.only_keys(*t, "[mailbox.store]", {"path"});
      if (auto p = c.string(*t, "mailbox.store", "path", true)) m.store.path = c.resolve(*p);
    }
    m.organisation = shared.organisation;
    if (const auto* t = tables[i].organisation) {
      m.organisation = {};
      read_organisation(c, *t, m.organisation);
    }
  }
  check_mailboxes_apart(c, tables, mailboxes);
  result.errors = c.take_errors();
  bool oauth2_needed = shared.smtp.auth == AuthMethod::oauth2 ||
                       std::any_of(mailboxes.begin(), mailboxes.end(),
                                   [](const Config& m) { return m.mailbox.auth == AuthMethod::oauth2; });
  auto alerts = parse_alerts_config(text, path);
  result.errors.insert(result.errors.end(), alerts.errors.begin(), alerts.errors.end());
  auto oauth2 = parse_oauth2_config(text, path, env, oauth2_needed);
  result.errors.insert(result.errors.end(), oauth2.errors.begin(), oauth2.errors.end());
  for (size_t i = 0; i < mailboxes.size(); ++i) {
    Config& m = mailboxes[i];
    // The CISO role falls back to the mailbox's own organisation; the rest of
    // the deadline tables is shared. Their errors are the same for every
    // mailbox, so they are reported once.
    auto deadlines = parse_deadlines_config(text, path, m.organisation.ciso);
    if (i == 0) result.errors.insert(result.errors.end(), deadlines.errors.begin(), deadlines.errors.end());
    m.deadlines = std::move(deadlines.config);
    m.smtp = shared.smtp;
    m.limits = shared.limits;
    m.alerts = alerts.config;
    m.oauth2 = oauth2.config;
  }
  if (result.errors.empty() && !mailboxes.empty()) {
    result.config = mailboxes.front();
    result.mailboxes = std::move(mailboxes);
  }
  return result;
}

namespace {

LoadResult load_with(const std::string& path, Environment env) {
  auto text = env.read_file(path);
  if (!text) return {std::nullopt, {}, {path + ":0: cannot read the config file"}};
  return parse_config(*text, path, env);
}

}  // namespace

LoadResult load_config(const std::string& path) { return load_with(path, process_environment()); }

LoadResult load_config_without_secrets(const std::string& path) {
  Environment env = process_environment();
  env.read_secrets = false;
  return load_with(path, std::move(env));
}

}  // namespace gdprd::config
