#include "parsers/docs/odt_reader.hpp"

#include <pugixml.hpp>

#include <cstdlib>
#include <exception>
#include <map>
#include <string>

#include "core/vocabulary.hpp"
#include "parsers/docs/text_normaliser.hpp"
#include "parsers/docs/xml_document.hpp"
#include "parsers/docs/zip_archive.hpp"

namespace gdprd::parsers {
namespace {

class OdtWalker {
 public:
  OdtWalker(TextNormaliser& out, const std::map<std::string, bool>& boxes) : out_(out), boxes_(boxes) {}

  void blocks(const pugi::xml_node& parent) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = n.name();
      if (name == "text:p" || name == "text:h") {
        inlines(n);
        out_.end_paragraph();
        flush_frames();
      } else if (name == "text:list" || name == "text:list-item" || name == "text:list-header" ||
                 name == "text:section" || name == "text:index-body" || name == "table:table-header-rows" ||
                 name == "table:table-rows" || name == "table:table-row-group" ||
                 name == "table:table-header-columns" || name == "office:text" || name == "draw:text-box") {
        blocks(n);
      } else if (name == "table:table") {
        blocks(n);
      } else if (name == "table:table-row") {
        for (pugi::xml_node cell = n.first_child(); cell; cell = cell.next_sibling())
          if (std::string_view(cell.name()) == "table:table-cell") blocks(cell);
      }
      // office:forms, text:sequence-decls, text:tracked-changes, table:table-column: not text.
    }
  }

 private:
  void inlines(const pugi::xml_node& parent) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
        std::string t = n.value();
        for (char& c : t)  // source line breaks are white space in ODF
          if (c == '\n' || c == '\r') c = ' ';
        out_.append(t);
        continue;
      }
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = n.name();
      if (name == "text:tab") out_.append("\t");
      else if (name == "text:line-break") out_.append("\n");
      else if (name == "text:s") {
        long c = std::strtol(n.attribute("text:c").value(), nullptr, 10);
        if (c < 1) c = 1;
        if (c > 64) c = 64;
        out_.append(std::string(static_cast<size_t>(c), ' '));
      } else if (name == "text:note" || name == "office:annotation" || name == "text:bookmark-ref" ||
                 name == "text:soft-page-break" || name == "office:annotation-end") {
        continue;
      } else if (name == "draw:control") {
        auto it = boxes_.find(n.attribute("draw:control").value());
        if (it != boxes_.end()) out_.tick(it->second);
      } else if (name == "draw:frame") {
        for (pugi::xml_node box = n.first_child(); box; box = box.next_sibling())
          if (std::string_view(box.name()) == "draw:text-box") frames_.push_back(box);
      } else {
        inlines(n);  // text:span, text:a, fields, ruby, ...
      }
    }
  }

  void flush_frames() {
    std::vector<pugi::xml_node> frames;
    frames.swap(frames_);
    for (const auto& f : frames) blocks(f);
  }

  TextNormaliser& out_;
  const std::map<std::string, bool>& boxes_;
  std::vector<pugi::xml_node> frames_;
};

// Tick state of every form checkbox, by the id draw:control refers to.
std::map<std::string, bool> form_checkboxes(const pugi::xml_node& root) {
  std::map<std::string, bool> boxes;
  for (pugi::xpath_node x : root.select_nodes("//form:checkbox")) {
    const pugi::xml_node b = x.node();
    std::string id = b.attribute("form:id").value();
    if (id.empty()) id = b.attribute("xml:id").value();
    std::string_view state = b.attribute("form:current-state").value();
    if (state.empty()) state = b.attribute("form:state").value();
    if (!id.empty()) boxes[id] = state == "checked";
  }
  return boxes;
}

DocumentText read_odt_impl(std::string_view bytes, const Limits& limits) {
  DocumentText result;
  ZipArchive zip(bytes, limits);
  if (!zip.ok()) {
    result.warnings = zip.warnings();
    return result;
  }
  std::optional<std::string> xml = zip.read("content.xml");
  pugi::xml_document doc;
  if (xml && parse_xml(*xml, doc, limits, result.warnings)) {
    pugi::xml_node text = doc.child("office:document-content").child("office:body").child("office:text");
    if (!text) {
      result.warnings.push_back({std::string(vocab::kUnreadableAttachment), "odt has no office:text body"});
    } else {
      const auto boxes = form_checkboxes(text);
      TextNormaliser out(limits.max_text_bytes);
      OdtWalker(out, boxes).blocks(text);
      result.text = out.take();
      result.ok = true;
      if (out.truncated())
        result.warnings.push_back({std::string(vocab::kLimitExceeded), "odt text longer than max_text_bytes"});
    }
  }
  for (const auto& w : zip.warnings()) result.warnings.push_back(w);
  if (!result.ok && result.warnings.empty())
    result.warnings.push_back({std::string(vocab::kUnreadableAttachment), "odt content unreadable"});
  return result;
}

}  // namespace

DocumentText read_odt(std::string_view bytes, const Limits& limits) {
  try {
    return read_odt_impl(bytes, limits);
  } catch (const std::exception& e) {
    DocumentText r;
    r.warnings.push_back({std::string(vocab::kUnreadableAttachment), std::string("odt reader failed: ") + e.what()});
    return r;
  }
}

}  // namespace gdprd::parsers
