// Splits a mail body into its own newest part and the quoted/forwarded parts
// below it: "> " quoting, "-----Original Message-----",
// "-----Ursprungligt meddelande-----", Outlook "Från:/Skickat:/Till:/Ämne:"
// (and English "From:/Sent:/To:/Subject:") header blocks, "Den … skrev …:" /
// "On … wrote:", "Begin forwarded message:" / "Vidarebefordrat brev:".
// Pure, never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::parsers {

struct MailPart {
  std::string text;                 // body of this part, quote markers removed, no header block
  std::optional<TimePoint> date;    // from its Skickat:/Sent:/Date:/"Den … skrev" line; part 0: the reference
  std::string from;                 // raw From:/Från: value or "skrev" author, empty for part 0
  std::string subject;              // Ämne:/Subject: of the block, empty when none
  bool forwarded = false;           // introduced as a forward rather than a reply
};

// Parts newest first; part 0 is the author's own text (may be empty). Always
// at least one part. `reference` is the date of the whole message.
std::vector<MailPart> split_reply_chain(std::string_view body, std::optional<TimePoint> reference);

}  // namespace gdprd::parsers
