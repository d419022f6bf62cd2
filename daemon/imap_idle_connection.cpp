#include "daemon/imap_idle_connection.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <stdexcept>
#include <vector>

#include "parsers/imap/imap_response_reader.hpp"

namespace gdprd::daemon {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using parsers::ImapResponse;

namespace {

// A protocol-level failure; the session ends and the connection reconnects.
struct SessionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string base64(std::string_view in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(table[(v >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], table[(v >> 6) & 63], '='};
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// A string argument as IMAP wants it: quoted when it is printable ASCII,
// otherwise a synchronising literal (the caller waits for "+" between parts).
// Throws SessionError for CR, LF or NUL, which no user name or password holds.
std::vector<std::string> astring_parts(const std::string& prefix, const std::string& value,
                                       const std::string& suffix) {
  if (value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
    throw SessionError("credential contains a line break or NUL");
  }
  bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
  if (plain) return {prefix + imap_quote(value) + suffix};
  return {prefix + "{" + std::to_string(value.size()) + "}", value + suffix};
}

}  // namespace

IdleOptions idle_options(const config::MailboxConfig& mailbox) {
  IdleOptions o;
  o.imap.url = mailbox.url;
  o.imap.user = mailbox.user;
  o.imap.password = mailbox.password.reveal();
  o.imap.ca_file = mailbox.ca_file.value_or("");
  o.renew = mailbox.idle_renew;
  return o;
}

std::string xoauth2_initial_response(const std::string& user, const std::string& token) {
  return base64("user=" + user + "\x01" + "auth=Bearer " + token + "\x01\x01");
}

bool parse_imap_url(const std::string& url, ImapEndpoint& out) {
  std::string_view rest(url);
  if (rest.substr(0, 8) == "imaps://") {
    out.implicit_tls = true;
    out.port = "993";
    rest.remove_prefix(8);
  } else if (rest.substr(0, 7) == "imap://") {
    out.implicit_tls = false;
    out.port = "143";
    rest.remove_prefix(7);
  } else {
    return false;
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    out.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty()) {
      if (authority[0] != ':') return false;
      out.port = std::string(authority.substr(1));
    }
  } else {
    size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) out.port = std::string(authority.substr(colon + 1));
  }
  if (out.host.empty() || out.port.empty() ||
      !std::all_of(out.port.begin(), out.port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (size_t semicolon = path.find(';'); semicolon != std::string_view::npos) path = path.substr(0, semicolon);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.mailbox = path.empty() ? "INBOX" : percent_decode(path);
  return true;
}

// One TCP/TLS connection from connect to close. The connection object makes
// a new Session for every attempt, so no state leaks from a broken one.
struct ImapIdleConnection::Session : std::enable_shared_from_this<Session> {
  Session(asio::io_context& io, const IdleOptions& options, ImapEndpoint endpoint,
          std::weak_ptr<ImapIdleConnection> owner, bool refresh_token, bool wake_on_open)
      : options_(options),
        endpoint_(std::move(endpoint)),
        owner_(std::move(owner)),
        refresh_token_(refresh_token),
        wake_on_open_(wake_on_open),
        ctx_(asio::ssl::context::tls_client),
        resolver_(io),
        stream_(io, ctx_),
        watchdog_(io),
        renew_(io) {}

  void start() {
    auto self = shared_from_this();
    asio::co_spawn(
        resolver_.get_executor(), [self]() -> awaitable<void> { co_await self->run_guarded(); },
        asio::detached);
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ec;
    resolver_.cancel();
    stream_.lowest_layer().close(ec);
    watchdog_.cancel();
    renew_.cancel();
  }

  // --- outcome, read by the owner after the session ended
  bool reached_idle_ = false;
  bool unsupported_ = false;
  bool auth_refused_ = false;

 private:
  awaitable<void> run_guarded() {
    std::string why;
    try {
      co_await run();
    } catch (const boost::system::system_error& e) {
      why = timed_out_ ? "timed out" : e.code().message();
    } catch (const std::exception& e) {
      why = timed_out_ ? "timed out" : e.what();
    }
    close();
    // The owner ignores this after its stop().
    if (auto owner = owner_.lock(); owner && owner->session_.get() == this) {
      owner->on_session_end(why, reached_idle_);
    }
  }

  void arm(std::chrono::steady_clock::duration timeout) {
    watchdog_.expires_after(timeout);
    watchdog_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec || self->closed_) return;
      self->timed_out_ = true;
      self->close();
    });
  }

