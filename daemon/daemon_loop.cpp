#include "daemon/daemon_loop.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>

#include "config/config.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/imap_idle_connection.hpp"
#include "daemon/service.hpp"
#include "daemon/systemd_notify.hpp"

namespace gdprd::daemon {
namespace {

std::unique_ptr<Service> build_service(const std::string& path, const Clock& clock, int& exit_code) {
  auto loaded = config::load_config(path);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) spdlog::error("{}", e);
    exit_code = kExitConfig;
    return nullptr;
  }
  try {
    return std::make_unique<Service>(*loaded.config, clock);
  } catch (const std::exception& e) {
    spdlog::error("cannot open the store {}: {}", loaded.config->store.path, e.what());
    exit_code = kExitCantCreate;
    return nullptr;
  }
}

// After N consecutive failed polls: interval * 2^N, capped at 15 minutes
// (or the interval itself, when that is longer).
std::chrono::seconds next_delay(std::chrono::seconds interval, int failures) {
  if (failures <= 0) return interval;
  auto cap = std::max(interval, std::chrono::seconds(15 * 60));
  auto delay = interval;
  for (int i = 0; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace

int check_config(const std::string& config_path) {
  auto loaded = config::load_config(config_path);
  for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!loaded.config) return kExitConfig;
  std::fprintf(stderr, "%s: configuration is valid\n", config_path.c_str());
  return kExitOk;
}

int run_once(const std::string& config_path, const Clock& clock) {
  int exit_code = kExitOk;
  auto service = build_service(config_path, clock, exit_code);
  if (!service) return exit_code;
  PollStats poll = service->poll();
  TickStats ticked = service->tick_deadlines();
  DispatchStats sent = service->dispatch();
  AlertCheckStats alerted = service->check_alerts(poll);
  if (alerted.queued() > 0) service->dispatch();  // the admins hear now, not a pass later
  spdlog::info("once: alerts queued={} errors={}", alerted.queued(), alerted.errors);
  spdlog::info("once: deadlines incidents={} reminders={} skipped={} deferred={} completion_requests={} errors={}",
               ticked.incidents, ticked.reminders_sent, ticked.steps_skipped, ticked.deferred,
               ticked.completion_requests, ticked.errors);
  spdlog::info("once: fetched={} incidents={} stored_only={} attached={} duplicates={} failed={} "
               "sent={} retry_later={} given_up={}",
               poll.fetched, poll.incidents, poll.stored_only, poll.attached, poll.duplicates,
               poll.failed, sent.sent, sent.retry_later, sent.given_up);
  return poll.ok ? kExitOk : kExitUnavailable;
}

int run_daemon(const std::string& config_path, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Service> service = build_service(config_path, clock, exit_code);
  if (!service) return exit_code;

  boost::asio::io_context io;
  boost::asio::steady_timer poll_timer(io);
  boost::asio::steady_timer watchdog_timer(io);
  boost::asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  int failures = 0;
  bool stopping = false;

  std::function<void()> pass = [&] {
    if (stopping) return;
    try {
      PollStats poll = service->poll();
      service->tick_deadlines();  // never throws
      service->dispatch();
      if (service->check_alerts(poll).queued() > 0) service->dispatch();  // never throws
      failures = poll.ok ? 0 : failures + 1;
      // systemctl status shows the last poll and the open incidents.
      systemd::status(systemd::poll_status_text(stockholm::format_human(clock.now()), poll.ok, poll.error,
                                                service->store().open_incidents().size()));
    } catch (const std::exception& e) {  // never out of a handler
      spdlog::error("poll pass failed: {}", e.what());
      ++failures;
      systemd::status(systemd::poll_status_text(stockholm::format_human(clock.now()), false, e.what(), std::nullopt));
    }
    auto delay = next_delay(service->config().mailbox.poll_interval, failures);
    if (failures > 0) spdlog::info("next poll in {}s after {} failed poll(s)", delay.count(), failures);
    poll_timer.expires_after(delay);
    poll_timer.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) pass();
    });
  };

  // IMAP IDLE wakes a pass as soon as mail arrives; wakes that come before
  // the posted pass has run coalesce into it (one extra pass at most).
  std::shared_ptr<ImapIdleConnection> idle;
  bool wake_queued = false;
  std::function<void()> wake = [&] {
    if (stopping || wake_queued) return;
    wake_queued = true;
    poll_timer.cancel();
    boost::asio::post(io, [&] {
      wake_queued = false;
      pass();
      // Woken right after a server restart, the poller's reused connection
      // may be stale: retry once soon rather than after the long backoff.
      if (failures > 0 && !stopping) {
        poll_timer.expires_after(std::chrono::seconds(1));
        poll_timer.async_wait([&](const boost::system::error_code& ec) {
          if (!ec) pass();
        });
      }
    });
  };
  std::function<void()> start_idle = [&] {
    if (idle) idle->stop();
    idle.reset();
    if (!service->config().mailbox.idle) return;
    IdleOptions options = idle_options(service->config().mailbox);
    options.imap.bearer_token = service->imap_bearer_token();
    idle = ImapIdleConnection::create(io, std::move(options), wake);
    idle->start();
  };

  std::function<void()> arm_signals = [&] {
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        systemd::reloading();
        int code = kExitOk;
        auto fresh = build_service(config_path, clock, code);
        if (fresh) {
          service = std::move(fresh);
          spdlog::info("configuration reloaded from {}", config_path);
          start_idle();
        } else {
          spdlog::error("reload failed; the previous configuration stays in force");
        }
        systemd::ready();
        arm_signals();
        return;
      }
      spdlog::info("signal {}: stopping", signo);
      stopping = true;
      systemd::stopping();
      poll_timer.cancel();
      watchdog_timer.cancel();
      if (idle) idle->stop();
      signals.cancel();
    });
  };

  std::function<void()> watchdog = [&] {
    auto interval = systemd::watchdog_interval();
    if (!interval || stopping) return;
    systemd::watchdog_ping();
    watchdog_timer.expires_after(*interval);
    watchdog_timer.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) watchdog();
    });
  };

  arm_signals();
  spdlog::info("gdprincidentd started: mailbox {} every {}s", service->config().mailbox.url,
               service->config().mailbox.poll_interval.count());
  systemd::ready();
  systemd::status("started; first poll under way");
  watchdog();
  boost::asio::post(io, pass);
  start_idle();
  io.run();
  spdlog::info("gdprincidentd stopped");
  return kExitOk;
}

}  // namespace gdprd::daemon
