// A bounded, non-recursive MIME reader: raw mail bytes in, every entity of
// the MIME tree out (flat, in document order), leaves with their bodies
// transfer-decoded. Limits of core/limits.hpp are enforced here, before any
// other code sees the bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "core/record.hpp"
#include "parsers/mime/content_field.hpp"

namespace gdprd::parsers {

struct HeaderField {
  std::string name;   // as written
  std::string value;  // unfolded, raw (not RFC 2047-decoded)
};

struct MimeEntity {
  int parent = -1;   // index of the enclosing entity, -1 for the outer message
  int message = 0;   // index of the message (outer, or rfc822 body) this entity belongs to
  size_t depth = 0;  // multipart and message/rfc822 levels above this entity
  std::vector<HeaderField> headers;
  ContentField content_type;  // value defaults to text/plain (message/rfc822 in a digest)
  ContentField disposition;
  std::string transfer_encoding;  // lower-cased
  std::string filename;           // decoded: Content-Disposition filename, else Content-Type name
  bool is_multipart = false;
  bool is_message = false;        // message/rfc822 followed into its child entity
  bool is_message_root = false;   // the outer message or the body of a message/rfc822
  std::string body;               // transfer-decoded bytes (leaves only)
  bool truncated = false;         // body cut by a limit or by the end of an unclosed multipart

  // Raw value of the first header of that name (case-insensitive), or nullptr.
  const std::string* header(std::string_view name) const;
  // RFC 2047-decoded UTF-8 value of the first header of that name, "" when absent.
  std::string decoded_header(std::string_view name) const;
  bool is_attachment() const;
};

struct MimeMessage {
  std::vector<MimeEntity> entities;  // entities[0] is the outer message; never empty
  // truncated_message and limit_exceeded warnings of the MIME walk.
  std::vector<Warning> warnings;
  bool has_warning(std::string_view code) const;
};

// Reads a mail. Accepts CRLF, LF or CR-only line ends, a leading BOM and an
// mbox "From " line. Never throws and never fails: malformed structure is
// read as far as it goes (a multipart that never closes keeps its parts and
// gives truncated_message), and a limit stops that piece with limit_exceeded.
MimeMessage read_mime(std::string_view raw, const Limits& limits);

}  // namespace gdprd::parsers
