// Charset decoding to UTF-8 without iconv: the handful of charsets Swedish
// mail actually arrives in, with the aliases and misspellings mail clients
// write. Pure and total: every input gives valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

enum class Charset { utf8, ascii, latin1, latin9, cp1252, utf7, unknown };

// Maps a charset label as written in a mail ("UTF-8", "uft-8", "latin1",
// "cp1252", "ISO_8859-15", quotes and case ignored) to a known charset, or
// Charset::unknown.
Charset charset_from_name(std::string_view name);

// True when s is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool is_utf8(std::string_view s);

// Decodes bytes in the named charset to UTF-8. An unknown or empty label
// reads the bytes as UTF-8 when they are valid UTF-8, else as Windows-1252.
// Declared UTF-8 that is not valid is repaired (see repair_utf8).
std::string decode_to_utf8(std::string_view bytes, std::string_view charset_name);
std::string decode_to_utf8(std::string_view bytes, Charset charset);

// Valid UTF-8 of any byte string: well-formed sequences are kept, every other
// byte is read as Windows-1252 (a stray Latin-1 "ä" in UTF-8 text stays "ä").
std::string repair_utf8(std::string_view s);

// The Unicode code point of a Windows-1252 byte (undefined bytes map to the
// C1 control of the same value, as Latin-1 does).
char32_t cp1252_to_unicode(unsigned char byte);

// The Windows-1252 byte of a code point, or -1 when it has none (code points
// U+0080..U+00FF that cp1252 does not use map to their Latin-1 byte).
int unicode_to_cp1252(char32_t cp);

// Appends the UTF-8 encoding of cp to out.
void append_utf8(std::string& out, char32_t cp);

}  // namespace gdprd::parsers