  void check_open() const {
    if (closed_) throw SessionError(timed_out_ ? "timed out" : "closed");
  }

  awaitable<void> write(std::string bytes) {
    check_open();
    if (tls_) {
      co_await asio::async_write(stream_, asio::buffer(bytes), use_awaitable);
    } else {
      co_await asio::async_write(stream_.next_layer(), asio::buffer(bytes), use_awaitable);
    }
  }

  awaitable<ImapResponse> next() {
    while (pending_.empty()) {
      check_open();
      size_t n = tls_ ? co_await stream_.async_read_some(asio::buffer(buf_), use_awaitable)
                      : co_await stream_.next_layer().async_read_some(asio::buffer(buf_), use_awaitable);
      for (auto& r : reader_.feed(std::string_view(buf_.data(), n))) pending_.push_back(std::move(r));
      if (reader_.failed()) throw SessionError("unreadable server response: " + reader_.error());
    }
    ImapResponse r = std::move(pending_.front());
    pending_.pop_front();
    if (r.kind == ImapResponse::Kind::untagged && r.keyword == "BYE") {
      throw SessionError("server said BYE: " + r.text);
    }
    if (r.kind == ImapResponse::Kind::untagged && !r.capabilities.empty()) capabilities_ = r.capabilities;
    co_return r;
  }

  // Wakes the poller for new mail reported at any time (RFC 3501 allows
  // EXISTS in the answer to every command).
  void note(const ImapResponse& r) {
    bool grown = r.kind == ImapResponse::Kind::untagged &&
                 (r.keyword == "EXISTS" || (r.keyword == "RECENT" && r.number.value_or(0) > 0));
    if (grown && examined_) wake();
  }

  void wake() {
    if (closed_) return;
    if (auto owner = owner_.lock(); owner && owner->on_wake_) owner->on_wake_();
  }

  // Sends PARTS as one tagged command (waiting for "+" between parts, for
  // literals and SASL) and returns the tagged completion. A "+" after the
  // last part (a SASL error challenge) is answered with an empty line.
  // (GCC 12 miscompiles braced lists inside coroutines: parts are pushed.)
  awaitable<ImapResponse> command(std::string single) {
    std::vector<std::string> parts;
    parts.push_back(std::move(single));
    co_return co_await command_parts(std::move(parts));
  }

  awaitable<ImapResponse> command_parts(std::vector<std::string> parts) {
    std::string tag = "i" + std::to_string(++tag_n_);
    size_t sent = 0;
    // Each line is built in a named local before co_await: GCC 12 destroys a
    // conditional's temporary twice inside a coroutine (a double free seen when
    // a server refused an XOAUTH2 token and sent a "+" error challenge).
    std::string first = tag + " " + parts[sent++] + "\r\n";
    co_await write(std::move(first));
    for (;;) {
      ImapResponse r = co_await next();
      if (r.kind == ImapResponse::Kind::continuation) {
        std::string line = "\r\n";
        if (sent < parts.size()) line = parts[sent++] + "\r\n";
        co_await write(std::move(line));
        continue;
      }
      if (r.kind == ImapResponse::Kind::tagged) {
        if (r.tag != tag) throw SessionError("response for an unknown tag " + r.tag);
        co_return r;
      }
      note(r);
    }
  }

  awaitable<void> handshake() {
    SSL* ssl = stream_.native_handle();
    boost::system::error_code ec;
    asio::ip::make_address(endpoint_.host, ec);
    if (ec) SSL_set_tlsext_host_name(ssl, endpoint_.host.c_str());  // SNI is for names only
    co_await stream_.async_handshake(asio::ssl::stream_base::client, use_awaitable);
    tls_ = true;
  }

