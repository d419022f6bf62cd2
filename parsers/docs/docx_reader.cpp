#include "parsers/docs/docx_reader.hpp"

#include <pugixml.hpp>

#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/docs/text_normaliser.hpp"
#include "parsers/docs/xml_document.hpp"
#include "parsers/docs/zip_archive.hpp"

namespace gdprd::parsers {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// OOXML on/off values: absent value means "on".
bool on_off(const pugi::xml_node& n) {
  pugi::xml_attribute v = attr(n, "val");
  if (!v) return true;
  std::string_view s = v.value();
  return !(s == "0" || iequals(s, "false") || iequals(s, "off"));
}

// State of a legacy FORMCHECKBOX: w:checked wins, else w:default.
bool legacy_checkbox_state(const pugi::xml_node& ffdata) {
  pugi::xml_node box = child(ffdata, "checkBox");
  if (pugi::xml_node checked = child(box, "checked")) return on_off(checked);
  if (pugi::xml_node def = child(box, "default")) return on_off(def);
  return false;
}

// Decodes the UTF-8 code point at s[i] when it is in the symbol-font private
// use area U+F000..U+F0FF (3 bytes EF 80..83 xx); returns its low byte or -1.
int pua_symbol_at(std::string_view s, size_t i) {
  if (i + 2 >= s.size()) return -1;
  const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
             b2 = static_cast<unsigned char>(s[i + 2]);
  if (b0 != 0xEF || b1 < 0x80 || b1 > 0x83 || (b2 & 0xC0) != 0x80) return -1;
  return static_cast<int>(((b1 & 0x03u) << 6) | (b2 & 0x3Fu));
}

class DocxWalker {
 public:
  DocxWalker(TextNormaliser& out) : out_(out) {}

