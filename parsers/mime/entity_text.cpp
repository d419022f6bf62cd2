#include "parsers/mime/entity_text.hpp"

#include <algorithm>
#include <cctype>

#include "parsers/text/charset.hpp"
#include "parsers/text/flowed.hpp"
#include "parsers/text/mojibake.hpp"

namespace gdprd::parsers {
namespace {

// charset=... inside the first bytes of an HTML document.
std::string html_meta_charset(std::string_view html) {
  std::string head(html.substr(0, 4096));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t p = head.find("charset=");
  if (p == std::string::npos) return {};
  p += 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  size_t e = p;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_'))
    ++e;
  return head.substr(p, e - p);
}

}  // namespace

std::string entity_text(const MimeEntity& e) {
  std::string_view body = e.body;
  std::string charset = e.content_type.param("charset");
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
    charset = "utf-8";
  }
  if (charset.empty() && e.content_type.value == "text/html") charset = html_meta_charset(body);
  std::string text = decode_to_utf8(body, charset);
  // A base64 text part carries its own CRLF line ends.
  if (text.find('\r') != std::string::npos) {
    std::string lf;
    lf.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        lf.push_back('\n');
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        lf.push_back(text[i]);
      }
    }
    text = std::move(lf);
  }
  std::string format = e.content_type.param("format");
  std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return std::tolower(c); });
  if (format == "flowed") {
    std::string delsp = e.content_type.param("delsp");
    std::transform(delsp.begin(), delsp.end(), delsp.begin(), [](unsigned char c) { return std::tolower(c); });
    text = unflow(text, delsp == "yes");
  }
  return repair_cp1252_mojibake(text);
}

}  // namespace gdprd::parsers
