// Reads a decision sent by reply mail: the incident reference and decision
// token from the subject ("[PUI-2026-0042 #token]") or a "Token:" line, and
// the keyword lines of the body, Swedish or English:
//   BESLUT: ANMÄLD DI-2026-1234          DECISION: NOTIFIED DI-2026-1234
//   BESLUT: EJ ANMÄLAN: motivering ...   DECISION: NOT NOTIFIED: reasons ...
//   KATEGORI 2 P2                        CATEGORY 2 P2
//   FÖRSENING: skäl ...                  DELAY: reasons ...   (Art. 33(1))
// Only unquoted lines above the quoted original count, so the instructions
// in the quoted reminder are never read as a decision. Pure; never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace gdprd::parsers {

struct ImyDecisionLine {
  bool notified = false;
  std::optional<std::string> imy_reference;  // "DI-2026-1234", notified only
  std::optional<std::string> motivation;     // not notified only; never empty when set
};

struct AssessmentLine {
  int category = 0;  // 1..3
  int priority = 0;  // 1..3 (P1..P3)
};

struct ParsedDecisionMail {
  std::optional<std::string> reference;  // "PUI-2026-0042" from the subject
  std::optional<std::string> token;      // lower-case hex, from the subject or a Token: line
  std::optional<ImyDecisionLine> imy;
  std::optional<AssessmentLine> assessment;
  std::optional<std::string> delay_reason;
  // Keyword lines that could not be read, each as "line: why" (Swedish
  // reason, for the refusal reply): e.g. a NOT NOTIFIED without motivation.
  std::vector<std::string> errors;

  // True when the body holds at least one decision keyword line (valid or not).
  bool has_keywords() const { return imy || assessment || delay_reason || !errors.empty(); }
};

// Parses SUBJECT (decoded) and BODY (UTF-8 text, any line ends). Reads at
// most limits.max_text_bytes of the body.
ParsedDecisionMail parse_decision_mail(std::string_view subject, std::string_view body, const Limits& limits = {});

// The text a human wrote in a mail: the first text/plain part of the outer
// message (a text/html one with tags removed when there is none), as UTF-8.
// Empty when the mail has no text part. Never throws.
std::string decision_mail_body(std::string_view raw, const Limits& limits = {});

}  // namespace gdprd::parsers
