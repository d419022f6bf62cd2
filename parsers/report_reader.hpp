// The parser entry point: raw mail bytes in, incident record out. Pure (no
// I/O, no clock, no globals), deterministic, never throws: a mail that cannot
// be read still gives a record, with warnings, and needs_human set.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/record.hpp"

namespace gdprd::parsers {

// Header facts of the outer mail that the daemon needs for routing and
// threading, decoded to UTF-8. Addresses are bare (local@domain), lower-cased
// domain; empty when absent or unparseable.
struct MailFacts {
  std::string message_id;   // without angle brackets
  std::string in_reply_to;  // without angle brackets
  std::vector<std::string> references;  // without angle brackets
  std::string from_address;
  std::string from_name;
  std::string reply_to_address;
  std::string subject;
  std::optional<TimePoint> date;  // Date header
  std::vector<std::string> cc_addresses;
};

struct ReadResult {
  IncidentRecord record;
  MailFacts facts;
  // True when a human must look: the mail could not be parsed, a limit was
  // hit, or no report text was found in a report-class mail.
  bool needs_human = false;
};

ReadResult read_report(std::string_view raw, const Limits& limits = {});

}  // namespace gdprd::parsers
