// Generators for hostile mails (issue 7): each builds, in memory, a mail
// that attacks one limit of core/limits.hpp. Sizes are the issue's; the
// generators are deterministic. Test support only.
#pragma once

#include <string>

namespace gdprd::hostile {

// Headers of a plain report mail, ending with the blank line unless `close`
// is false; `content_type` is the outer Content-Type value.
std::string mail_head(const std::string& content_type, bool close = true);

std::string nested_multiparts(size_t levels);          // 60,000 levels ~ 4 MB
std::string long_header_line(size_t bytes);            // one Subject of `bytes`
std::string boundary_storm(size_t bytes);              // "--a" lines only
std::string many_parts(size_t parts);                  // flat multipart
std::string big_mail(size_t bytes);                    // one base64 attachment
std::string zip_bomb_docx_mail(size_t inflated_bytes); // docx whose document.xml inflates hugely
std::string many_objects_pdf_mail(size_t objects);     // PDF with `objects` page objects
std::string billion_laughs_docx_mail();                // entity expansion in document.xml
std::string base64_with_pipes_mail();                  // '|' sprinkled in base64

// base64 of `data`, 76-character lines, CRLF.
std::string base64_lines(const std::string& data);

}  // namespace gdprd::hostile
