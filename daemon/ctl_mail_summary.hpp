// What `show` tells about a stored mail without printing it: its main headers
// and its MIME parts, read with the parsers' MIME reader on the stored bytes
// (pure, bounded by core/limits.hpp, never throws).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/limits.hpp"

namespace gdprd::daemon {

struct MailPart {
  int index = 0;             // position in the MIME tree (0 = the outer message)
  int depth = 0;             // multipart / message levels above it
  std::string content_type;  // lower-cased, e.g. "application/pdf"
  std::string filename;      // decoded; "" when none
  std::string disposition;   // "inline", "attachment" or ""
  int64_t size = 0;          // transfer-decoded bytes
  bool truncated = false;    // cut by a limit or an unclosed multipart
  // True for the kinds of part the report reader reads text from: an inline
  // text/plain or text/html body, or a docx/pdf/odt/text/html attachment.
  // Images, calendars and other attachments are false.
  bool read = false;
};

struct MailSummary {
  std::string from, to, date, subject, message_id;  // RFC 2047-decoded, "" when absent
  std::vector<MailPart> parts;                       // leaves only, in document order
  std::vector<std::string> warnings;                 // codes of the MIME walk (limit_exceeded, ...)
};

MailSummary summarize_mail(std::string_view raw, const Limits& limits);

// {"headers": {"from", "to", "date", "subject", "message_id"}, "parts":
// [{"index", "depth", "content_type", "filename", "disposition", "size",
// "read", "truncated"}], "warnings": [...]}
nlohmann::ordered_json mail_summary_json(const MailSummary& summary);

}  // namespace gdprd::daemon
