// Sends one composed message over SMTP with libcurl. TLS is mandatory:
// smtp:// URLs use STARTTLS with CURLUSESSL_ALL (the transfer fails if the
// server does not offer it), smtps:// is implicit TLS; the peer certificate
// and host name are always verified (against ca_file when given, else the
// system trust store).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::notify {

struct SmtpOptions {
  std::string url;           // smtp://host:587 or smtps://host:465
  std::string user;          // empty: no AUTH
  std::string password;      // never logged
  // XOAUTH2 instead of the password when set (and user is set): returns the
  // current access token, "" when there is none (the send then fails as
  // temporary without connecting); `refresh` asks for a new one after the
  // server refused the last (done once per send). Never logged.
  std::function<std::string(bool refresh)> bearer_token;
  std::string ca_file;       // PEM bundle; empty: system store
  std::string helo_name;     // EHLO name; empty: curl's default
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds timeout{120};  // whole transfer
  // TEST ONLY: allow plain smtp:// without TLS. Honoured only when the URL
  // host is 127.0.0.1, ::1 or localhost; never set from configuration.
  bool allow_plaintext_loopback_for_tests = false;
};

struct SendResult {
  enum class Status {
    ok,
    temporary,  // retry later: connection, timeout, 4xx, TLS handshake trouble
    permanent,  // do not retry: 5xx, bad address, auth refused, bad options
  };
  Status status = Status::ok;
  std::string message;   // curl's error text (and the server reply code)
  long smtp_code = 0;    // last SMTP reply code when known
  bool ok() const { return status == Status::ok; }
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpOptions options);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // One SMTP transaction: MAIL FROM from, RCPT TO each of rcpts, DATA
  // message (bytes sent as given; dot-stuffing is done by curl). Never
  // throws. An empty rcpts or an address with CR/LF is a permanent failure.
  // With a bearer_token, a refused login is retried once with a refreshed token.
  SendResult send(const std::string& from, const std::vector<std::string>& rcpts,
                  std::string_view message);

 private:
  struct Attempt {
    int curl_code = 0;  // CURLcode
    SendResult result;
  };
  Attempt transfer(const std::string& from, const std::vector<std::string>& rcpts,
                   std::string_view message, bool plaintext, const std::string& bearer);

  SmtpOptions options_;
};

}  // namespace gdprd::notify