  void blocks(const pugi::xml_node& parent) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local_name(n);
      if (name == "p") paragraph(n);
      else if (name == "tbl") table(n);
      else if (name == "sdt") block_sdt(n);
      else if (name == "customXml" || name == "ins" || name == "moveTo" || name == "smartTag") blocks(n);
      else if (name == "AlternateContent") blocks(child(n, "Choice"));
    }
  }

 private:
  struct Field {
    std::string instr;
    bool in_result = false;
    pugi::xml_node ffdata;
  };

  void paragraph(const pugi::xml_node& p) {
    inlines(p);
    out_.end_paragraph();
    // Text boxes anchored in the paragraph follow it.
    std::vector<pugi::xml_node> boxes;
    boxes.swap(deferred_);
    for (const auto& b : boxes) blocks(b);
  }

  void table(const pugi::xml_node& tbl) {
    for (pugi::xml_node row = tbl.first_child(); row; row = row.next_sibling()) {
      const std::string_view name = local_name(row);
      if (name == "tr") {
        for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
          const std::string_view cname = local_name(cell);
          if (cname == "tc") blocks(cell);
          else if (cname == "sdt" || cname == "customXml") cells(cell);
        }
      } else if (name == "sdt" || name == "customXml") {
        // Rows wrapped in a repeating-section control or custom XML.
        pugi::xml_node content = name == "sdt" ? child(row, "sdtContent") : row;
        table(content);
      }
    }
  }

  void cells(const pugi::xml_node& wrapper) {
    pugi::xml_node content = local_name(wrapper) == "sdt" ? child(wrapper, "sdtContent") : wrapper;
    for (pugi::xml_node cell = content.first_child(); cell; cell = cell.next_sibling())
      if (local_name(cell) == "tc") blocks(cell);
  }

  static bool showing_placeholder(const pugi::xml_node& sdt) {
    pugi::xml_node pr = child(sdt, "sdtPr");
    pugi::xml_node flag = child(pr, "showingPlcHdr");
    return flag && on_off(flag);
  }

  static void collect_text(const pugi::xml_node& n, std::string& acc) {
    for (pugi::xml_node c = n.first_child(); c && acc.size() < 4096; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c) == "t") acc += c.text().get();
      else if (local_name(c) != "delText") collect_text(c, acc);
    }
  }

  void block_sdt(const pugi::xml_node& sdt) {
    pugi::xml_node content = child(sdt, "sdtContent");
    std::string text;
    collect_text(content, text);
    if (showing_placeholder(sdt) || is_placeholder_text(text)) {
      out_.end_paragraph();  // the empty answer keeps its line
      return;
    }
    blocks(content);
  }

  void inline_sdt(const pugi::xml_node& sdt) {
    pugi::xml_node pr = child(sdt, "sdtPr");
    if (pugi::xml_node box = child(pr, "checkbox")) {
      // The glyph inside is only the rendering; w14:checked is the state.
      pugi::xml_node checked = child(box, "checked");
      out_.tick(checked && on_off(checked));
      return;
    }
    pugi::xml_node content = child(sdt, "sdtContent");
    std::string text;
    collect_text(content, text);
    if (showing_placeholder(sdt) || is_placeholder_text(text)) return;
    inlines(content);
  }

  bool hidden_by_field() const {
    for (const auto& f : fields_)
      if (!f.in_result) return true;
    return false;
  }

  void inlines(const pugi::xml_node& parent) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local_name(n);
      if (name == "r") run(n);
      else if (name == "sdt") inline_sdt(n);
      else if (name == "hyperlink" || name == "smartTag" || name == "ins" || name == "customXml" ||
               name == "fldSimple" || name == "moveTo" || name == "dir" || name == "bdo")
        inlines(n);
      else if (name == "AlternateContent") inlines(child(n, "Choice"));
    }
  }

  void field_char(const pugi::xml_node& fc) {
    const std::string_view type = attr(fc, "fldCharType").value();
    if (type == "begin") {
      if (fields_.size() >= kMaxFieldNesting) {
        ++ignored_begins_;
        return;
      }
      fields_.push_back(Field{{}, false, child(fc, "ffData")});
    } else if (type == "separate") {
      if (ignored_begins_ == 0 && !fields_.empty()) fields_.back().in_result = true;
    } else if (type == "end") {
      if (ignored_begins_ > 0) {
        --ignored_begins_;
        return;
      }
      if (fields_.empty()) return;
      Field f = std::move(fields_.back());
      fields_.pop_back();
      if (f.instr.find("FORMCHECKBOX") != std::string::npos && !hidden_by_field())
        out_.tick(legacy_checkbox_state(f.ffdata));
    }
  }

  static std::string run_font(const pugi::xml_node& r) {
    pugi::xml_node fonts = child(child(r, "rPr"), "rFonts");
    for (const char* a : {"ascii", "hAnsi", "cs", "eastAsia"})
      if (pugi::xml_attribute v = attr(fonts, a)) return v.value();
    return {};
  }

  void text(std::string_view s, const std::string& font) {
    if (s.find('\xEF') == std::string_view::npos) {
      out_.append(s);
      return;
    }
    // Symbol fonts put their glyphs in U+F0xx: a box there is a tick box.
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const int code = pua_symbol_at(s, i);
      if (code < 0) continue;
      out_.append(s.substr(start, i - start));
      if (auto t = symbol_font_tick(font, 0xF000u + static_cast<unsigned>(code))) out_.tick(*t);
      i += 2;
      start = i + 1;
    }
    out_.append(s.substr(start));
  }

  void run(const pugi::xml_node& r) {
    std::string font;
    bool font_known = false;
    for (pugi::xml_node n = r.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local_name(n);
      if (name == "fldChar") {
        field_char(n);
        continue;
      }
      if (name == "instrText") {
        if (!fields_.empty() && ignored_begins_ == 0 && !fields_.back().in_result &&
            fields_.back().instr.size() < 1024)
          fields_.back().instr += n.text().get();
        continue;
      }
      if (hidden_by_field()) continue;
      if (name == "t") {
        if (!font_known) font = run_font(r), font_known = true;
        text(n.text().get(), font);
      } else if (name == "tab" || name == "ptab") out_.append("\t");
      else if (name == "br" || name == "cr") out_.append("\n");
      else if (name == "noBreakHyphen") out_.append("-");
      else if (name == "sym") {
        const std::string_view hex = attr(n, "char").value();
        const unsigned code = static_cast<unsigned>(std::strtoul(std::string(hex).c_str(), nullptr, 16));
        if (auto t = symbol_font_tick(attr(n, "font").value(), code)) out_.tick(*t);
      } else if (name == "drawing" || name == "pict" || name == "AlternateContent" || name == "object") {
        find_text_boxes(name == "AlternateContent" ? child(n, "Choice") : n, 0);
      }
    }
  }

  void find_text_boxes(const pugi::xml_node& n, size_t depth) {
    if (!n || depth > 32) return;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c) == "txbxContent") deferred_.push_back(c);
      else if (local_name(c) == "Fallback") continue;  // same box again, as VML
      else find_text_boxes(c, depth + 1);
    }
  }

  static constexpr size_t kMaxFieldNesting = 64;
  TextNormaliser& out_;
  std::vector<Field> fields_;
  size_t ignored_begins_ = 0;
  std::vector<pugi::xml_node> deferred_;
};

