// RFC 2047 encoded-words in header text, to UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

// Decodes a header value to UTF-8: every "=?charset?Q|B?text?=" is decoded,
// also inside quotes and inside words (as clients write them); whitespace
// between two adjacent encoded-words is dropped, and adjacent words in the
// same charset are joined as bytes first, so a character split over two
// words survives. Text outside encoded-words that is not UTF-8 is read as
// Windows-1252. Never fails: a malformed encoded-word is kept literally.
std::string decode_header_text(std::string_view raw);

}  // namespace gdprd::parsers
