// The reminder and escalation mails of the deadline ladders: which incident
// (reference and decision token in the subject, threaded to the report),
// what is due when (Stockholm time, "om 5 h 12 min" / "försenad med 2 h"),
// what has been decided so far and how to decide (CLI line and reply-mail
// syntax). Swedish by default, English by config. Pure: the caller gives
// every fact and the time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/ack_composer.hpp"
#include "notify/mail_composer.hpp"

namespace gdprd::notify {

struct ReminderFacts {
  std::string reference;       // "PUI-2026-0042"
  std::string decision_token;  // the incident's token; goes into the subject
  std::string ladder;          // "internal" | "imy" | "data_subjects" | "processor"
  std::string step_id;         // "imy-24h", "overdue-2", ...
  std::vector<std::string> to; // addr-specs, at least one
  bool via_oncall = false;     // sent to on-call because the office is closed
  std::string report_subject;  // of the original report; may be hostile
  std::string report_message_id;            // for In-Reply-To; may be empty
  std::vector<std::string> report_references;
  TimePoint awareness;
  TimePoint internal_deadline;  // awareness + 24 h
  TimePoint imy_deadline;       // awareness + 72 h
  // Decided so far (each absent when not yet decided).
  std::optional<int> category;            // 1..3
  std::optional<std::string> priority;    // "P1".."P3"
  std::optional<std::string> decision;    // "notified" | "not_notified"
  std::optional<TimePoint> decision_at;
  std::optional<std::string> decision_by;
  std::optional<std::string> imy_reference;
  std::optional<bool> subjects_must_be_informed;
  std::optional<TimePoint> subjects_informed_at;
  std::string ctl_config_path;  // for the CLI line; "" writes "--config FILE"
};

// "om 5 h 12 min" / "in 5 h 12 min" for a positive LEFT, "försenad med 2 h"
// / "overdue by 2 h" for a negative one; whole minutes, rounded down.
std::string describe_time_left(Duration left, Language language);

class ReminderComposer {
 public:
  // from/from_name: the incident mailbox (replies with decisions come back here).
  ReminderComposer(MailComposer composer, std::string from, std::string from_name);

  // The whole mail (Auto-Submitted: auto-generated). Error result when an
  // address is invalid or `to` is empty.
  ComposeResult compose(const ReminderFacts& facts, Language language, TimePoint now) const;

  // "[PUI-2026-0042 #token] Påminnelse: beslut om anmälan till IMY, frist 2026-05-23 14:00".
  static std::string subject(const ReminderFacts& facts, Language language, TimePoint now);
  static std::string body(const ReminderFacts& facts, Language language, TimePoint now);

 private:
  MailComposer composer_;
  std::string from_;
  std::string from_name_;
};

}  // namespace gdprd::notify
