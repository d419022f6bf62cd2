// Entry point of the field extraction: reads a report text (the normalised
// lines of docs/document_text.hpp, or a decoded mail body) and fills the
// record's fields by the spec's labelling rules. Decides report_kind
// (blankett | etjanst | free_text) and dispatches to BlankettParser,
// EtjanstParser or FreeTextParser. Pure: no I/O, no clock, never throws.
#pragma once

#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "parsers/extract/blankett_parser.hpp"
#include "parsers/extract/extract_context.hpp"

namespace gdprd::parsers {

enum class ReportKind { blankett, etjanst, free_text };

// Which layout a text is in. Recognises the blankett by its question texts
// (numbered or not, renumbered local versions too) and the e-tjänst export
// by its labels; anything else is free text.
ReportKind detect_report_kind(std::string_view text);

// A text's layout together with the scan that decided it, so that extracting
// the fields does not scan the text again (the caller that chooses between a
// body and an attachment by their layout would otherwise scan it three times).
struct ReportLayout {
  ReportKind kind = ReportKind::free_text;
  std::string_view text;                // the bytes scanned; blocks point into them
  std::vector<BlankettBlock> blankett;  // question blocks found (also in non-blankett text)
};

// detect_report_kind() with its scan. Never throws: on allocation failure the
// text is prose.
ReportLayout detect_layout(std::string_view text);

// Fills every field the text states into `record` (which arrives with
// message_class, document_type and any MIME warnings already set) and sets
// report_kind. Adds the spec's warnings (missing_mandatory_field,
// personal_identity_number_in_report). `layout`, when given, is used only if it
// was detected on these very bytes (same address and length, not changed
// since); otherwise the text is scanned anew.
void extract_fields(std::string_view text, const ExtractContext& ctx, IncidentRecord& record,
                    const ReportLayout* layout = nullptr);

}  // namespace gdprd::parsers
