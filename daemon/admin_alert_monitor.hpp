// Self-monitoring: after each pass the daemon asks this monitor whether the
// admins ([alerts] admins) must hear about it. Three rules:
//  - a mailbox whose polls have failed for poll_failure_after (from the first
//    failed poll of the episode) -> one alert; its first good poll -> one
//    recovery mail (none when no alert went out);
//  - the oldest unsent outbox mail older than outbox_stuck_after -> one
//    alert; the outbox no longer stuck -> one recovery mail. That alert goes
//    through the same SMTP: it is queued anyway (it leaves when SMTP is back)
//    and the fault is logged at error level;
//  - a secret expiry date -> a warning secret_warning_days before, another 3
//    days before, and one on the day it expires: once each per secret and
//    date; when several are due at once (the daemon was down) only the
//    latest goes out.
// The decision is the pure plan_admin_alerts(); AdminAlertMonitor reads the
// state from the store, composes the mails and writes each state change with
// its mail in one transaction (store/admin_alert_state.hpp), so a restart
// neither repeats nor loses a mail.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/alerts_config.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "notify/ack_composer.hpp"
#include "notify/admin_alert_composer.hpp"
#include "store/admin_alert_state.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

// The outcome of one poll of one mailbox.
struct MailboxPollResult {
  std::string mailbox;  // the mailbox key (its URL)
  bool ok = true;
  std::string error;    // when !ok
};

// A configured secret with its expiry instant (00:00 Swedish time of the date).
struct SecretDeadline {
  std::string name;
  std::string date;  // "2027-03-01", part of the notice key
  TimePoint expires_at;
};

// [alerts] secrets (and any other dated secret) as deadlines.
std::vector<SecretDeadline> secret_deadlines(const std::vector<config::SecretExpiry>& secrets);

struct AlertPolicy {
  Duration poll_failure_after = std::chrono::minutes(30);
  Duration outbox_stuck_after = std::chrono::minutes(30);
  int secret_warning_days = 14;
};

// What the monitor sees at one check.
struct AlertObservation {
  TimePoint now;
  std::vector<MailboxPollResult> polls;     // mailboxes polled this pass (others are left alone)
  std::optional<TimePoint> oldest_unsent;   // created_at of the oldest unsent, not given-up mail
  int64_t unsent = 0;
  std::vector<SecretDeadline> secrets;
};

struct AlertStep {
  enum class Action {
    open,            // a failure episode begins; nothing to mail yet
    open_and_alert,  // begins and is already alert-worthy
    alert,           // the open episode has become alert-worthy
    end_quietly,     // over before anyone was told
    recover,         // over after an alert: recovery mail
    notice,          // a one-off secret warning
  };
  Action action = Action::open;
  std::string condition;              // "poll_failure:<mailbox>" | "outbox_stuck" | notice key
  std::optional<int64_t> episode_id;  // of the open episode (alert, end_quietly, recover)
  TimePoint since;                    // the episode's start
  std::string error;                  // poll_failure: the poll's error
  std::string mailbox;                // poll_failure: the mailbox key
  std::optional<SecretDeadline> secret;  // notice
  bool expired = false;                  // notice: on/after the expiry date
};

// The condition name of a mailbox's poll failures.
std::string poll_condition(const std::string& mailbox);
inline constexpr const char* kOutboxCondition = "outbox_stuck";

// The secret notice due at NOW, if any: "expired" from expires_at, "3d" from 3
// days before (when warning_days > 3), "warning" from warning_days before.
std::optional<std::string> secret_stage(const SecretDeadline& secret, TimePoint now, int warning_days);
// "secret:<name>:<date>:<stage>"
std::string notice_key(const SecretDeadline& secret, const std::string& stage);

// Pure: the steps that bring the stored state (OPEN episodes, NOTICE_SENT)
// in line with what is observed. Episodes of mailboxes not in obs.polls are
// left as they are.
std::vector<AlertStep> plan_admin_alerts(const AlertPolicy& policy, const AlertObservation& obs,
                                         const std::vector<store::AlertEpisode>& open,
                                         const std::function<bool(const std::string& key)>& notice_sent);

struct AlertSettings {
  std::vector<std::string> admins;  // empty: the monitor does nothing
  AlertPolicy policy;
  std::vector<SecretDeadline> secrets;
  std::string from;                 // envelope sender
  notify::Language language = notify::Language::sv;
  std::string ctl_config_path;      // shown in the mails' CLI line
};

// From [alerts], [smtp] from and [organisation] language (and any other part
// of the config that names a dated secret).
AlertSettings alert_settings(const config::Config& config);

struct AlertCheckStats {
  size_t alerts = 0;      // alert mails queued
  size_t recoveries = 0;  // recovery mails queued
  size_t notices = 0;     // secret warnings queued
  size_t errors = 0;      // steps that failed (tried again at the next check)
  size_t queued() const { return alerts + recoveries + notices; }
};

class AdminAlertMonitor {
 public:
  // Borrows everything; all must outlive the monitor.
  AdminAlertMonitor(store::AdminAlertState& state, store::IncidentStore& store,
                    const notify::AdminAlertComposer& composer, const Clock& clock, AlertSettings settings);

  // One check at clock.now() after a pass that polled POLLS. Never throws:
  // a failing step is logged, counted, and retried at the next check.
  AlertCheckStats check(const std::vector<MailboxPollResult>& polls);

  bool enabled() const { return !settings_.admins.empty(); }

 private:
  void apply(const AlertStep& step, const AlertObservation& obs, AlertCheckStats& stats);
  std::optional<store::OutboxMail> mail(const notify::AdminAlertFacts& facts, const std::string& dedupe_key,
                                        TimePoint now);

  store::AdminAlertState& state_;
  store::IncidentStore& store_;
  const notify::AdminAlertComposer& composer_;
  const Clock& clock_;
  AlertSettings settings_;
};

}  // namespace gdprd::daemon
