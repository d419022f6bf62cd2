// Reads a LibreOffice/OpenDocument text file (.odt) held in memory into
// normalised lines (document_text.hpp), from its content.xml.
#pragma once

#include <string_view>

#include "core/limits.hpp"
#include "parsers/docs/document_text.hpp"

namespace gdprd::parsers {

// Paragraphs and headings (text:p, text:h) with spans/links joined, text:tab
// as a tab, text:s as its count of spaces, text:line-break as a new line;
// lists item by item; tables row by row, cell by cell; sections and text
// frames in place. Form checkboxes (form:checkbox referenced by draw:control)
// and Wingdings glyphs become "☒ "/"☐ ". Notes, tracked deletions and
// annotations are not read. Pure, never throws: not a zip, missing or
// malformed content.xml give ok=false + `unreadable_attachment`; zip/XML
// limits give `limit_exceeded`.
DocumentText read_odt(std::string_view bytes, const Limits& limits);

}  // namespace gdprd::parsers
