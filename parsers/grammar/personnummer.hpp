// Finds Swedish personal identity numbers (personnummer) and coordination
// numbers (samordningsnummer, day + 60) in text: YYMMDD-NNNN, YYMMDD+NNNN,
// YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN. Valid only when the Luhn check
// digit and the calendar date hold. Organisation numbers (third digit >= 2,
// e.g. 212000-1234), phone numbers, dates and reference numbers are not
// reported. Pure, never throws.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

struct PersonnummerMatch {
  size_t begin = 0;  // byte offsets into text
  size_t end = 0;
  bool coordination = false;  // samordningsnummer
};

// Every valid personnummer/samordningsnummer in text, in order. A candidate
// must not be part of a longer digit run.
std::vector<PersonnummerMatch> find_personnummer(std::string_view text);

// True when text contains at least one.
bool contains_personnummer(std::string_view text);

// Validates one candidate given as 10 or 12 digits (separator removed).
bool is_valid_personnummer(std::string_view digits);

}  // namespace gdprd::parsers
