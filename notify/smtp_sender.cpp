#include "notify/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace gdprd::notify {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  size_t pos = 0;
};

size_t read_callback(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  size_t room = size * nitems;
  size_t n = std::min(room, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, n);
  up->pos += n;
  return n;
}

bool has_line_break_or_nul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool is_loopback_url(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return false;
  char* host = nullptr;
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return false;
  std::string h = host;
  curl_free(host);
  return h == "127.0.0.1" || h == "[::1]" || h == "::1" || h == "localhost";
}

SendResult classify(CURLcode rc, long smtp_code, const char* errbuf) {
  SendResult r;
  r.smtp_code = smtp_code;
  r.message = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (smtp_code) r.message += " (SMTP " + std::to_string(smtp_code) + ")";
  // A 5xx about this message or its recipients will not change on retry.
  // Everything about the server, the network or our configuration (TLS,
  // login, URL) is retried, so a fixed configuration still delivers the mail.
  if (smtp_code >= 500 && smtp_code < 600 && rc != CURLE_LOGIN_DENIED)
    r.status = SendResult::Status::permanent;
  else
    r.status = SendResult::Status::temporary;
  return r;
}

}  // namespace

SmtpSender::SmtpSender(SmtpOptions options) : options_(std::move(options)) { global_init(); }

SmtpSender::~SmtpSender() = default;

SendResult SmtpSender::send(const std::string& from, const std::vector<std::string>& rcpts,
                            std::string_view message) {
  if (rcpts.empty()) return {SendResult::Status::permanent, "no recipients", 0};
  if (has_line_break_or_nul(from)) return {SendResult::Status::permanent, "invalid sender address", 0};
  for (const auto& r : rcpts)
    if (r.empty() || has_line_break_or_nul(r)) return {SendResult::Status::permanent, "invalid recipient address", 0};

  bool smtps = options_.url.rfind("smtps://", 0) == 0;
  bool smtp = options_.url.rfind("smtp://", 0) == 0;
  if (!smtps && !smtp) return {SendResult::Status::temporary, "SMTP URL must start with smtp:// or smtps://", 0};
  bool plaintext = smtp && options_.allow_plaintext_loopback_for_tests && is_loopback_url(options_.url);

  const bool oauth2 = static_cast<bool>(options_.bearer_token) && !options_.user.empty();
  std::string bearer;
  if (oauth2) {
    bearer = options_.bearer_token(false);
    if (bearer.empty()) return {SendResult::Status::temporary, "no OAuth2 access token (see the oauth2 log line)", 0};
  }
  Attempt first = transfer(from, rcpts, message, plaintext, bearer);
  if (!oauth2 || first.curl_code != CURLE_LOGIN_DENIED) return first.result;
  // The token may have been revoked or expired early: one new token, one more try.
  bearer = options_.bearer_token(true);
  if (bearer.empty()) return first.result;
  return transfer(from, rcpts, message, plaintext, bearer).result;
}

SmtpSender::Attempt SmtpSender::transfer(const std::string& from, const std::vector<std::string>& rcpts,
                                         std::string_view message, bool plaintext, const std::string& bearer) {
  auto failed = [](SendResult r) { return Attempt{CURLE_FAILED_INIT, std::move(r)}; };
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return failed({SendResult::Status::temporary, "curl_easy_init failed", 0});
  CURL* h = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* rcpt_list = nullptr;
  for (const auto& r : rcpts) {
    std::string bracketed = "<" + r + ">";
    curl_slist* next = curl_slist_append(rcpt_list, bracketed.c_str());
    if (!next) {
      curl_slist_free_all(rcpt_list);
      return failed({SendResult::Status::temporary, "out of memory", 0});
    }
    rcpt_list = next;
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt_list, curl_slist_free_all);
  std::string mail_from = "<" + from + ">";
  Upload upload{message};

  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_USE_SSL, plaintext ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.user.c_str());
    if (!bearer.empty()) {
      curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, bearer.c_str());
      curl_easy_setopt(h, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
    } else {
      curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
    }
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt_list);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_callback);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  if (!options_.helo_name.empty()) {
    // curl takes the EHLO name from the URL path: smtp://host/name.
    std::string url = options_.url;
    auto scheme_end = url.find("://");
    auto path = url.find('/', scheme_end + 3);
    url = (path == std::string::npos ? url : url.substr(0, path)) + "/" + options_.helo_name;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK) return {rc, {SendResult::Status::ok, {}, code}};
  return {rc, classify(rc, code, errbuf)};
}

}  // namespace gdprd::notify
