#include "parsers/docs/html_reader.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <climits>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "core/vocabulary.hpp"
#include "parsers/docs/text_normaliser.hpp"

namespace gdprd::parsers {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

bool name_is(const xmlNode* n, const char* name) {
  return n->name != nullptr && xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool name_in(const xmlNode* n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (name_is(n, name)) return true;
  return false;
}

std::string prop(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_prop(const xmlNode* n, const char* name) {
  return xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

class HtmlWalker {
 public:
  HtmlWalker(TextNormaliser& out, size_t max_depth) : out_(out), max_depth_(max_depth) {}
  bool too_deep() const { return too_deep_; }

  // `font` is the symbol font ("Wingdings", ...) the text is set in, or empty.
  void walk(const xmlNode* n, size_t depth, bool pre, const std::string& font) {
    for (; n != nullptr; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        text(reinterpret_cast<const char*>(n->content), pre, font);
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;  // comments, PIs, DTD
      if (name_in(n, {"head", "style", "script", "title", "noscript", "template", "xml", "object", "select"}))
        continue;
      if (depth >= max_depth_) {
        too_deep_ = true;
        continue;
      }
      if (name_is(n, "br")) {
        out_.append("\n");
        continue;
      }
      if (name_is(n, "input")) {
        const std::string type = prop(n, "type");
        if (type == "checkbox" || type == "radio" || type == "CHECKBOX" || type == "RADIO")
          out_.tick(has_prop(n, "checked"));
        continue;
      }
      if (name_is(n, "img")) continue;
      const bool block = is_block(n);
      if (block) out_.break_line();
      walk(n->children, depth + 1, pre || name_in(n, {"pre", "textarea", "plaintext", "listing"}),
           element_font(n, font));
      if (block) out_.break_line();
    }
  }

 private:
  static bool is_block(const xmlNode* n) {
    return name_in(n, {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                       "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "blockquote", "pre",
                       "hr", "section", "article", "header", "footer", "address", "center", "form",
                       "fieldset", "legend", "nav", "aside", "main", "figure", "figcaption", "body", "html",
                       "textarea", "details", "summary"});
  }

  // The symbol font an element sets for its text: style="font-family:Wingdings"
  // or <font face=Wingdings>; any other family resets it.
  static std::string element_font(const xmlNode* n, const std::string& inherited) {
    std::string family;
    const std::string style = prop(n, "style");
    const size_t at = fold(style).find("font-family:");
    if (at != std::string::npos) {
      family = style.substr(at + 12);
      family = family.substr(0, family.find_first_of(";,"));
    } else if (name_is(n, "font")) {
      family = prop(n, "face");
      family = family.substr(0, family.find(','));
    } else {
      return inherited;
    }
    std::string clean;
    for (char c : family)
      if (c != '"' && c != '\'') clean += c;
    while (!clean.empty() && clean.front() == ' ') clean.erase(0, 1);
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    if (symbol_font_tick(clean, 0xFE).has_value() || symbol_font_tick(clean, 0xA3).has_value()) return clean;
    return {};
  }

  static std::string fold(std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }

  // Text in a symbol font: each glyph is a tick box or nothing readable.
  void symbol_text(std::string_view s, const std::string& font) {
    for (size_t i = 0; i < s.size();) {
      const auto b0 = static_cast<unsigned char>(s[i]);
      unsigned cp = b0;
      size_t len = 1;
      if (b0 >= 0xC0 && b0 < 0xE0 && i + 1 < s.size()) {
        cp = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu), len = 2;
      } else if (b0 >= 0xE0 && b0 < 0xF0 && i + 2 < s.size()) {
        cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        len = 3;
      } else if (b0 >= 0x80) {
        len = b0 >= 0xF0 ? 4 : 1;
      }
      if (cp == ' ' || cp == '\t' || cp == 0xA0) out_.append(" ");
      else if (auto t = symbol_font_tick(font, cp)) out_.tick(*t);
      i += len;
    }
  }

  void text(const char* s, bool pre, const std::string& font) {
    if (s == nullptr) return;
    // White space between blocks is no paragraph of its own.
    if (out_.paragraph_empty() && std::strspn(s, " \t\r\n") == std::strlen(s)) return;
    if (!font.empty()) {
      symbol_text(s, font);
      return;
    }
    if (pre) {
      out_.append(s);
      return;
    }
    // Outside <pre> a line break in the source is just white space.
    std::string t(s);
    for (char& c : t)
      if (c == '\n' || c == '\r') c = ' ';
    out_.append(t);
  }

  TextNormaliser& out_;
  size_t max_depth_;
  bool too_deep_ = false;
};

// Word's "downlevel-revealed" conditional comments (<![if !supportLists]>,
// <![endif]>) are not HTML; libxml2 would keep them as text.
std::string strip_conditional_markers(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    const size_t at = html.find("<![", i);
    if (at == std::string_view::npos) break;
    out.append(html.substr(i, at - i));
    const std::string_view rest = html.substr(at + 3, 6);
    const bool marker = rest.substr(0, 2) == "if" || rest.substr(0, 2) == "IF" || rest.substr(0, 5) == "endif" ||
                        rest.substr(0, 5) == "ENDIF";
    const size_t end = html.find("]>", at);
    if (marker && end != std::string_view::npos && end - at < 200) {
      i = end + 2;
    } else {
      out.append("<![");
      i = at + 3;
    }
  }
  out.append(html.substr(std::min(i, html.size())));
  return out;
}

DocumentText read_html_impl(std::string_view html_in, const Limits& limits) {
  std::string_view html = html_in;
  DocumentText result;
  if (html.size() > limits.max_html_bytes) {
    result.warnings.push_back({std::string(vocab::kLimitExceeded), "HTML longer than max_html_bytes; the rest is not read"});
    html = html.substr(0, limits.max_html_bytes);
  }
  const std::string cleaned = strip_conditional_markers(html);
  html = cleaned;
  if (html.size() > static_cast<size_t>(INT_MAX)) html = html.substr(0, INT_MAX);
  const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                      HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  if (!doc) {
    if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      result.ok = true;  // an empty body is readable, just empty
      return result;
    }
    result.warnings.push_back({std::string(vocab::kUnreadableAttachment), "HTML could not be parsed"});
    return result;
  }
  TextNormaliser out(limits.max_text_bytes);
  HtmlWalker walker(out, limits.max_xml_depth);
  walker.walk(doc->children, 0, false, {});
  result.text = out.take();
  result.ok = true;
  if (walker.too_deep())
    result.warnings.push_back({std::string(vocab::kLimitExceeded), "HTML nests deeper than max_xml_depth"});
  if (out.truncated())
    result.warnings.push_back({std::string(vocab::kLimitExceeded), "HTML text longer than max_text_bytes"});
  return result;
}

}  // namespace

DocumentText read_html(std::string_view html, const Limits& limits) {
  try {
    return read_html_impl(html, limits);
  } catch (const std::exception& e) {
    DocumentText r;
    r.warnings.push_back({std::string(vocab::kUnreadableAttachment), std::string("HTML reader failed: ") + e.what()});
    return r;
  }
}

}  // namespace gdprd::parsers
