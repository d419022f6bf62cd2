// OAuth2 access tokens for XOAUTH2 (IMAP and SMTP against Microsoft 365):
// the client-credentials grant of RFC 6749 §4.4 against one token endpoint
// over HTTPS. The token is cached in memory and fetched again when little of
// its lifetime is left, or when a server has refused it.
//
// The client secret goes only into the POST body: it is never part of a
// message, an error or a log line (an endpoint that echoes it back gets it
// masked).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "daemon/oauth2_client_assertion.hpp"

namespace gdprd::daemon {

struct OAuth2Settings {
  // https:// only. Microsoft 365: config::microsoft_token_url(tenant)
  std::string token_url;
  std::string client_id;
  std::string client_secret;  // never logged
  // Certificate credentials instead of the secret when private_key_pem is
  // set: each request carries a fresh signed client_assertion (RFC 7523).
  ClientCertificate certificate;
  std::string scope;          // M365: https://outlook.office365.com/.default
  std::string ca_file;        // PEM bundle; empty: the system trust store
  // Fetch a new token when less than this is left of its lifetime (capped at
  // half the lifetime, so that a short-lived token is not fetched every time).
  std::chrono::seconds refresh_margin{300};
  std::chrono::seconds timeout{30};  // one token request, connect included
};

// One HTTP response as the token source needs it.
struct HttpReply {
  long status = 0;        // 0: no HTTP answer at all (see error)
  std::string body;       // at most kMaxTokenResponseBytes
  std::string error;      // transport failure (DNS, TLS, timeout, too large)
};

// Token responses are a few KiB (a JWT); anything far larger is refused
// rather than buffered.
inline constexpr size_t kMaxTokenResponseBytes = 64 * 1024;

// The seam between the token logic and the network. post_form() sends BODY as
// application/x-www-form-urlencoded and never throws.
class TokenTransport {
 public:
  virtual ~TokenTransport() = default;
  virtual HttpReply post_form(const std::string& url, const std::string& body) = 0;
};

// libcurl over HTTPS: certificate and host name always verified (against
// ca_file when given); no redirects followed; body capped.
class CurlTokenTransport final : public TokenTransport {
 public:
  CurlTokenTransport(std::string ca_file, std::chrono::seconds timeout);
  HttpReply post_form(const std::string& url, const std::string& body) override;

 private:
  std::string ca_file_;
  std::chrono::seconds timeout_;
};

struct TokenResult {
  std::string token;  // empty on failure
  std::string error;  // one line for the log: endpoint, HTTP status, error, description
  bool ok() const { return error.empty(); }
};

// What a token endpoint's reply means (pure; exposed for tests).
struct ParsedTokenReply {
  std::string access_token;
  std::chrono::seconds expires_in{0};
  std::string error;  // empty when access_token is usable
};
// Reads a token reply: HTTP 200 with {"access_token", "token_type": "Bearer",
// "expires_in"} (a number, or a string of digits as older Azure endpoints
// send; 3600 s when absent), else the RFC 6749 §5.2 "error" and
// "error_description". Never throws.
ParsedTokenReply parse_token_reply(long http_status, const std::string& body);

// The x-www-form-urlencoded request body (exposed for tests): the client
// secret, or CLIENT_ASSERTION (a JWT) when that is given.
std::string client_credentials_body(const OAuth2Settings& settings, const std::string& client_assertion = "");

class OAuth2TokenSource {
 public:
  // Borrows clock. transport null: a CurlTokenTransport from settings.
  OAuth2TokenSource(OAuth2Settings settings, const Clock& clock,
                    std::unique_ptr<TokenTransport> transport = nullptr);

  // The cached token while it has more than the margin left; otherwise (or
  // when refresh is true: a server refused the last one) a new one from the
  // endpoint. On failure the cache is dropped and the error says why; the
  // next call tries the endpoint again. Thread-safe.
  TokenResult token(bool refresh);

  // For ImapOptions::bearer_token and the SMTP sender: the token, or "" after
  // logging the failure (once per distinct message) with spdlog. The source
  // must outlive the returned function.
  std::function<std::string(bool refresh)> bearer_hook();

  // How many times the endpoint was asked (for tests and the status line).
  int requests() const;

 private:
  OAuth2Settings settings_;
  const Clock& clock_;
  std::unique_ptr<TokenTransport> transport_;
  mutable std::mutex mutex_;
  std::string token_;
  TimePoint refresh_at_{};
  int requests_ = 0;
  std::string last_logged_error_;
};

}  // namespace gdprd::daemon
