// format=flowed (RFC 3676) to plain paragraphs.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

// Joins soft-broken lines of a format=flowed text ('\n' line ends): a line
// ending in a space continues on the next line of the same quote depth;
// with delsp the trailing space is removed when joining. Space-stuffing is
// undone, the signature separator "-- " is never joined, quote markers
// ("> ") are kept once per joined line.
std::string unflow(std::string_view text, bool delsp);

}  // namespace gdprd::parsers
