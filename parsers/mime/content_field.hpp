// Structured MIME header fields with parameters (Content-Type,
// Content-Disposition): "value; name=token; name="quoted"", RFC 2231
// continuations and charset'lang'%XX values, RFC 2047 words inside quotes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gdprd::parsers {

struct ContentField {
  std::string value;  // lower-cased, e.g. "multipart/mixed", "attachment"
  // Parameter names lower-cased; values decoded to UTF-8 and unquoted.
  std::vector<std::pair<std::string, std::string>> params;

  // The parameter's value, or "" when absent.
  std::string param(std::string_view name) const;
  bool has_param(std::string_view name) const;
};

// Parses a raw (unfolded) field value. Never fails: junk parameters are skipped.
ContentField parse_content_field(std::string_view raw);

}  // namespace gdprd::parsers
