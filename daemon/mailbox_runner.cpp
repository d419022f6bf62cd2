#include "daemon/mailbox_runner.hpp"

#include <spdlog/spdlog.h>

#include <malloc.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "core/stockholm_time.hpp"
#include "daemon/systemd_notify.hpp"

namespace gdprd::daemon {

std::chrono::seconds next_poll_delay(std::chrono::seconds interval, int failures) {
  if (failures <= 0) return interval;
  auto cap = std::max(interval, std::chrono::seconds(15 * 60));
  auto delay = interval;
  for (int i = 0; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

std::string mailbox_log_prefix(const config::MailboxConfig& mailbox) {
  return mailbox.name.empty() ? "" : mailbox.name + ": ";
}

std::shared_ptr<MailboxRunner> MailboxRunner::create(boost::asio::io_context& io, std::unique_ptr<Service> service,
                                                     const Clock& clock, PassDone on_pass) {
  return std::shared_ptr<MailboxRunner>(new MailboxRunner(io, std::move(service), clock, std::move(on_pass)));
}

MailboxRunner::MailboxRunner(boost::asio::io_context& io, std::unique_ptr<Service> service, const Clock& clock,
                             PassDone on_pass)
    : io_(io), service_(std::move(service)), clock_(clock), on_pass_(std::move(on_pass)), timer_(io) {
  status_ = prefix() + "first poll under way";
}

void MailboxRunner::start() {
  // Handlers hold the runner alive (shared_from_this) and check stopped_, so
  // a reload may drop the runner while some of them are still queued.
  boost::asio::post(io_, [self = shared_from_this()] { self->pass(); });
  if (!service_->config().mailbox.idle) return;
  IdleOptions options = idle_options(service_->config().mailbox);
  options.imap.bearer_token = service_->imap_bearer_token();
  std::weak_ptr<MailboxRunner> weak = shared_from_this();
  idle_ = ImapIdleConnection::create(io_, std::move(options), [weak] {
    if (auto self = weak.lock()) self->wake();
  });
  idle_->start();
}

void MailboxRunner::stop() {
  stopped_ = true;
  timer_.cancel();
  if (idle_) idle_->stop();
  idle_.reset();
}

void MailboxRunner::pass() {
  if (stopped_) return;
  const std::string when = stockholm::format_human(clock_.now());
  try {
    PollStats poll = service_->poll();
    // The acknowledgments first: the reporter is waiting for them, and a
    // pass woken by IDLE should not wait behind every open incident's ladder.
    service_->dispatch();
    // The ladders' steps are hours apart: once a minute is on time, however
    // often IDLE wakes the poll.
    const TimePoint now = clock_.now();
    if (!last_tick_ || now - *last_tick_ >= kDeadlineTickInterval || now < *last_tick_) {
      last_tick_ = now;
      service_->tick_deadlines();  // never throws
      service_->dispatch();
    }
    if (service_->check_alerts(poll).queued() > 0) service_->dispatch();  // never throws
    failures_ = poll.ok ? 0 : failures_ + 1;
    status_ = prefix() + systemd::poll_status_text(when, poll.ok, poll.error, service_->store().open_incidents().size());
  } catch (const std::exception& e) {  // never out of a handler
    spdlog::error("{}poll pass failed: {}", prefix(), e.what());
    ++failures_;
    status_ = prefix() + systemd::poll_status_text(when, false, e.what(), std::nullopt);
  }
  if (on_pass_) on_pass_();
  // A pass may have walked thousands of open incidents or parsed a large
  // mail; glibc keeps the freed heap, so the daemon would sit between mails
  // at its highest mark. Give it back to the system.
  ::malloc_trim(0);
  auto delay = next_poll_delay(service_->config().mailbox.poll_interval, failures_);
  if (failures_ > 0) spdlog::info("{}next poll in {}s after {} failed poll(s)", prefix(), delay.count(), failures_);
  schedule(delay);
}

void MailboxRunner::schedule(std::chrono::seconds delay) {
  if (stopped_) return;
  timer_.expires_after(delay);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->pass();
  });
}

// IMAP IDLE saw new mail: a pass now. Wakes that come before the posted pass
// has run coalesce into it (one extra pass at most).
void MailboxRunner::wake() {
  if (stopped_ || wake_queued_) return;
  wake_queued_ = true;
  timer_.cancel();
  boost::asio::post(io_, [self = shared_from_this()] {
    self->wake_queued_ = false;
    self->pass();
    // Woken right after a server restart, the poller's reused connection
    // may be stale: retry once soon rather than after the long backoff.
    if (self->failures_ > 0) self->schedule(std::chrono::seconds(1));
  });
}

}  // namespace gdprd::daemon
