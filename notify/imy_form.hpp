// The answers to IMY's personal-data-breach notification form, question by
// question in the numbered order of the municipal blankett (seed 004, Q1-Q37),
// in Swedish, ready to paste into IMY's e-service. Pure: record and facts in,
// text out; nothing is invented — an unknown answer is a blank line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/record.hpp"

namespace gdprd::notify {

// What the CISO's handling adds to what the reporter wrote.
struct ImyFormFacts {
  std::string reference;                     // "PUI-2026-0042"; also the Q4 reference when the report has none
  bool late = false;                         // the notification is (or will be) after the 72 h deadline
  std::optional<std::string> delay_reason;   // the CISO's reason for the delay (Q14), wins over the report's
};

struct ImyFormQuestion {
  int number = 0;            // 1..37
  std::string question;      // the form's wording (with * for starred questions)
  std::vector<std::string> answer_lines;  // empty when unknown
  bool required = false;     // must be answered before the notification can be sent
};

struct ImyForm {
  std::vector<ImyFormQuestion> questions;  // exactly 37, in order
  std::vector<int> missing;                // numbers of required questions without an answer
  std::string text;                        // the whole text (LF line ends), see render
};

// Fills the form from record and facts. Never throws for any record.
// Conditional questions follow the form's jumps: Q13 is required only when the
// incident has ended, Q22 only with a processor, Q32/Q33/Q34/Q35 by the
// answers to Q31/Q33, Q14 only when facts.late.
ImyForm compose_imy_form(const IncidentRecord& record, const ImyFormFacts& facts);

}  // namespace gdprd::notify