  awaitable<void> run() {
    ctx_.set_verify_mode(asio::ssl::verify_peer);
    if (options_.imap.ca_file.empty()) {
      ctx_.set_default_verify_paths();
    } else {
      ctx_.load_verify_file(options_.imap.ca_file);
    }
    stream_.set_verify_mode(asio::ssl::verify_peer);
    stream_.set_verify_callback(asio::ssl::host_name_verification(endpoint_.host));

    arm(options_.imap.connect_timeout);
    auto endpoints = co_await resolver_.async_resolve(endpoint_.host, endpoint_.port, use_awaitable);
    check_open();
    co_await asio::async_connect(stream_.lowest_layer(), endpoints, use_awaitable);
    arm(options_.command_timeout);
    if (endpoint_.implicit_tls) co_await handshake();

    ImapResponse greeting = co_await next();
    if (greeting.kind != ImapResponse::Kind::untagged || greeting.keyword != "OK") {
      throw SessionError("unexpected greeting: " + greeting.keyword + " " + greeting.text);
    }
    if (!endpoint_.implicit_tls) {
      ImapResponse r = co_await command("STARTTLS");
      if (r.keyword != "OK") throw SessionError("STARTTLS refused: " + r.text);
      // Anything the server sent after OK arrived in plaintext and could be
      // an injection (CVE-2011-0411 style): refuse rather than read it.
      if (!pending_.empty() || reader_.mid_response()) throw SessionError("data after STARTTLS");
      co_await handshake();
      reader_ = parsers::ImapResponseReader();
      capabilities_.clear();
    }

    std::vector<std::string> login;
    if (options_.imap.bearer_token) {
      std::string token = options_.imap.bearer_token(refresh_token_);
      login.push_back("AUTHENTICATE XOAUTH2");
      login.push_back(xoauth2_initial_response(options_.imap.user, token));
    } else {
      auto user = astring_parts("LOGIN ", options_.imap.user, " ");
      auto password = astring_parts("", options_.imap.password, "");
      // Join the quoted pieces so that a literal always ends its part.
      login = user;
      login.back() += password.front();
      login.insert(login.end(), password.begin() + 1, password.end());
    }
    ImapResponse logged_in = co_await command_parts(std::move(login));
    if (logged_in.keyword != "OK") {
      auth_refused_ = true;
      throw SessionError("login refused: " + logged_in.text);
    }
    if (logged_in.code == "CAPABILITY") {
      capabilities_ = logged_in.capabilities;
    } else {
      capabilities_.clear();
      ImapResponse r = co_await command("CAPABILITY");
      if (r.keyword != "OK") throw SessionError("CAPABILITY failed: " + r.text);
    }
    if (std::find(capabilities_.begin(), capabilities_.end(), "IDLE") == capabilities_.end()) {
      unsupported_ = true;
      co_await command("LOGOUT");
      co_return;
    }

    ImapResponse examined = co_await command("EXAMINE " + imap_quote(endpoint_.mailbox));
    if (examined.keyword != "OK") throw SessionError("EXAMINE refused: " + examined.text);
    examined_ = true;
    if (wake_on_open_) wake();

    for (;;) {
      std::string tag = "i" + std::to_string(++tag_n_);
      co_await write(tag + " IDLE\r\n");
      done_sent_ = false;
      for (;;) {
        ImapResponse r = co_await next();
        if (r.kind == ImapResponse::Kind::continuation) {
          if (done_sent_ || idling_) throw SessionError("unexpected continuation during IDLE");
          idling_ = true;
          if (!reached_idle_) {
            reached_idle_ = true;
            if (auto owner = owner_.lock()) owner->on_idle_established();
          }
          // A silent connection is normal while idling; the renewal bounds it.
          arm(options_.renew + options_.command_timeout);
          renew_.expires_after(options_.renew);
          renew_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (ec || self->closed_ || !self->idling_ || self->done_sent_) return;
            self->done_sent_ = true;
            self->send_done();
          });
          continue;
        }
        if (r.kind == ImapResponse::Kind::tagged) {
          if (r.tag != tag) throw SessionError("response for an unknown tag " + r.tag);
          if (r.keyword != "OK") throw SessionError("IDLE refused: " + r.text);
          if (done_sent_) spdlog::info("IMAP IDLE: renewed");
          break;
        }
        note(r);
      }
      idling_ = false;
      renew_.cancel();
      arm(options_.command_timeout);
    }
  }

  void send_done() {
    arm(options_.command_timeout);
    asio::async_write(stream_, asio::buffer(done_),
                      [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                        if (ec) self->close();
                      });
  }

  IdleOptions options_;
  ImapEndpoint endpoint_;
  std::weak_ptr<ImapIdleConnection> owner_;
  bool refresh_token_;
  bool wake_on_open_;
  asio::ssl::context ctx_;
  tcp::resolver resolver_;
  asio::ssl::stream<tcp::socket> stream_;
  asio::steady_timer watchdog_;
  asio::steady_timer renew_;
  parsers::ImapResponseReader reader_;
  std::deque<ImapResponse> pending_;
  std::vector<std::string> capabilities_;
  std::array<char, 16 * 1024> buf_{};
  const std::string done_ = "DONE\r\n";
  bool tls_ = false;
  bool closed_ = false;
  bool timed_out_ = false;
  bool examined_ = false;
  bool idling_ = false;     // the server said "+" to our IDLE
  bool done_sent_ = false;  // and we have ended it
  int tag_n_ = 0;
};

