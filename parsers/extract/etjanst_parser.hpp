// Reads the labelled export of a municipal e-service (seed 000 and its kin):
// "V1. Uppgifter om personuppgiftsincident", "V2. Kontaktuppgifter", label
// lines with the answer below or after ':' / TAB, "Fråga: … Svar: …" pairs,
// side-by-side "Datum<TAB>Tid" and contact label pairs, "Markera alla"
// multi-ticks, and labels with OCR-mangled letters (matched tolerantly).
// Pure, never throws.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/record.hpp"
#include "parsers/extract/extract_context.hpp"

namespace gdprd::parsers {

// Number of distinct e-service labels (section headings, questions,
// Fråga/Svar pairs) the text shows, for layout detection.
size_t scan_etjanst(std::string_view text);

// Fills what the export answers: unit (most specific filled of nämnd/
// förvaltning/avdelning/enhet), organisation name from the export's header,
// contact, discovery time, description, actions (one per paragraph), incident
// type, categories, groups, count, consequences, the reporter's assessment;
// and from the description's prose the occurrence/end times, ongoing,
// detected_by, cause and area. report_kind is left to the caller.
void parse_etjanst(std::string_view text, const ExtractContext& ctx, IncidentRecord& record);

}  // namespace gdprd::parsers
