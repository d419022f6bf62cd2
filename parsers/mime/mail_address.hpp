// Address-list and Date header values of RFC 5322, read tolerantly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::parsers {

struct Mailbox {
  std::string name;     // display name (or the comment of "a@b (Name)"), unquoted
  std::string address;  // local@domain, domain lower-cased; "" when none found
};

// Splits a decoded address list ("A <a@x>, "B, C" <b@y>, c@z (C)") into
// mailboxes; group syntax "name: a@b;" yields its members. Entries without
// an '@' are dropped.
std::vector<Mailbox> parse_address_list(std::string_view decoded);

// Strips one pair of angle brackets and surrounding whitespace ("<id@x>" -> "id@x").
std::string strip_angle_brackets(std::string_view s);

// Every "<...>" token of a References/In-Reply-To value, brackets removed.
std::vector<std::string> parse_message_ids(std::string_view s);

// RFC 5322 date ("Tue, 09 Jun 2026 07:12:41 +0000"), also with obsolete
// zone names (GMT, UT, EST, CET, CEST...), no seconds, two-digit years, or
// no weekday. nullopt when no date can be read.
std::optional<TimePoint> parse_mail_date(std::string_view s);

}  // namespace gdprd::parsers
