#include "parsers/docs/xml_document.hpp"

#include "core/vocabulary.hpp"

namespace gdprd::parsers {

bool parse_xml(std::string_view xml, pugi::xml_document& doc, const Limits& limits,
               std::vector<Warning>& warnings) {
  // parse_default leaves DOCTYPE unparsed and entity references other than the
  // five predefined ones unexpanded.
  const unsigned flags = (pugi::parse_default | pugi::parse_ws_pcdata) & ~pugi::parse_doctype;
  const pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
  if (!r) {
    doc.reset();
    warnings.push_back({std::string(vocab::kUnreadableAttachment), std::string("malformed XML: ") + r.description()});
    return false;
  }
  // Iterative walk: depth and element count checked without recursion.
  size_t depth = 0, elements = 0;
  pugi::xml_node n = doc.first_child();
  while (n) {
    if (n.type() == pugi::node_element && ++elements > limits.max_xml_elements) {
      doc.reset();
      warnings.push_back({std::string(vocab::kLimitExceeded), "XML has more than max_xml_elements elements"});
      return false;
    }
    if (n.first_child()) {
      if (++depth > limits.max_xml_depth) {
        doc.reset();
        warnings.push_back({std::string(vocab::kLimitExceeded), "XML nests deeper than max_xml_depth"});
        return false;
      }
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      if (n == doc) return true;
      --depth;
    }
    if (n) n = n.next_sibling();
  }
  return true;
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_attribute attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    const size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a;
  }
  return {};
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

}  // namespace gdprd::parsers
