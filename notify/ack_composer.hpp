// The acknowledgment to the reporter: Swedish by default, English on
// request. It states only what the caller read from the record (AckFacts);
// nothing is invented, absent facts are said to be absent.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/mail_composer.hpp"

namespace gdprd::notify {

enum class Language { sv, en };

// "sv" | "en" (case-insensitive); anything else is Swedish.
Language parse_language(std::string_view code);

struct AckFacts {
  std::string reference;          // "PUI-2026-0042"
  std::string recipient;          // from ack_recipient()
  std::string original_subject;   // may be empty or hostile; sanitised here
  std::string original_message_id;               // for In-Reply-To; may be empty
  std::vector<std::string> original_references;  // the report's References
  std::optional<TimePoint> discovered_at;  // from the record, as an instant
  bool discovered_date_only = false;       // the report gave only a date
  std::optional<TimePoint> imy_deadline;   // awareness + 72 h
  std::optional<std::string> data_subjects;      // "12", "11-100", "unknown"
  std::vector<std::string> data_categories;      // spec codes ("health", ...)
  std::optional<std::string> unit;               // organisational unit
  std::vector<std::string> missing_fields;       // spec field names not answered
};

class AckComposer {
 public:
  // from/from_name: the incident mailbox the ack is sent from.
  AckComposer(MailComposer composer, std::string from, std::string from_name);

  // The whole ack mail (Auto-Submitted: auto-replied, In-Reply-To the
  // report). Times in Europe/Stockholm local time. Error result when the
  // recipient or from address is invalid.
  ComposeResult compose(const AckFacts& facts, Language language, TimePoint now) const;

  // "[PUI-2026-0042] Mottagen: <subject>" / "[PUI-2026-0042] Received: ...".
  static std::string subject(const AckFacts& facts, Language language);
  // The body text alone (LF line ends).
  static std::string body(const AckFacts& facts, Language language);

 private:
  MailComposer composer_;
  std::string from_;
  std::string from_name_;
};

}  // namespace gdprd::notify