// Path of the main document part from the package relationships.
std::string main_part_name(ZipArchive& zip, const Limits& limits) {
  std::string fallback = "word/document.xml";
  if (!zip.has("_rels/.rels")) return fallback;
  std::optional<std::string> rels = zip.read("_rels/.rels");
  if (!rels) return fallback;
  pugi::xml_document doc;
  std::vector<Warning> ignored;
  if (!parse_xml(*rels, doc, limits, ignored)) return fallback;
  for (pugi::xml_node r = child(doc, "Relationships").first_child(); r; r = r.next_sibling()) {
    const std::string_view type = attr(r, "Type").value();
    if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
      std::string target = attr(r, "Target").value();
      while (!target.empty() && target.front() == '/') target.erase(0, 1);
      if (!target.empty()) return target;
    }
  }
  return fallback;
}

DocumentText read_docx_impl(std::string_view bytes, const Limits& limits) {
  DocumentText result;
  ZipArchive zip(bytes, limits);
  if (!zip.ok()) {
    result.warnings = zip.warnings();
    return result;
  }
  const std::string part = main_part_name(zip, limits);
  std::optional<std::string> xml = zip.read(part);
  if (!xml && part != "word/document.xml") xml = zip.read("word/document.xml");
  pugi::xml_document doc;
  if (xml && parse_xml(*xml, doc, limits, result.warnings)) {
    pugi::xml_node body = child(child(doc, "document"), "body");
    if (!body) {
      result.warnings.push_back({std::string(vocab::kUnreadableAttachment), "docx has no document body"});
    } else {
      TextNormaliser out(limits.max_text_bytes);
      DocxWalker(out).blocks(body);
      result.text = out.take();
      result.ok = true;
      if (out.truncated())
        result.warnings.push_back({std::string(vocab::kLimitExceeded), "docx text longer than max_text_bytes"});
    }
  }
  for (const auto& w : zip.warnings()) result.warnings.push_back(w);
  if (!result.ok && result.warnings.empty())
    result.warnings.push_back({std::string(vocab::kUnreadableAttachment), "docx main document unreadable"});
  return result;
}

}  // namespace

DocumentText read_docx(std::string_view bytes, const Limits& limits) {
  try {
    return read_docx_impl(bytes, limits);
  } catch (const std::exception& e) {  // std::bad_alloc is the only one expected
    DocumentText r;
    r.warnings.push_back({std::string(vocab::kUnreadableAttachment), std::string("docx reader failed: ") + e.what()});
    return r;
  }
}

}  // namespace gdprd::parsers
