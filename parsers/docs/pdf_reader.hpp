// Reads the text layer of a PDF held in memory into normalised lines
// (document_text.hpp). All poppler calls of the project live in pdf_reader.cpp.
#pragma once

#include <string_view>

#include "core/limits.hpp"
#include "parsers/docs/document_text.hpp"

namespace gdprd::parsers {

// Text of the first max_pdf_pages pages with the physical layout kept:
//  - a line wrapped at the right margin is joined back into its paragraph
//    (never after '.', '?' or ':', never before a tick box or "12." question);
//  - text in columns (gaps of 3+ spaces) becomes cells joined by '\t'; a row
//    under a row of column headers keeps empty cells so values stay under their
//    header ("Mobiltelefon\tTelefon" / "\t08-465 004 21");
//  - a header/footer line that repeats on every page (page numbers ignored)
//    is dropped; ☒/☐ glyphs are kept.
// Pure and never throws. Larger than max_pdf_bytes: ok=false + limit_exceeded.
// Corrupt, truncated, encrypted (password) or not a PDF: ok=false +
// unreadable_attachment. A PDF without a text layer (a scan) gives ok=true,
// empty text and an unreadable_attachment warning. Poppler's error output is
// silenced process-wide on first use.
DocumentText read_pdf(std::string_view bytes, const Limits& limits);

// Does now what poppler otherwise does on the first PDF: builds its global
// tables and opens iconv's UTF-16/UTF-8 converters (glibc reads its gconv
// configuration from disk the first time). The parse worker calls it before
// its seccomp filter forbids opening files: without it a confined worker
// reads every PDF as "no text layer". The one call here with a side effect
// outside memory, and idempotent.
void prepare_pdf_reading();

}  // namespace gdprd::parsers
