// Shared text matching for the grammar: folding so that labels and words
// written with mangled or missing Swedish letters still match, word-boundary
// search, and small UTF-8 helpers. Pure functions, never throw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

// Lower-cases ASCII and Latin-1/Latin Extended letters and folds accents:
// å ä à á â → a, ö ø ó ò ô → o, é è ê ë → e, ü ú ù û → u, í ì î ï → i, ç → c.
// Inside a word (a letter on at least one side) the digit 6 and 0 fold to 'o'
// and 3 to 'e' (OCR/encoding damage: "16senord" → "losenord"). Other bytes and
// invalid UTF-8 pass through unchanged (each byte kept). Output is never
// longer than the input.
std::string fold(std::string_view utf8);

// Same as fold(), plus a map from every output byte to the input byte offset it
// came from (size = result size + 1; last entry = input size), so positions
// found in folded text can be mapped back to the original.
std::string fold_with_map(std::string_view utf8, std::vector<size_t>& offsets);

// True when `c` (a byte of folded text) is part of a word: ASCII letter or
// digit, or any non-ASCII byte (unfolded letters).
bool is_word_byte(char c);

// True when folded_needle occurs in folded_haystack with a word boundary
// before and after it (start/end of text or a non-word byte). An empty needle
// never matches.
bool contains_word(std::string_view folded_haystack, std::string_view folded_needle);

// Position of the first word-bounded occurrence at or after `from`, or npos.
size_t find_word(std::string_view folded_haystack, std::string_view folded_needle, size_t from = 0);

// Like contains_word but the needle need only start on a word boundary
// ("personuppgift" matches "personuppgifter"): for Swedish inflection.
bool contains_prefix_word(std::string_view folded_haystack, std::string_view folded_needle);
size_t find_prefix_word(std::string_view folded_haystack, std::string_view folded_needle, size_t from = 0);

// True when any of the needles matches by contains_prefix_word.
bool contains_any_prefix(std::string_view folded_haystack, const std::vector<std::string_view>& needles);

// Collapses runs of whitespace (ASCII and U+00A0) to one space and trims.
std::string tidy_space(std::string_view text);

// Trims ASCII whitespace (and U+00A0) at both ends.
std::string_view trim(std::string_view text);

// Splits into lines on \n, dropping a trailing \r from each line.
std::vector<std::string_view> split_lines(std::string_view text);

// Splits prose into sentences at . ! ? followed by space+capital/newline, and
// at blank lines; keeps abbreviations ("kl.", "ca.", "t.ex.", "bl.a.") and
// numbers ("08.30", "20.5.2026") inside a sentence. Returned views point into
// `text`, trimmed, non-empty.
std::vector<std::string_view> split_sentences(std::string_view text);

}  // namespace gdprd::parsers

namespace gdprd::parsers {

// A token of folded text: a digit run, an ASCII letter run, or one other
// character (one whole UTF-8 sequence for non-ASCII). Whitespace separates.
struct Token {
  enum Kind { num, word, punct } kind;
  std::string_view s;  // view into the folded text
  size_t b, e;         // byte offsets in the folded text
};

// Tokens of folded text (see fold()), in order; views point into `folded`.
std::vector<Token> tokenize(std::string_view folded);

}  // namespace gdprd::parsers
