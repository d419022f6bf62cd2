// Reads counts of people or records from form answers and prose: exact
// numbers in digits ("425", "8 312", "6,400") or words ("tre", "tjugotre",
// "One"), and approximations that give only a range bucket ("drygt 350",
// "ca 1 200", "ett hundratal", "några hundra", "approximately 6,400").
// Pure, never throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/record.hpp"

namespace gdprd::parsers {

// The count stated at the start of text (a form answer). Exact → {exact,
// range of exact}; approximate → {nullopt, range}; a form range "101–1 000"
// → that bucket; "vet ej"/"okänt"/"unknown" → {nullopt, "unknown"}; nothing
// readable → nullopt.
std::optional<Count> read_count(std::string_view text);

// In prose, the count answering "how many persons were affected": a number
// (or number word, or approximation) attached to a person noun (personer,
// elever, barn, brukare, vårdnadshavare, patienter, anställda, people,
// pupils, ...). Numbers of mails, pages, records, years, phone numbers, dates
// and org numbers are ignored. When several are given, the largest total
// stated is taken ("totalt", "sammanlagt" preferred). nullopt when none.
// When `noun` is given it receives the folded person noun the count is
// attached to ("elever", "personer"), for the subject group.
std::optional<Count> find_subject_count(std::string_view text, std::string* noun = nullptr);

// In prose, a count of records/rows/documents/files ("412 rader", "3 dokument")
// for the records field. nullopt when none.
std::optional<Count> find_record_count(std::string_view text);

// Parses a Swedish or English number word ("tre", "tjugotre", "hundra",
// "one", "twenty-three", "ett", "en"); nullopt when not a number word.
std::optional<int64_t> number_word(std::string_view folded_word);

}  // namespace gdprd::parsers
