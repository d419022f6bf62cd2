// What every document reader (docx, odt, pdf, html) produces: the document as
// plain UTF-8 lines in reading order, in the one normalised form the field
// extractors read, so that a blankett reads the same from any rendering.
// All readers build their lines through TextNormaliser (text_normaliser.hpp).
//
// The normalised form:
//  - one paragraph per line ('\n'); runs of spaces/tabs inside a line tidied
//    to one space, except a TAB that separates a label from its answer on the
//    same line (kept as one '\t'); lines trimmed; invalid UTF-8 as U+FFFD;
//    no leading empty line and never two empty lines in a row (an empty line
//    is where an empty answer or a paragraph break was);
//  - a table is read row by row, cell by cell; each paragraph of a cell is a
//    line of its own (a two-column form gives "question" then "answer");
//    a PDF printed in columns gives one line per printed row with the cells
//    joined by '\t', and a value row keeps empty leading cells so a value
//    stays under its column header ("Mobiltelefon\tTelefon" / "\t08-465 004 21");
//  - a tick box of any kind (w14:checkbox, legacy FORMCHECKBOX, Wingdings/
//    Symbol glyph, typed [X]/(x)/[ ], ☑, ✓, odt form checkbox, HTML checkbox
//    input) is written as "☒ " when ticked and "☐ " when not, followed by its
//    label on the same line;
//  - placeholder text of an empty field ("Klicka här för att ange text.",
//    "Click or tap here to enter text.", "Välj ett objekt." ...) is dropped by
//    every reader: a line or cell that is only a placeholder becomes empty,
//    and one right after a label ("Organisationsnummer: Klicka här ...") is cut;
//  - nothing else is invented: no headers/footers (docx/odt do not read them;
//    pdf drops a first/last line repeated on several pages, digits ignored).
#pragma once

#include <string>
#include <vector>

#include "core/record.hpp"

namespace gdprd::parsers {

struct DocumentText {
  bool ok = false;        // false: the document could not be opened at all
  std::string text;       // normalised lines, see above
  // unreadable_attachment (cannot be opened), limit_exceeded (a limit of
  // core/limits.hpp stopped reading; text may still be partial with ok=true)
  std::vector<Warning> warnings;
};

}  // namespace gdprd::parsers
