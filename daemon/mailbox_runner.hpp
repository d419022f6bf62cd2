// One mailbox's life inside the daemon: its Service (store, IMAP, SMTP,
// poller, deadlines, alerts), the timer of its timed poll with exponential
// backoff after failures, and its IMAP IDLE connection that wakes the poll.
// Each [[mailbox]] has its own runner on the one io_context, so a mailbox
// whose server is down backs off alone while the others go on.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "daemon/imap_idle_connection.hpp"
#include "daemon/service.hpp"

namespace gdprd::daemon {

// After FAILURES consecutive failed polls: interval * 2^failures, capped at
// 15 minutes (or the interval itself, when that is longer).
std::chrono::seconds next_poll_delay(std::chrono::seconds interval, int failures);

// "socialnamnden: " for log lines and STATUS= of a named mailbox; "" for
// the single unnamed one (its lines read as before several were possible).
std::string mailbox_log_prefix(const config::MailboxConfig& mailbox);

// How often a running mailbox walks its open incidents' reminder ladders.
inline constexpr Duration kDeadlineTickInterval = std::chrono::seconds(60);

class MailboxRunner : public std::enable_shared_from_this<MailboxRunner> {
 public:
  // Called after every pass with the runner's one-line status for STATUS=.
  using PassDone = std::function<void()>;

  // Owns SERVICE. Borrows io and clock.
  static std::shared_ptr<MailboxRunner> create(boost::asio::io_context& io, std::unique_ptr<Service> service,
                                               const Clock& clock, PassDone on_pass);

  // The first pass as soon as the loop runs, then the timed polls; and IDLE
  // when configured.
  void start();
  // No pass after this one (a pass under way finishes: passes are synchronous
  // on the loop thread). Safe to call twice; handlers still queued see it.
  void stop();

  // "socialnamnden: last poll 2026-12-01 08:00 ok; 3 open incidents" - for STATUS=.
  const std::string& status() const { return status_; }

 private:
  MailboxRunner(boost::asio::io_context& io, std::unique_ptr<Service> service, const Clock& clock, PassDone on_pass);
  void pass();
  void schedule(std::chrono::seconds delay);
  void wake();
  std::string prefix() const { return mailbox_log_prefix(service_->config().mailbox); }

  boost::asio::io_context& io_;
  std::unique_ptr<Service> service_;
  const Clock& clock_;
  PassDone on_pass_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<ImapIdleConnection> idle_;
  int failures_ = 0;
  std::optional<TimePoint> last_tick_;  // of the deadline ladders
  bool stopped_ = false;
  bool wake_queued_ = false;
  std::string status_;
};

}  // namespace gdprd::daemon
