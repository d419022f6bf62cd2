// Reads an HTML mail body (Outlook/Word-generated or hand-written) into
// normalised lines (document_text.hpp) with libxml2's forgiving HTML parser.
#pragma once

#include <string_view>

#include "core/limits.hpp"
#include "parsers/docs/document_text.hpp"

namespace gdprd::parsers {

// `html` must already be UTF-8 (the MIME layer converts); a <meta charset>
// is ignored. Block elements (p, div, li, h1-h6, tr, ...) and <br> end lines,
// each table cell is read as lines of its own, row by row; <b>/<strong>
// labels stay inline text; entities and &nbsp; are decoded; head, style,
// script, title and comments (Outlook's conditional <xml>) are dropped;
// <input type=checkbox [checked]> becomes "☒ "/"☐ ". Only the first
// max_html_bytes are parsed (limit_exceeded beyond) and elements deeper than
// max_xml_depth are skipped (limit_exceeded). Never throws; ok=false only when
// nothing could be parsed at all.
DocumentText read_html(std::string_view html, const Limits& limits);

}  // namespace gdprd::parsers
