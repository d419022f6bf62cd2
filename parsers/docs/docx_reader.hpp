// Reads a Word .docx (Office Open XML) held in memory into normalised lines
// (document_text.hpp): the main document's body in reading order.
#pragma once

#include <string_view>

#include "core/limits.hpp"
#include "parsers/docs/document_text.hpp"

namespace gdprd::parsers {

// Body paragraphs and tables (nested too, cell by cell) with runs joined; tick
// boxes of every kind Word writes (w14 content-control checkboxes, legacy
// FORMCHECKBOX fields, Wingdings/Wingdings 2 glyphs, typed ☒/[X]) as "☒ "/"☐ ";
// placeholder content controls as empty lines; FORMTEXT results as text.
// Headers, footers, comments and deleted text are not read.
// Pure and never throws: not a zip (e.g. an old binary .doc named .docx), a
// corrupt or truncated zip, or a missing/malformed document part give
// ok=false + `unreadable_attachment`; zip and XML limits give `limit_exceeded`
// (ok=false when the main part could not be read at all).
DocumentText read_docx(std::string_view bytes, const Limits& limits);


}  // namespace gdprd::parsers
