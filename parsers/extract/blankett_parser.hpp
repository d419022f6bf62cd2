// Reads the 37-question blankett (seed 004) and local versions of it that
// renumber, shorten or drop the question numbers, in the normalised text of
// docs/document_text.hpp or pasted into a mail body (also "> " quoted).
// Answers may stand after the question on the same line (':' or TAB), on the
// next lines, or in the next table cell; ticked answers are "☒ label" lines.
// Help texts and placeholders are never answers. Pure, never throws.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "parsers/extract/extract_context.hpp"
#include "parsers/extract/question_table.hpp"
#include "parsers/extract/tick_reader.hpp"

namespace gdprd::parsers {

// How much of the blankett a text shows, for layout detection.
struct BlankettEvidence {
  size_t questions = 0;      // distinct questions recognised
  size_t numbered = 0;       // of those, printed with a number
  size_t exact_labels = 0;   // of those, by the printed question text
  size_t ticks = 0;          // tick-box lines inside question blocks
};

BlankettEvidence scan_blankett(std::string_view text);

// One recognised question of a text and the answer area below it. Views
// point into the scanned text.
struct BlankettBlock {
  size_t question = 0;  // into blankett_questions()
  QuestionMatch match;
  std::vector<std::string_view> lines;  // answer lines; "" marks a paragraph break
  std::vector<Tick> ticks;
  bool text_closed = false;  // scan state: same-line answer given and a blank line seen
  bool after_help = false;   // scan state: the previous line was help text
};

// The question blocks of a text in order: what both layout detection and
// parse_blankett read, so that a report is scanned once (the scan is most of
// the extraction's time). Never throws but std::bad_alloc.
std::vector<BlankettBlock> scan_blankett_blocks(std::string_view text);

// The evidence of scan_blankett() from blocks already scanned.
BlankettEvidence blankett_evidence(const std::vector<BlankettBlock>& blocks);

// Fills the fields the form answers into record (report_kind is left to the
// caller). Adds missing_mandatory_field for every starred question present in
// the form and left empty: the stars are read from the form when it prints any,
// else taken from seed 004 (questions 1, 3, 5, 7, 8, 9).
void parse_blankett(std::string_view text, const ExtractContext& ctx, IncidentRecord& record);

// The same on the blocks scan_blankett_blocks(text) gave for this text.
void parse_blankett(std::string_view text, const std::vector<BlankettBlock>& blocks, const ExtractContext& ctx,
                    IncidentRecord& record);

}  // namespace gdprd::parsers
