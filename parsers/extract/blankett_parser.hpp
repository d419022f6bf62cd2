// Reads the 37-question blankett (seed 004) and local versions of it that
// renumber, shorten or drop the question numbers, in the normalised text of
// docs/document_text.hpp or pasted into a mail body (also "> " quoted).
// Answers may stand after the question on the same line (':' or TAB), on the
// next lines, or in the next table cell; ticked answers are "☒ label" lines.
// Help texts and placeholders are never answers. Pure, never throws.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/record.hpp"
#include "parsers/extract/extract_context.hpp"

namespace gdprd::parsers {

// How much of the blankett a text shows, for layout detection.
struct BlankettEvidence {
  size_t questions = 0;      // distinct questions recognised
  size_t numbered = 0;       // of those, printed with a number
  size_t exact_labels = 0;   // of those, by the printed question text
  size_t ticks = 0;          // tick-box lines inside question blocks
};

BlankettEvidence scan_blankett(std::string_view text);

// Fills the fields the form answers into record (report_kind is left to the
// caller). Adds missing_mandatory_field for every starred question present in
// the form and left empty: the stars are read from the form when it prints any,
// else taken from seed 004 (questions 1, 3, 5, 7, 8, 9).
void parse_blankett(std::string_view text, const ExtractContext& ctx, IncidentRecord& record);

}  // namespace gdprd::parsers