std::shared_ptr<ImapIdleConnection> ImapIdleConnection::create(asio::io_context& io, IdleOptions options,
                                                               std::function<void()> on_wake) {
  return std::shared_ptr<ImapIdleConnection>(
      new ImapIdleConnection(io, std::move(options), std::move(on_wake)));
}

ImapIdleConnection::ImapIdleConnection(asio::io_context& io, IdleOptions options,
                                       std::function<void()> on_wake)
    : io_(io),
      options_(std::move(options)),
      on_wake_(std::move(on_wake)),
      backoff_timer_(std::make_unique<asio::steady_timer>(io)) {}

ImapIdleConnection::~ImapIdleConnection() {
  if (session_) session_->close();
}

void ImapIdleConnection::start() {
  if (state_ != IdleState::stopped) return;
  connect();
}

void ImapIdleConnection::stop() {
  state_ = IdleState::stopped;
  backoff_timer_->cancel();
  if (session_) session_->close();
}

void ImapIdleConnection::connect() {
  ImapEndpoint endpoint;
  if (!parse_imap_url(options_.imap.url, endpoint)) {
    spdlog::error("IMAP IDLE: cannot use mailbox url {}; the timed poll continues alone", options_.imap.url);
    state_ = IdleState::unsupported;
    return;
  }
  state_ = IdleState::connecting;
  // After a lost connection mail may have come unnoticed: wake once the
  // mailbox is open again (the first session needs no wake: the daemon
  // polls at start).
  bool wake_on_open = ever_connected_;
  session_ = std::make_shared<Session>(io_, options_, std::move(endpoint), weak_from_this(),
                                       refresh_token_, wake_on_open);
  session_->start();
}

void ImapIdleConnection::on_idle_established() {
  if (failures_ > 0) spdlog::info("IMAP IDLE: connected again after {} failed attempt(s)", failures_);
  spdlog::info("IMAP IDLE: waiting for new mail (renewed every {}s)", options_.renew.count());
  failures_ = 0;
  refresh_token_ = false;
  ever_connected_ = true;
  ++sessions_;
  state_ = IdleState::idling;
}

void ImapIdleConnection::on_session_end(const std::string& why, bool reached_idle) {
  if (state_ == IdleState::stopped) return;
  if (session_ && session_->unsupported_) {
    spdlog::warn("IMAP IDLE: the server does not offer IDLE; new mail waits for the timed poll");
    state_ = IdleState::unsupported;
    session_.reset();
    return;
  }
  // One refused token is refreshed on the next attempt (it may have expired).
  refresh_token_ = session_ && session_->auth_refused_ && !refresh_token_;
  session_.reset();
  auto delay = options_.backoff_min;
  for (int i = 0; i < failures_ && delay < options_.backoff_max; ++i) delay *= 2;
  delay = std::min(delay, options_.backoff_max);
  ++failures_;
  spdlog::warn("IMAP IDLE: connection {} ({}); reconnecting in {} ms, the timed poll continues",
               reached_idle ? "lost" : "failed", why.empty() ? "closed by the server" : why, delay.count());
  state_ = IdleState::backing_off;
  backoff_timer_->expires_after(delay);
  backoff_timer_->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || self->state_ != IdleState::backing_off) return;
    self->connect();
  });
}

}  // namespace gdprd::daemon
