// Mail addresses taken from untrusted headers: extraction and validation.
// Deliberately strict (a subset of RFC 5321 addr-spec): an address we
// cannot be sure of is refused rather than "repaired".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gdprd::notify {

// True for local@domain with a dot-atom local part (no quoted strings), a
// domain of LDH labels (at least two), no controls/spaces, <= 254 bytes.
bool is_valid_address(std::string_view address);

// The addr-spec of the first mailbox in a From/Reply-To/To header value
// ("Anna <anna@kommun.example>", "anna@kommun.example (Anna)"), lower-cased
// domain; nullopt when none is valid.
std::optional<std::string> extract_address(std::string_view header_value);

// Lower-cased domain part of a valid address ("" when invalid).
std::string address_domain(std::string_view address);

}  // namespace gdprd::notify
