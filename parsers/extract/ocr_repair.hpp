// Repairs Swedish words whose å/ä/ö were mangled by OCR or a lossy PDF
// extraction (seed 000: ä→é/a/i/d, ö→o/6/é/&, å→a/é: "upptécktes", "pa",
// "16senord"), for the free text of forms. A word is repaired only where the
// repair is certain: it matches exactly one known Swedish word (or a compound
// ending or starting with one) letter by letter under those substitutions.
// Pure, never throws.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::parsers {

// True when text looks mangled: Swedish prose without a single å, ä or ö but
// with words that need them ("pa", "nar", "for", "upptécktes").
bool looks_ocr_mangled(std::string_view text);

// text with every certainly mangled word repaired; other bytes unchanged.
std::string repair_ocr_letters(std::string_view text);

}  // namespace gdprd::parsers
