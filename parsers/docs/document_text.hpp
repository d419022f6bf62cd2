// What every document reader (docx, odt, pdf, html) produces: the document as
// plain UTF-8 lines in reading order, in the one normalised form the field
// extractors read, so that a blankett reads the same from any rendering.
//
// The normalised form:
//  - one paragraph per line ('\n'); runs of spaces/tabs inside a line tidied
//    to one space, except a TAB that separates a label from its answer on the
//    same line (kept as '\t');
//  - a table is read row by row, cell by cell; each paragraph of a cell is a
//    line of its own (a two-column form gives "question" then "answer");
//  - a tick box of any kind (w14:checkbox, legacy FORMCHECKBOX, Wingdings/
//    Symbol glyph, typed [X]/(x), ☑) is written as "☒ " when ticked and "☐ "
//    when not, followed by its label on the same line;
//  - placeholder text of an empty content control is dropped (the line stays
//    empty), so "Klicka här för att ange text." never reaches the extractor
//    from a docx; other renderings may still carry it and the extractor treats
//    it as empty;
//  - nothing else is invented: no headers, no page numbers kept where the
//    reader can tell them apart.
#pragma once

#include <string>
#include <vector>

#include "core/record.hpp"

namespace gdprd::parsers {

struct DocumentText {
  bool ok = false;        // false: the document could not be opened at all
  std::string text;       // normalised lines, see above
  std::vector<Warning> warnings;  // unreadable_attachment, limit_exceeded
};

}  // namespace gdprd::parsers
