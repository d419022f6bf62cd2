#include "parsers/text/mojibake.hpp"

#include <vector>

#include "parsers/text/charset.hpp"

namespace gdprd::parsers {
namespace {

// Decodes one code point of valid UTF-8 at s[i], advancing i.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = s.size() - i;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

// What a repaired run must contain to count as certain: letters of Latin-1
// Supplement / Latin Extended-A, or the dashes, quotes and ellipsis that
// Swedish office text is full of.
bool looks_like_text(std::string_view utf8) {
  size_t i = 0;
  bool any = false;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) continue;
    if ((cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x2010 && cp <= 0x2026) || cp == 0x20AC ||
        cp == 0xA0 || cp == 0xA7 || cp == 0xB0 || cp == 0xAB || cp == 0xBB)
      any = true;
    else if (cp < 0xA0)  // a C1 control after repair means the guess was wrong
      return false;
  }
  return any;
}

// Whether any run can be mojibake: a UTF-8 lead byte (0xC2-0xF4) read as
// cp1252 is a letter U+00C2..U+00F4 (bytes C3 82..C3 B4), and the character
// right after it stands for a continuation byte 0x80-0xBF, whose UTF-8 starts
// with C2 (U+0080..U+00BF), C5, C6, CB or E2 (the cp1252 punctuation). Most
// text has no such pair and is returned without the run-by-run work.
bool may_hold_mojibake(std::string_view s) {
  for (size_t i = s.find('\xC3'); i != std::string_view::npos && i + 2 < s.size(); i = s.find('\xC3', i + 1)) {
    auto lead = static_cast<unsigned char>(s[i + 1]);
    auto next = static_cast<unsigned char>(s[i + 2]);
    if (lead >= 0x82 && lead <= 0xB4 && (next == 0xC2 || next == 0xC5 || next == 0xC6 || next == 0xCB || next == 0xE2))
      return true;
  }
  return false;
}

}  // namespace

std::string repair_cp1252_mojibake(std::string_view s) {
  if (!is_utf8(s)) return repair_utf8(s);
  if (!may_hold_mojibake(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back(s[i++]);
      continue;
    }
    // A maximal run of non-ASCII code points.
    size_t start = i;
    std::string bytes;
    bool mappable = true;
    while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80) {
      char32_t cp = next_code_point(s, i);
      int b = unicode_to_cp1252(cp);
      if (b < 0) mappable = false;
      else bytes.push_back(static_cast<char>(b));
    }
    std::string_view run = s.substr(start, i - start);
    // Fewer bytes than characters in the run is impossible; a repaired run is
    // shorter in characters because each letter took two or three.
    if (mappable && bytes.size() >= 2 && is_utf8(bytes) && looks_like_text(bytes)) {
      out += bytes;
    } else {
      out.append(run);
    }
  }
  return out;
}

}  // namespace gdprd::parsers
