// Reads prose incident reports (Swedish and English mails without a form)
// into the record by the spec's labelling rules: newest part of a reply chain
// first, description without greeting/signature/actions/assessment, times
// from the sentences that state them, counts, enum fields by vocabulary,
// actions, assessment, organisation and contact from the author's signature.
// Pure: no I/O, no clock (relative dates use ctx.message_date), never throws.
#pragma once

#include <string_view>

#include "core/record.hpp"
#include "parsers/extract/extract_context.hpp"

namespace gdprd::parsers {

// Fills the fields the text states into record (fields already set by the
// caller are overwritten only where the text states them) and sets
// report_kind = "free_text". An empty body is read from ctx.subject.
void parse_free_text(std::string_view text, const ExtractContext& ctx, IncidentRecord& record);

}  // namespace gdprd::parsers
