#include "daemon/oauth2_token_source.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>

namespace gdprd::daemon {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CappedBody {
  std::string text;
  bool overflow = false;
};

size_t append_capped(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<CappedBody*>(user);
  size_t n = size * count;
  if (body->text.size() + n > kMaxTokenResponseBytes) {
    body->overflow = true;
    return 0;  // makes curl abort the transfer
  }
  body->text.append(data, n);
  return n;
}

// RFC 3986 unreserved characters stay; everything else is %XX.
std::string form_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// A token goes into the XOAUTH2 string "user=U^Aauth=Bearer T^A^A": a space,
// ^A or line break in it would change what the server reads.
bool is_token_text(const std::string& token) {
  return std::all_of(token.begin(), token.end(),
                     [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

// Server text for a log line: one line, bounded, printable.
std::string one_line(const std::string& text, size_t max = 300) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
  }
  return out;
}

std::string mask(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

// The endpoint without a query string (never carries a secret here, but a
// log line needs no more than scheme, host and path).
std::string endpoint_for_log(const std::string& url) {
  return one_line(url.substr(0, url.find('?')), 200);
}

constexpr size_t kMaxTokenBytes = 16 * 1024;
constexpr std::chrono::seconds kDefaultLifetime{3600};
constexpr std::chrono::seconds kMaxLifetime{24 * 3600};

}  // namespace

CurlTokenTransport::CurlTokenTransport(std::string ca_file, std::chrono::seconds timeout)
    : ca_file_(std::move(ca_file)), timeout_(timeout) {
  global_init();
}

HttpReply CurlTokenTransport::post_form(const std::string& url, const std::string& body) {
  HttpReply reply;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    reply.error = "curl_easy_init failed";
    return reply;
  }
  CURL* h = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  CappedBody received;
  curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers, curl_slist_free_all);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect would carry the secret elsewhere
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file_.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_capped);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(h);
  if (received.overflow) {
    reply.error = "response larger than " + std::to_string(kMaxTokenResponseBytes) + " bytes";
    return reply;
  }
  if (rc != CURLE_OK) {
    reply.error = errbuf[0] != '\0' ? std::string(errbuf) : curl_easy_strerror(rc);
    return reply;
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(received.text);
  return reply;
}

std::string client_credentials_body(const OAuth2Settings& settings, const std::string& client_assertion) {
  std::string body = "grant_type=client_credentials&client_id=" + form_encode(settings.client_id);
  if (client_assertion.empty()) {
    body += "&client_secret=" + form_encode(settings.client_secret);
  } else {
    body += "&client_assertion_type=" + form_encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
            "&client_assertion=" + form_encode(client_assertion);
  }
  if (!settings.scope.empty()) body += "&scope=" + form_encode(settings.scope);
  return body;
}

ParsedTokenReply parse_token_reply(long http_status, const std::string& body) {
  ParsedTokenReply out;
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  const bool is_object = json.is_object();
  auto text_of = [&](const char* key) -> std::string {
    if (!is_object) return {};
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (http_status != 200 || !is_object || !text_of("error").empty()) {
    std::string error = text_of("error");
    std::string description = text_of("error_description");
    out.error = "HTTP " + std::to_string(http_status);
    if (!error.empty()) out.error += " " + one_line(error, 80);
    if (!description.empty()) out.error += ": " + one_line(description);
    if (error.empty() && description.empty()) {
      out.error += is_object || body.empty() ? " without an OAuth2 error"
                                             : " (not JSON): " + one_line(body, 120);
    }
    return out;
  }
  std::string token = text_of("access_token");
  if (token.empty()) {
    out.error = "the reply has no access_token";
    return out;
  }
  if (token.size() > kMaxTokenBytes || !is_token_text(token)) {
    out.error = "the access_token is not a bearer token (too long or not printable ASCII)";
    return out;
  }
  if (auto type = text_of("token_type"); !type.empty()) {
    std::string lowered = type;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered != "bearer") {
      out.error = "token_type is '" + one_line(type, 40) + "', not Bearer";
      return out;
    }
  }
  std::chrono::seconds lifetime = kDefaultLifetime;
  if (auto it = json.find("expires_in"); it != json.end()) {
    long long seconds = -1;
    if (it->is_number_integer()) {
      seconds = it->get<long long>();
    } else if (it->is_number_float()) {
      seconds = static_cast<long long>(it->get<double>());
    } else if (it->is_string()) {
      const std::string s = it->get<std::string>();
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
      if (ec != std::errc() || p != s.data() + s.size()) seconds = -1;
    }
    if (seconds < 0) {
      out.error = "expires_in is not a number of seconds";
      return out;
    }
    lifetime = std::min(std::chrono::seconds(seconds), kMaxLifetime);
  }
  out.access_token = std::move(token);
  out.expires_in = lifetime;
  return out;
}

OAuth2TokenSource::OAuth2TokenSource(OAuth2Settings settings, const Clock& clock,
                                     std::unique_ptr<TokenTransport> transport)
    : settings_(std::move(settings)), clock_(clock), transport_(std::move(transport)) {
  if (!transport_) {
    transport_ = std::make_unique<CurlTokenTransport>(settings_.ca_file, settings_.timeout);
  }
}

TokenResult OAuth2TokenSource::token(bool refresh) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_.now();
  if (!refresh && !token_.empty() && now < refresh_at_) return {token_, {}};
  token_.clear();
  const std::string where = "token endpoint " + endpoint_for_log(settings_.token_url);
  if (settings_.token_url.rfind("https://", 0) != 0) {
    return {{}, where + ": the token URL must be https://"};
  }
  std::string assertion;
  if (!settings_.certificate.private_key_pem.empty()) {
    ClientAssertion signed_assertion =
        make_client_assertion(settings_.certificate, settings_.client_id, settings_.token_url, now);
    if (!signed_assertion.ok()) return {{}, where + ": " + signed_assertion.error};
    assertion = std::move(signed_assertion.jwt);
  }
  ++requests_;
  HttpReply reply = transport_->post_form(settings_.token_url, client_credentials_body(settings_, assertion));
  if (reply.status == 0) {
    return {{}, where + " unreachable: " + mask(one_line(reply.error), settings_.client_secret)};
  }
  ParsedTokenReply parsed = parse_token_reply(reply.status, reply.body);
  if (!parsed.error.empty()) {
    return {{}, where + " refused client " + one_line(settings_.client_id, 80) + ": " +
                    mask(parsed.error, settings_.client_secret)};
  }
  auto margin = std::min<std::chrono::seconds>(settings_.refresh_margin, parsed.expires_in / 2);
  token_ = std::move(parsed.access_token);
  refresh_at_ = now + parsed.expires_in - margin;
  return {token_, {}};
}

std::function<std::string(bool refresh)> OAuth2TokenSource::bearer_hook() {
  return [this](bool refresh) -> std::string {
    TokenResult r = token(refresh);
    std::lock_guard lock(mutex_);
    if (r.ok()) {
      if (!last_logged_error_.empty()) spdlog::info("oauth2: a token was obtained again");
      last_logged_error_.clear();
      return r.token;
    }
    if (r.error != last_logged_error_) spdlog::error("oauth2: {}", r.error);
    last_logged_error_ = r.error;
    return {};
  };
}

int OAuth2TokenSource::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace gdprd::daemon
