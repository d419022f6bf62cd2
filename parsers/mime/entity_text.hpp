// The text of a text/* MIME leaf as UTF-8: charset, format=flowed and
// mojibake repair applied, line ends '\n'.
#pragma once

#include <string>

#include "parsers/mime/mime_reader.hpp"

namespace gdprd::parsers {

// Decodes a leaf's (already transfer-decoded) body by its charset parameter;
// an HTML part without one uses the charset of its <meta> tag. A leading BOM
// is dropped. Pure; never fails.
std::string entity_text(const MimeEntity& entity);

}  // namespace gdprd::parsers
