// Content-Transfer-Encoding decoders, written here rather than taken from
// mimetic: mimetic's base64 decoder reads out of bounds on characters outside
// the alphabet ('|'), and neither it nor any other library bounds the output.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

// Base64 to bytes. Characters outside the alphabet (line ends, '|', junk) are
// skipped; decoding stops at the first '=' pad; a final incomplete group
// yields the whole bytes it holds. At most max_out bytes are produced;
// *truncated (when given) tells whether output was cut there.
std::string decode_base64(std::string_view in, size_t max_out, bool* truncated = nullptr);

// Quoted-printable to bytes. Soft breaks ("=" before CRLF, LF or CR) are
// removed wherever they fall, also inside a multibyte character; "=XX" with
// hex digits of either case is a byte; any other "=" is kept literally.
// At most max_out bytes are produced.
std::string decode_quoted_printable(std::string_view in, size_t max_out, bool* truncated = nullptr);

// Decodes by the Content-Transfer-Encoding value (7bit/8bit/binary/unknown
// pass through, cut at max_out).
std::string decode_transfer_encoding(std::string_view in, std::string_view encoding, size_t max_out,
                                     bool* truncated = nullptr);

}  // namespace gdprd::parsers
