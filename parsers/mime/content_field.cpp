#include "parsers/mime/content_field.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "parsers/mime/encoded_words.hpp"
#include "parsers/text/charset.hpp"

namespace gdprd::parsers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

struct RawParam {
  std::string name;   // without the RFC 2231 section suffix
  int section = -1;   // -1: not continued
  bool extended = false;  // value in charset'lang'%XX form
  std::string value;
};

// Splits "; a=b; c="d;e"" into raw parameters, honouring quotes and escapes.
std::vector<RawParam> split_params(std::string_view s) {
  std::vector<RawParam> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ';' || std::isspace(static_cast<unsigned char>(s[i])))) ++i;
    size_t name_begin = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    if (i >= s.size() || s[i] == ';') continue;  // a bare word without '=': ignored
    std::string name = lower(trim(s.substr(name_begin, i - name_begin)));
    ++i;  // '='
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
      if (i < s.size()) ++i;  // closing quote
      while (i < s.size() && s[i] != ';') ++i;  // junk after the quote
    } else {
      size_t b = i;
      while (i < s.size() && s[i] != ';') ++i;
      value = std::string(trim(s.substr(b, i - b)));
    }
    if (name.empty()) continue;
    RawParam p;
    if (name.back() == '*') {
      p.extended = true;
      name.pop_back();
    }
    if (auto star = name.find('*'); star != std::string::npos) {
      std::string_view digits = std::string_view(name).substr(star + 1);
      // A section number has at most four digits; the length is checked
      // before any digit is added up (a long run of digits overflowed n).
      int n = 0;
      bool ok = !digits.empty() && digits.size() < 5;
      for (size_t k = 0; ok && k < digits.size(); ++k) {
        if (!std::isdigit(static_cast<unsigned char>(digits[k]))) ok = false;
        else n = n * 10 + (digits[k] - '0');
      }
      if (!ok) continue;
      p.section = n;
      name.resize(star);
    }
    p.name = std::move(name);
    p.value = std::move(value);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::string ContentField::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (n == name) return v;
  return {};
}

bool ContentField::has_param(std::string_view name) const {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

ContentField parse_content_field(std::string_view raw) {
  ContentField field;
  size_t semi = raw.find(';');
  field.value = lower(trim(raw.substr(0, semi)));
  // Strip a comment "(...)" some clients put after the value.
  if (auto paren = field.value.find('('); paren != std::string::npos) field.value = std::string(trim(field.value.substr(0, paren)));
  if (semi == std::string_view::npos) return field;

  std::vector<RawParam> raw_params = split_params(raw.substr(semi + 1));
  // Group RFC 2231 sections by name, in section order.
  std::map<std::string, std::map<int, const RawParam*>> continued;
  std::vector<std::string> order;
  for (const auto& p : raw_params) {
    if (std::find(order.begin(), order.end(), p.name) == order.end()) order.push_back(p.name);
    if (p.section >= 0) continued[p.name].emplace(p.section, &p);
  }
  for (const auto& name : order) {
    if (field.has_param(name)) continue;
    std::string value;
    auto it = continued.find(name);
    if (it != continued.end()) {
      std::string charset;
      std::string bytes;
      bool first = true;
      for (const auto& [section, p] : it->second) {
        std::string_view v = p->value;
        if (p->extended) {
          if (first) {
            // charset'lang'value
            size_t q1 = v.find('\'');
            size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
            if (q2 != std::string_view::npos) {
              charset = std::string(v.substr(0, q1));
              v = v.substr(q2 + 1);
            }
          }
          bytes += percent_decode(v);
        } else {
          bytes += v;
        }
        first = false;
      }
      value = decode_to_utf8(bytes, charset);
    } else {
      const RawParam* p = nullptr;
      for (const auto& rp : raw_params)
        if (rp.name == name && rp.section < 0) {
          p = &rp;
          break;
        }
      if (!p) continue;
      if (p->extended) {
        std::string_view v = p->value;
        size_t q1 = v.find('\'');
        size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
        std::string charset;
        if (q2 != std::string_view::npos) {
          charset = std::string(v.substr(0, q1));
          v = v.substr(q2 + 1);
        }
        value = decode_to_utf8(percent_decode(v), charset);
      } else {
        // RFC 2047 inside a quoted parameter is not standard, but Outlook does it.
        value = decode_header_text(p->value);
      }
    }
    field.params.emplace_back(name, std::move(value));
  }
  return field;
}

}  // namespace gdprd::parsers
