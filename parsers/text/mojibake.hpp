// Repair of UTF-8 text that was once decoded as Windows-1252 or Latin-1
// ("NÃ¤r", "fÃ¶rskola"): a mail whose UTF-8 bytes were labelled with a
// single-byte charset, or a reply that re-encoded such text.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

// Returns the text with every certain mojibake run repaired. A run of
// non-ASCII characters is repaired only when all of it maps back to cp1252
// bytes, those bytes are well-formed multi-byte UTF-8, and the result holds a
// Latin letter or typographic punctuation (so "Ã¤" becomes "ä" while a real
// "Ä" or a lone "é" is never touched). Input must be valid UTF-8.
std::string repair_cp1252_mojibake(std::string_view utf8);

}  // namespace gdprd::parsers
