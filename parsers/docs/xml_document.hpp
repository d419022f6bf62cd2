// Parses one XML part of a document (docx/odt) with pugixml under the XML
// limits, so the readers can recurse over the tree without further checks.
#pragma once

#include <pugixml.hpp>

#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "core/record.hpp"

namespace gdprd::parsers {

// Parses `xml` into `doc`. Returns false (with a warning) when the XML is not
// well-formed (`unreadable_attachment`) or nests deeper than max_xml_depth or
// holds more than max_xml_elements elements (`limit_exceeded`). No DTD is
// processed and custom entities are never expanded (billion laughs safe):
// `&lol;` stays literal text. Whitespace-only text nodes are kept (w:t " ").
bool parse_xml(std::string_view xml, pugi::xml_document& doc, const Limits& limits,
               std::vector<Warning>& warnings);

// Element name without its namespace prefix ("w:t" -> "t").
std::string_view local_name(const pugi::xml_node& node);
// Attribute by local name, prefix ignored ("w:val", "w14:val" -> "val").
pugi::xml_attribute attr(const pugi::xml_node& node, std::string_view local);
// First child element with that local name.
pugi::xml_node child(const pugi::xml_node& node, std::string_view local);

}  // namespace gdprd::parsers
