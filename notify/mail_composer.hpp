// Builds complete RFC 5322 messages (text/plain, UTF-8) for everything the
// daemon sends. Every header value is sanitised; addresses are validated
// and a message with an invalid one is refused, never "repaired".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::notify {

enum class AutoSubmitted {
  no,              // header omitted (a human-triggered reply)
  auto_replied,    // acknowledgments (RFC 3834)
  auto_generated,  // reminders, alerts
};

enum class BodyEncoding { quoted_printable, base64 };

struct OutgoingMail {
  std::string from;        // addr-spec
  std::string from_name;   // display name, may be empty or non-ASCII
  std::vector<std::string> to;  // addr-specs; at least one
  std::vector<std::string> cc;
  std::string subject;     // UTF-8, may come from report data
  std::string body;        // UTF-8 text, LF or CRLF line ends
  std::string in_reply_to;              // Message-ID with or without <>; may be empty
  std::vector<std::string> references;  // Message-IDs, oldest first
  AutoSubmitted auto_submitted = AutoSubmitted::no;
  BodyEncoding encoding = BodyEncoding::quoted_printable;
  TimePoint date;          // the Date header (injected: no clock here)
};

struct ComposedMail {
  std::string message_id;  // without <>
  std::string bytes;       // CRLF line ends, ends with CRLF
};

struct ComposeResult {
  std::optional<ComposedMail> mail;  // nullopt on error
  std::string error;                 // why, when mail is nullopt
};

class MailComposer {
 public:
  // message_id_domain: the right-hand side of generated Message-IDs (the
  // organisation's mail domain). Must be a valid domain; otherwise
  // "invalid.invalid" is used so that nothing claims a real domain.
  explicit MailComposer(std::string message_id_domain);

  // Never throws for bad input: an invalid From/To/Cc address or an empty To
  // gives an error result. Message-IDs are unique per process and across
  // processes (time + random + counter).
  ComposeResult compose(const OutgoingMail& mail) const;

  // A fresh Message-ID (without <>) in this composer's domain.
  std::string new_message_id() const;

 private:
  std::string domain_;
};

}  // namespace gdprd::notify
