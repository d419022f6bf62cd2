// The self-monitoring mails to the admins ([alerts] admins): an alert when
// polling a mailbox has failed for a while or the outbox does not drain, a
// recovery mail when that episode ends (with how long it lasted), and a
// warning before a configured secret expires. Each says what is wrong, since
// when (Swedish local time) and what to check. Swedish with an English
// translation below it by default; English only when the language is en.
// Pure: the caller gives every fact and the time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/ack_composer.hpp"
#include "notify/mail_composer.hpp"

namespace gdprd::notify {

enum class AdminAlertKind {
  poll_failure,        // a mailbox could not be polled since `since`
  poll_recovered,      // ... and now could again, at `ended`
  outbox_stuck,        // the oldest unsent mail was queued at `since`
  outbox_recovered,    // ... and the outbox drained, at `ended`
  secret_expiring,     // `secret_name` stops working at `expires_at`
  secret_expired,
};

struct AdminAlertFacts {
  AdminAlertKind kind = AdminAlertKind::poll_failure;
  std::vector<std::string> to;   // the admins; at least one
  std::string mailbox;           // poll_*: the mailbox URL (no credentials in it)
  TimePoint since;               // when the episode began
  std::optional<TimePoint> ended;  // *_recovered: when it was seen to be over
  std::string last_error;        // poll_failure: the last poll's error; may be server text
  int64_t unsent = 0;            // outbox_stuck: mails waiting
  std::string secret_name;       // secret_*: the configured name
  TimePoint expires_at;          // secret_*: 00:00 Swedish time of the expiry date
  std::string ctl_config_path;   // for the CLI line; "" writes "--config FILE"
};

// "45 min", "2 h 5 min", "3 dygn 4 h" / "3 days 4 h"; whole minutes, rounded
// down; a negative duration reads as zero.
std::string describe_duration(Duration d, Language language);

class AdminAlertComposer {
 public:
  // from/from_name: the daemon's sender (the incident mailbox).
  AdminAlertComposer(MailComposer composer, std::string from, std::string from_name);

  // The whole mail (Auto-Submitted: auto-generated). Error result when an
  // address is invalid or `to` is empty.
  ComposeResult compose(const AdminAlertFacts& facts, Language language, TimePoint now) const;

  // "[gdprincidentd] LARM: brevlådan kan inte läsas sedan 2026-12-01 03:10".
  static std::string subject(const AdminAlertFacts& facts, Language language);
  static std::string body(const AdminAlertFacts& facts, Language language, TimePoint now);

 private:
  MailComposer composer_;
  std::string from_;
  std::string from_name_;
};

}  // namespace gdprd::notify
