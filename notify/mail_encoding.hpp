// Encodings for outgoing mail: header values (sanitised, RFC 2047) and
// bodies (quoted-printable, base64). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::notify {

// Removes CR, LF and every other control character (and invalid UTF-8
// bytes) from a value taken from report data, collapsing runs of whitespace,
// so that it cannot end a header or start a new one.
std::string sanitize_header_value(std::string_view value);

// An unstructured header value (Subject) as it goes on the wire: ASCII text
// unchanged, otherwise RFC 2047 "=?UTF-8?B?...?=" encoded words of at most
// 75 characters, folded with CRLF SP. Sanitises first. header_name_length
// keeps the first line under 78 characters.
std::string encode_unstructured(std::string_view value, size_t header_name_length = 9);

// A display name as a phrase: atoms unchanged, ASCII specials quoted,
// non-ASCII as RFC 2047 encoded words. Sanitises first.
std::string encode_phrase(std::string_view display_name);

// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks at 76.
std::string encode_quoted_printable(std::string_view text);

// Base64 in 76-character CRLF lines.
std::string encode_base64_lines(std::string_view bytes);

}  // namespace gdprd::notify
