// A second, small IMAP connection that only waits (RFC 2177 IDLE) and wakes
// the poller when the mailbox grows. It never fetches or changes anything:
// the mailbox is EXAMINEd (read-only) and the normal poll pass does all the
// work, so a lost IDLE connection can delay a mail but never lose one (the
// timed poll stays as the fallback).
//
// Runs on the daemon's io_context (Boost.Asio + OpenSSL, no thread, no
// blocking call): implicit TLS for imaps://, STARTTLS for imap:// (never a
// plaintext login), the certificate verified against ca_file or the system
// store and the host name checked. LOGIN, or AUTHENTICATE XOAUTH2 when
// ImapOptions::bearer_token is set. The IDLE is renewed (DONE + IDLE) every
// `renew`; any error, BYE or timeout closes the connection and reconnects
// after an exponential backoff. A server without IDLE is logged once and
// left alone.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "daemon/imap_client.hpp"

namespace gdprd::daemon {

struct IdleOptions {
  ImapOptions imap;  // url, user, password/bearer_token, ca_file, connect_timeout
  std::chrono::seconds renew{25 * 60};         // DONE + IDLE this often (RFC 2177: < 29 min)
  std::chrono::seconds command_timeout{60};    // greeting, STARTTLS, login, EXAMINE, DONE
  std::chrono::milliseconds backoff_min{1000};  // first reconnect delay, doubled per failure
  std::chrono::milliseconds backoff_max{5 * 60 * 1000};
};

// What the connection is doing, for status lines and tests.
enum class IdleState { stopped, connecting, idling, backing_off, unsupported };

class ImapIdleConnection : public std::enable_shared_from_this<ImapIdleConnection> {
 public:
  // ON_WAKE runs on the io_context thread when the server reports new mail
  // (EXISTS or RECENT during IDLE) and after a reconnect (mail may have come
  // meanwhile). It must not block: post the poll pass, do not run it inline.
  static std::shared_ptr<ImapIdleConnection> create(boost::asio::io_context& io, IdleOptions options,
                                                    std::function<void()> on_wake);
  ~ImapIdleConnection();

  // Connects in the background. Idempotent.
  void start();
  // Closes the connection and cancels every timer; no wake after this. The
  // object stays alive until its pending handlers have run.
  void stop();

  IdleState state() const { return state_; }
  // Sessions that reached IDLE so far (a reconnect counts again).
  int sessions() const { return sessions_; }

 private:
  struct Session;
  ImapIdleConnection(boost::asio::io_context& io, IdleOptions options, std::function<void()> on_wake);
  void connect();
  void on_idle_established();
  void on_session_end(const std::string& why, bool reached_idle);

  boost::asio::io_context& io_;
  IdleOptions options_;
  std::function<void()> on_wake_;
  std::shared_ptr<Session> session_;
  std::unique_ptr<boost::asio::steady_timer> backoff_timer_;
  IdleState state_ = IdleState::stopped;
  int failures_ = 0;
  int sessions_ = 0;
  bool refresh_token_ = false;  // the server refused the last bearer token
  bool ever_connected_ = false;
};

// The IDLE options for a [mailbox]: its server and credentials (a bearer
// token source, once the mailbox uses OAuth2, belongs in here too).
IdleOptions idle_options(const config::MailboxConfig& mailbox);

// "user=U\x01auth=Bearer T\x01\x01" in base64 (the SASL XOAUTH2 initial response).
std::string xoauth2_initial_response(const std::string& user, const std::string& token);

// The host, port and decoded mailbox of an imap:// or imaps:// URL, and
// whether TLS is implicit. False when the URL is not one.
struct ImapEndpoint {
  std::string host;
  std::string port;
  std::string mailbox;
  bool implicit_tls = true;
};
bool parse_imap_url(const std::string& url, ImapEndpoint& out);

}  // namespace gdprd::daemon
