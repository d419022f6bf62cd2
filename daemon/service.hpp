// Everything one configuration needs at run time, built from a Config: the
// store, the IMAP client, the composer, the SMTP sender, the poller and the
// outbox dispatcher. A reload builds a new Service and drops the old one.
#pragma once

#include <memory>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "daemon/admin_alert_monitor.hpp"
#include "daemon/imap_client.hpp"
#include "daemon/deadline_scheduler.hpp"
#include "daemon/decision_mail.hpp"
#include "daemon/imap_poller.hpp"
#include "daemon/oauth2_token_source.hpp"
#include "daemon/outbox_dispatcher.hpp"
#include "notify/ack_composer.hpp"
#include "notify/smtp_sender.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

class Service {
 public:
  // Opens (creating) the store. Throws store::StoreError when it cannot.
  // Borrows clock.
  Service(const config::Config& config, const Clock& clock);

  const config::Config& config() const { return config_; }
  PollStats poll() { return poller_.poll_once(); }
  DispatchStats dispatch() { return dispatcher_.dispatch_due(); }
  // One pass of the deadline ladders (reminders, completion requests, late flags).
  TickStats tick_deadlines() { return scheduler_.tick(); }
  store::IncidentStore& store() { return store_; }
  // The IMAP login's OAuth2 token hook when [mailbox] auth = "oauth2", else
  // empty (the IDLE connection logs in like the poller). Valid while this lives.
  std::function<std::string(bool refresh)> imap_bearer_token() const {
    if (!oauth2_ || config_.mailbox.auth != config::AuthMethod::oauth2) return {};
    return oauth2_->bearer_hook();
  }
  // Self-monitoring after a pass that polled with result POLL: queues alert,
  // recovery and secret-expiry mails to [alerts] admins. Never throws.
  AlertCheckStats check_alerts(const PollStats& poll) {
    return alerts_.check({{config_.mailbox.url, poll.ok, poll.error}});
  }

 private:
  config::Config config_;
  store::Database db_;
  store::IncidentStore store_;
  std::unique_ptr<OAuth2TokenSource> oauth2_;  // set when some auth = "oauth2"; before its users
  ImapClient imap_;
  notify::AckComposer composer_;
  notify::SmtpSender smtp_;
  ImapPoller poller_;
  OutboxDispatcher dispatcher_;
  store::DeadlineRepository repo_;
  notify::ReminderComposer reminder_composer_;
  notify::DecisionReplyComposer reply_composer_;
  DecisionMailHandler decisions_;
  DeadlineScheduler scheduler_;
  store::AdminAlertState alert_state_;
  notify::AdminAlertComposer alert_composer_;
  AdminAlertMonitor alerts_;
};

// The domain of an address ("kommun.example" of "pui@kommun.example").
std::string domain_of(const std::string& address);

}  // namespace gdprd::daemon
