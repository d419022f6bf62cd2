// The 37 questions of the blankett (shared/seeds/004, IMY's notification
// form) with their texts, the synonyms and short forms local versions use,
// help texts printed under them, and the choice labels of each tick question
// mapped to the spec's enum values. A question is recognised by its text;
// its number only breaks ties, so renumbered (A1…F3) and unnumbered local
// versions map to the same fields. Pure data plus matching; never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

enum class QuestionKind { text, time, date, single, multi, count, processors, actions };

// The record field a question fills.
enum class FormField {
  org_name, org_number, postal_address, internal_reference,
  contact_name, contact_role, contact_email, contact_phone, contact_address,
  occurred_at, discovered_at, ongoing, ended_at, late_reason, incident_type, description,
  detected_by, cause, sector, area, processor_involved, processors, data_subjects, records,
  subject_groups, data_categories, encrypted, consequences, severity, actions,
  subjects_informed, subjects_informed_at, will_inform_subjects, inform_subjects_at,
  not_inform_reasons, supplement_planned, confidentiality_request
};

struct ChoiceOption {
  std::vector<std::string> labels;  // printed label first, then short forms
  std::string value;                // spec enum value; "true"/"false"; "1".."4"
  std::vector<std::string> keys;    // label_key of each label
};

struct Question {
  int number = 0;  // in seed 004
  FormField field{};
  QuestionKind kind{};
  bool mandatory = false;  // starred in seed 004
  std::vector<std::string> texts;  // question text first, then synonyms
  std::vector<std::string> help;   // help texts printed with it
  std::vector<ChoiceOption> options;
  std::vector<std::string> text_keys;  // label_key of each text
  std::string help_key;                // keys of all texts and help, concatenated
};

// The table, in form order (index = number - 1).
const std::vector<Question>& blankett_questions();

// A line recognised as a question.
struct QuestionMatch {
  size_t index = 0;                 // into blankett_questions()
  std::optional<int> number;        // as printed on the line
  bool starred = false;             // a '*' printed with the label
  std::string_view answer;          // text after the label on the same line (may be empty)
  bool exact_label = false;         // matched the printed question text, not a short form
};

// Recognises a question line (after quote stripping): its text (or a
// synonym) at the start, optionally numbered, optionally followed by ':' or
// TAB and an answer, or by the printed help text. nullopt for anything else,
// including tick lines.
std::optional<QuestionMatch> match_question(std::string_view line);

// The option of q whose label the tick label (or typed answer) names,
// tolerantly; nullptr when none does.
const ChoiceOption* match_option(const Question& q, std::string_view label);

// True for a section heading of the form ("Incidenten", "Biträden", ...).
bool is_section_heading(std::string_view line);

// True for a line that ends the form: the closing help-desk text, the
// internal follow-up page, a greeting or sign-off.
bool is_form_end(std::string_view line);

// True for help text: the question's own (or a wrapped piece of its text), or
// the form's generic instructions ("Markera endast ett alternativ.", "Om ni
// svarat ja på frågan ovan, gå till fråga 14.", "Ange datum och klockslag …").
bool is_help_text(const Question& q, std::string_view line);

}  // namespace gdprd::parsers
