// message_class of the spec: a breach report, an automatic reply, or a
// delivery-status (bounce) message. Decided from the outer message only, so a
// forwarded or quoted auto-reply or bounce inside a real report never turns
// the report into one.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gdprd::parsers {

enum class MessageClass { report, auto_reply, bounce };

// What the classifier looks at, all of the outer message, decoded to UTF-8.
struct MessageSigns {
  std::vector<std::pair<std::string, std::string>> headers;  // name as written, decoded value
  std::string from_address;
  std::string subject;
  // Content types of the outer message's own entities (not of embedded messages).
  std::vector<std::string> content_types;
  std::string body_text;  // the outer message's first text part, decoded
};

// Bounce signs win over auto-reply signs (an NDR often also carries
// Auto-Submitted). Subject signs count only as a prefix of the subject
// (after "RE:"/"SV:" but never after a forward marker), and wording only in
// the first lines of the body before any quoted history.
MessageClass classify_message(const MessageSigns& signs);

std::string_view message_class_name(MessageClass c);

}  // namespace gdprd::parsers
