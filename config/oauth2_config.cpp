#include "config/oauth2_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "config/duration.hpp"
#include "config/toml_support.hpp"

namespace gdprd::config {
namespace {

constexpr const char* kCredential = "oauth2-client-secret";
constexpr const char* kKeyCredential = "oauth2-client-key";

using Errors = ConfigErrors;

std::optional<std::string> string_key(const toml::table& t, std::string_view key, Errors& e) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string() || node->as_string()->get().empty()) {
    e.add(*node, "[oauth2] " + std::string(key) + " must be a non-empty string");
    return std::nullopt;
  }
  return node->as_string()->get();
}

// Tenant names (kommun.onmicrosoft.com) and GUIDs: nothing that could change
// the shape of the endpoint URL.
bool plausible_tenant(const std::string& tenant) {
  return tenant.size() <= 256 && std::all_of(tenant.begin(), tenant.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '.' || c == '-';
         });
}

std::string resolve(const std::string& path, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_absolute()) return file;
  return (std::filesystem::path(path).parent_path() / p).string();
}

// FILE_KEY, else $CREDENTIALS_DIRECTORY/CREDENTIAL (when CREDENTIAL is set).
// WHAT names the content in errors ("client secret").
std::optional<std::string> read_file_key(const toml::table& t, std::string_view file_key, const char* credential,
                                         const std::string& what, const std::string& path,
                                         const Environment& env, Errors& e) {
  if (!env.read_secrets) return std::nullopt;
  std::string file;
  std::optional<std::string> content;
  uint32_t line = t.source().begin.line;
  if (auto configured = string_key(t, file_key, e)) {
    file = resolve(path, *configured);
    line = t.get(file_key)->source().begin.line;
    content = env.read_file ? env.read_file(file) : std::nullopt;
  } else if (t.get(file_key) != nullptr) {
    return std::nullopt;  // already reported
  } else if (credential != nullptr && env.credentials_directory) {
    auto found = read_credential(env, credential);
    file = found.path;
    content = std::move(found.content);
  } else {
    e.add(line, "[oauth2] needs " + std::string(file_key) +
                    (credential ? std::string(" (or the '") + credential + "' credential in $CREDENTIALS_DIRECTORY)"
                                : std::string()));
    return std::nullopt;
  }
  if (!content) {
    e.add(line, "cannot read the " + what + " file " + file);
    return std::nullopt;
  }
  // One trailing line end is the file's, not the secret's.
  if (!content->empty() && content->back() == '\n') content->pop_back();
  if (!content->empty() && content->back() == '\r') content->pop_back();
  if (content->empty()) {
    e.add(line, "the " + what + " file " + file + " is empty");
    return std::nullopt;
  }
  return content;
}

void read_oauth2(const toml::table& t, const std::string& path, const Environment& env, OAuth2Config& c,
                 Errors& e) {
  static constexpr std::string_view known[] = {"tenant",   "client_id", "client_secret_file", "token_url",
                                               "scope",    "ca_file",   "refresh_margin",     "secret_expires",
                                               "client_secret", "client_certificate_file", "client_key_file"};
  for (auto&& [key, node] : t) {
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      e.add(key.source().begin.line, "unknown key '" + std::string(key.str()) + "' in [oauth2]");
  }
  if (const toml::node* inline_secret = t.get("client_secret")) {
    e.add(*inline_secret, std::string("secrets are not accepted in the config; use client_secret_file or the '") +
                              kCredential + "' credential");
  }
  if (auto tenant = string_key(t, "tenant", e)) {
    if (!plausible_tenant(*tenant)) {
      e.add(*t.get("tenant"), "[oauth2] tenant must be a tenant name (kommun.onmicrosoft.com) or GUID");
    } else {
      c.tenant = *tenant;
    }
  }
  if (auto id = string_key(t, "client_id", e)) {
    c.client_id = *id;
  } else if (t.get("client_id") == nullptr) {
    e.add(t.source().begin.line, "missing key 'client_id' in [oauth2]");
  }
  if (auto url = string_key(t, "token_url", e)) {
    // The secret travels in the request body: never over plain HTTP.
    if (url->rfind("https://", 0) != 0) e.add(*t.get("token_url"), "[oauth2] token_url must start with https://");
    c.token_url = *url;
  } else if (!c.tenant.empty()) {
    c.token_url = microsoft_token_url(c.tenant);
  } else if (t.get("tenant") == nullptr && t.get("token_url") == nullptr) {
    e.add(t.source().begin.line, "[oauth2] needs tenant (Microsoft 365) or token_url");
  }
  if (auto scope = string_key(t, "scope", e)) c.scope = *scope;
  if (auto ca = string_key(t, "ca_file", e)) c.ca_file = resolve(path, *ca);
  if (const toml::node* node = t.get("refresh_margin")) {
    std::optional<std::chrono::seconds> d;
    if (node->is_string()) d = parse_duration(node->as_string()->get());
    if (!d || d->count() < 0 || d->count() > 24 * 3600) {
      e.add(*node, "[oauth2] refresh_margin must be a duration up to 24h, like 5m");
    } else {
      c.refresh_margin = *d;
    }
  }
  if (const toml::node* node = t.get("secret_expires")) {
    if (auto date = read_expiry_date(*node)) {
      date->name = kCredential;
      c.secret_expires = *date;
    } else {
      e.add(*node, "[oauth2] secret_expires must be a date like 2027-03-01");
    }
  }
  if (t.get("client_certificate_file") != nullptr || t.get("client_key_file") != nullptr) {
    // Certificate credentials: the certificate uploaded to the app
    // registration and its private key sign each token request.
    if (t.get("client_secret_file") != nullptr) {
      e.add(*t.get("client_secret_file"),
            "[oauth2] takes client_secret_file or client_certificate_file/client_key_file, not both");
    }
    if (auto cert = read_file_key(t, "client_certificate_file", nullptr, "client certificate", path, env, e)) {
      c.client_certificate = std::move(*cert);
    }
    if (auto key = read_file_key(t, "client_key_file", kKeyCredential, "client key", path, env, e)) {
      c.client_key = Secret(std::move(*key));
    }
    return;
  }
  if (auto secret = read_file_key(t, "client_secret_file", kCredential, "client secret", path, env, e)) {
    c.client_secret = Secret(std::move(*secret));
  }
}

}  // namespace

std::string microsoft_token_url(const std::string& tenant) {
  return "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token";
}

OAuth2ConfigResult parse_oauth2_config(std::string_view text, const std::string& path, const Environment& env,
                                       bool required) {
  OAuth2ConfigResult result;
  Errors e(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error&) {
    return result;  // reported by the main parser
  }
  const toml::node* node = root.get("oauth2");
  if (node == nullptr) {
    if (required) e.add(0, "auth = \"oauth2\" needs an [oauth2] table (tenant, client_id, client_secret_file)");
  } else if (const toml::table* t = node->as_table()) {
    OAuth2Config c;
    read_oauth2(*t, path, env, c, e);
    if (e.empty()) result.config = std::move(c);
  } else {
    e.add(*node, "'oauth2' must be a table");
  }
  result.errors = e.take();
  return result;
}

}  // namespace gdprd::config
