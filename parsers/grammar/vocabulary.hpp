// Prose → the spec's enum values (rules 5-7 of shared/spec/incident-record.md)
// in Swedish and English. Each function reads folded or unfolded text (it
// folds itself), honours negation ("inga personnummer", "ingen känslig
// information", "no health data" give nothing), and returns lists in the
// spec's order (core/vocabulary.hpp), without duplicates. Pure, never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

// misdirected_message | disclosure_other | unauthorized_access | loss |
// destruction | alteration, or nullopt when the text names none.
std::optional<std::string> read_incident_type(std::string_view text);

// human_error | organisational | technical | internal_malicious |
// external_attack | unknown | other, or nullopt.
std::optional<std::string> read_cause(std::string_view text);

// automated | routine | employee | processor | external, or nullopt.
std::optional<std::string> read_detected_by(std::string_view text);

// Area of activity from named units and words (skola/förskola → school,
// vårdcentral/hemtjänst... → healthcare or social_services), or nullopt.
std::optional<std::string> read_area(std::string_view text);

// Subject groups (employees, pupils, children, patients, ...).
std::vector<std::string> read_subject_groups(std::string_view text);

// Data categories (health, personal_identity_number, contact, identifying, ...).
std::vector<std::string> read_data_categories(std::string_view text);

// Consequences only where the text states them.
std::vector<std::string> read_consequences(std::string_view text);

// True when the folded word occurrence at `pos` in folded text is negated by
// a preceding "inga", "ingen", "inget", "inte", "ej", "no", "not", "without",
// "utan" within the same clause.
bool is_negated(std::string_view folded_text, size_t pos);

}  // namespace gdprd::parsers

namespace gdprd::parsers {

// The subject group a folded person noun attached to the affected count
// names ("elever" → pupils, "personer" → other); nullopt for nouns that say
// nothing about the group ("berörda", "registrerade", "mottagare").
std::optional<std::string> subject_group_of_noun(std::string_view folded_noun);

}  // namespace gdprd::parsers
