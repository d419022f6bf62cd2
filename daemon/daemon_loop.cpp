#include "daemon/daemon_loop.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>

#include "config/config.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/mailbox_runner.hpp"
#include "daemon/parse_sandbox.hpp"
#include "daemon/service.hpp"
#include "daemon/systemd_notify.hpp"

namespace gdprd::daemon {
namespace {

// One Service per mailbox, or none (after the errors are logged and
// exit_code set): a config error or a store that cannot be opened stops the
// start (or, on SIGHUP, keeps the running configuration) - an admin must
// hear of it at once rather than find a mailbox silently left out.
std::vector<std::unique_ptr<Service>> build_services(const std::string& path, const Clock& clock, int& exit_code) {
  auto loaded = config::load_config(path);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) spdlog::error("{}", e);
    exit_code = kExitConfig;
    return {};
  }
  // Every mail goes through the parse worker: without a working one the
  // daemon could only flag each mail for a human, so it refuses to start.
  if (const std::string bad = check_parse_worker(); !bad.empty()) {
    const std::string worker = default_parse_worker_path();
    spdlog::error("{}{}; reinstall gdprincidentd", bad, bad.find(worker) == std::string::npos ? " (" + worker + ")" : "");
    exit_code = kExitOsFile;
    return {};
  }
  std::vector<std::unique_ptr<Service>> services;
  for (size_t i = 0; i < loaded.mailboxes.size(); ++i) {
    config::Config c = loaded.mailboxes[i];
    // The secrets under [alerts] and [oauth2] are shared: only the first
    // mailbox warns of their expiry, so the admins get one mail, not one per mailbox.
    if (i > 0) {
      c.alerts.secrets.clear();
      if (c.oauth2) c.oauth2->secret_expires.reset();
    }
    try {
      services.push_back(std::make_unique<Service>(c, clock));
    } catch (const std::exception& e) {
      spdlog::error("cannot open the store {}: {}", c.store.path, e.what());
      exit_code = kExitCantCreate;
      return {};
    }
  }
  return services;
}

std::string mailbox_label(const config::MailboxConfig& m) { return m.name.empty() ? m.url : m.name + " (" + m.url + ")"; }

}  // namespace

int check_config(const std::string& config_path) {
  auto loaded = config::load_config(config_path);
  for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!loaded.config) return kExitConfig;
  std::fprintf(stderr, "%s: configuration is valid (%zu mailbox%s)\n", config_path.c_str(), loaded.mailboxes.size(),
               loaded.mailboxes.size() == 1 ? "" : "es");
  // The installation too: under systemd this is ExecStartPre, so the worker
  // is tried with the unit's own restrictions before the service starts.
  const std::string worker = default_parse_worker_path();
  if (const std::string bad = check_parse_worker(); !bad.empty()) {
    std::fprintf(stderr, "%s\n", bad.find(worker) == std::string::npos ? (worker + ": " + bad).c_str() : bad.c_str());
    return kExitOsFile;
  }
  std::fprintf(stderr, "%s: parse worker works (confined)\n", worker.c_str());
  return kExitOk;
}

int run_once(const std::string& config_path, const Clock& clock) {
  int exit_code = kExitOk;
  auto services = build_services(config_path, clock, exit_code);
  if (services.empty()) return exit_code;
  bool all_ok = true;
  for (auto& service : services) {
    // One mailbox's failure is logged and counted; the others are still polled.
    const std::string p = mailbox_log_prefix(service->config().mailbox);
    // Each phase is timed: the log line is where a slow run shows which part.
    using Seconds = std::chrono::duration<double>;
    auto t0 = std::chrono::steady_clock::now();
    PollStats poll = service->poll();
    auto t1 = std::chrono::steady_clock::now();
    TickStats ticked = service->tick_deadlines();
    auto t2 = std::chrono::steady_clock::now();
    DispatchStats sent = service->dispatch();
    auto t3 = std::chrono::steady_clock::now();
    AlertCheckStats alerted = service->check_alerts(poll);
    if (alerted.queued() > 0) service->dispatch();  // the admins hear now, not a pass later
    spdlog::info("{}once: seconds poll={:.3f} deadlines={:.3f} dispatch={:.3f}", p, Seconds(t1 - t0).count(),
                 Seconds(t2 - t1).count(), Seconds(t3 - t2).count());
    spdlog::info("{}once: poll seconds fetch_wait={:.3f} parse={:.3f} commit={:.3f} flag={:.3f} other={:.3f}", p,
                 poll.fetch_wait_s, poll.parse_s, poll.commit_s, poll.flag_s,
                 Seconds(t1 - t0).count() - poll.fetch_wait_s - poll.parse_s - poll.commit_s - poll.flag_s);
    spdlog::info("{}once: alerts queued={} errors={}", p, alerted.queued(), alerted.errors);
    spdlog::info("{}once: deadlines incidents={} reminders={} skipped={} deferred={} completion_requests={} errors={}",
                 p, ticked.incidents, ticked.reminders_sent, ticked.steps_skipped, ticked.deferred,
                 ticked.completion_requests, ticked.errors);
    spdlog::info("{}once: fetched={} incidents={} stored_only={} attached={} duplicates={} failed={} "
                 "sent={} retry_later={} given_up={}",
                 p, poll.fetched, poll.incidents, poll.stored_only, poll.attached, poll.duplicates, poll.failed,
                 sent.sent, sent.retry_later, sent.given_up);
    all_ok = all_ok && poll.ok;
  }
  return all_ok ? kExitOk : kExitUnavailable;
}

int run_daemon(const std::string& config_path, const Clock& clock) {
  int exit_code = kExitOk;
  auto services = build_services(config_path, clock, exit_code);
  if (services.empty()) return exit_code;

  boost::asio::io_context io;
  boost::asio::steady_timer watchdog_timer(io);
  boost::asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  bool stopping = false;
  std::vector<std::shared_ptr<MailboxRunner>> runners;

  // systemctl status shows every mailbox's last poll and open incidents.
  auto report_status = [&] {
    std::string text;
    for (const auto& r : runners) text += (text.empty() ? "" : "; ") + r->status();
    systemd::status(text);
  };
  auto start_runners = [&](std::vector<std::unique_ptr<Service>> fresh) {
    for (auto& r : runners) r->stop();
    runners.clear();
    for (auto& service : fresh) {
      spdlog::info("mailbox {} every {}s{}", mailbox_label(service->config().mailbox),
                   service->config().mailbox.poll_interval.count(),
                   service->config().mailbox.idle ? " and on IMAP IDLE" : "");
      runners.push_back(MailboxRunner::create(io, std::move(service), clock, report_status));
    }
    for (auto& r : runners) r->start();
  };

  std::function<void()> arm_signals = [&] {
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        systemd::reloading();
        int code = kExitOk;
        auto fresh = build_services(config_path, clock, code);
        if (!fresh.empty()) {
          start_runners(std::move(fresh));
          spdlog::info("configuration reloaded from {}", config_path);
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
      for (auto& r : runners) r->stop();
      watchdog_timer.cancel();
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
  spdlog::info("gdprincidentd started: {} mailbox{}", services.size(), services.size() == 1 ? "" : "es");
  systemd::ready();
  systemd::status("started; first poll under way");
  watchdog();
  start_runners(std::move(services));
  io.run();
  runners.clear();
  spdlog::info("gdprincidentd stopped");
  return kExitOk;
}

}  // namespace gdprd::daemon
