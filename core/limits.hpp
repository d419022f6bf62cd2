// Every limit on untrusted input, named, with its default, in one place.
// Config ([limits] table) may override each; 0 is never "unlimited".
// Exceeding a limit never throws or crashes: the reader stops reading that
// piece, adds a `limit_exceeded` warning, and the incident is flagged for a
// human (the raw mail is already stored).
#pragma once

#include <cstddef>
#include <cstdint>

namespace gdprd {

struct Limits {
  // Whole message, as fetched. Larger mails are stored raw and flagged.
  size_t max_message_bytes = 50u * 1024 * 1024;
  // One header line, unfolded. mimetic is quadratic on long lines.
  size_t max_header_line_bytes = 64 * 1024;
  size_t max_header_count = 1000;
  // MIME nesting (multipart and message/rfc822 levels) and total parts.
  // mimetic recurses per level and overflows the stack at ~60,000.
  size_t max_mime_depth = 20;
  size_t max_mime_parts = 500;
  size_t max_attachments = 50;
  // Decoded size of one part and of all parts together.
  size_t max_part_decoded_bytes = 30u * 1024 * 1024;
  size_t max_total_decoded_bytes = 100u * 1024 * 1024;
  // Zip containers (docx, odt): entries, uncompressed size of one entry read,
  // and compression ratio (zip bombs).
  size_t max_zip_entries = 2000;
  size_t max_zip_entry_bytes = 20u * 1024 * 1024;
  size_t max_zip_ratio = 200;
  // XML inside documents: element nesting and element count.
  size_t max_xml_depth = 256;
  size_t max_xml_elements = 500000;
  // PDF: pages read, and bytes of PDF accepted at all.
  size_t max_pdf_pages = 50;
  size_t max_pdf_bytes = 20u * 1024 * 1024;
  // HTML: bytes handed to the HTML parser, element depth.
  size_t max_html_bytes = 5u * 1024 * 1024;
  // Text handed to the field extractor (after decoding and extraction).
  size_t max_text_bytes = 2u * 1024 * 1024;
};

// Every limit by the name config ([limits]) and the parse worker's command
// line use for it; one table, so a new limit cannot be forgotten in one place.
struct LimitField {
  const char* name;
  size_t Limits::*member;
};

inline constexpr LimitField kLimitFields[] = {
    {"max_message_bytes", &Limits::max_message_bytes},
    {"max_header_line_bytes", &Limits::max_header_line_bytes},
    {"max_header_count", &Limits::max_header_count},
    {"max_mime_depth", &Limits::max_mime_depth},
    {"max_mime_parts", &Limits::max_mime_parts},
    {"max_attachments", &Limits::max_attachments},
    {"max_part_decoded_bytes", &Limits::max_part_decoded_bytes},
    {"max_total_decoded_bytes", &Limits::max_total_decoded_bytes},
    {"max_zip_entries", &Limits::max_zip_entries},
    {"max_zip_entry_bytes", &Limits::max_zip_entry_bytes},
    {"max_zip_ratio", &Limits::max_zip_ratio},
    {"max_xml_depth", &Limits::max_xml_depth},
    {"max_xml_elements", &Limits::max_xml_elements},
    {"max_pdf_pages", &Limits::max_pdf_pages},
    {"max_pdf_bytes", &Limits::max_pdf_bytes},
    {"max_html_bytes", &Limits::max_html_bytes},
    {"max_text_bytes", &Limits::max_text_bytes},
};

}  // namespace gdprd
