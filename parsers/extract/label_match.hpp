// Tolerant matching of form labels (question texts, option labels, section
// headings) against lines that may be renumbered, shortened, mis-typed, or
// carry mangled Swedish letters (OCR: ä→é/a/i/d, ö→6/o/é/&, å→a/é; mojibake:
// "NÃ¤r"). Labels are compared by their consonant skeleton, which is what
// survives every one of those damages. Pure, never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

// The consonant skeleton of text: fold()ed, then only ASCII consonants
// (except 'd', a common OCR stand-in for ä) and digits kept. "När inträffade
// incidenten?" and "Nér intraffade incidenten" give the same key.
// When `ends` is given it receives, for each key byte, the input byte offset
// just past the character it came from (to cut a matched label out of a line).
std::string label_key(std::string_view text, std::vector<size_t>* ends = nullptr);

// True when the two keys are equal up to a few edits (about one per eight
// key characters; none for keys shorter than five).
bool keys_similar(std::string_view a, std::string_view b);

// When `line` starts with `label` (tolerantly), the byte offset in line just
// past the matched label text; nullopt otherwise. Typos are tolerated by
// comparing the key prefix of the same length with keys_similar.
std::optional<size_t> match_label_prefix(std::string_view line, std::string_view label);

// The same on a precomputed key of the line (label_key with ends) and of the
// label: for scanning many labels against one line.
std::optional<size_t> match_key_prefix(std::string_view line, std::string_view line_key,
                                       const std::vector<size_t>& ends, std::string_view label_key);

// True when the key of a line (at least six key characters) occurs inside
// `text_key`: a wrapped piece of a question or help text.
bool is_fragment_of(std::string_view line_key, std::string_view text_key);

// True when every sentence of line is a piece of the help text whose keys
// are concatenated in help_key (a long sentence only needs its first 20 key
// characters there: help texts differ a little between versions).
bool is_help_line(std::string_view line, std::string_view help_key);

// The same with label_key(line) already computed (a line is tried against
// several help keys).
bool is_help_line(std::string_view line, std::string_view line_key, std::string_view help_key);

// Removes a leading question number ("12.", "12)", "A1.", "B 3:", "Fråga 7:")
// and returns the rest; `number` receives the digits when one was present.
std::string_view strip_question_number(std::string_view line, std::optional<int>* number = nullptr);

// Strips "> " quoting (any depth) from the start of a line.
std::string_view strip_quote(std::string_view line);

// True for the placeholder text of an empty Word content control, in Swedish
// or English ("Klicka här för att ange text.", "Click or tap here to enter
// text.", "Välj ett objekt.", ...), alone or with nothing else of substance.
bool is_placeholder(std::string_view text);

// Trims whitespace and the punctuation that joins a label to its answer
// (':', '*', '?', '.', '–', '-') from the start of an answer remainder.
std::string_view trim_answer_lead(std::string_view text);

}  // namespace gdprd::parsers
