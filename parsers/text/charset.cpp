#include "parsers/text/charset.hpp"

#include <cstdint>

#include <array>
#include <cctype>

namespace gdprd::parsers {
namespace {

// Windows-1252 0x80..0x9F; 0 marks the five undefined bytes.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t latin9_to_unicode(unsigned char b) {
  switch (b) {
    case 0xA4: return 0x20AC;
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    default: return b;
  }
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when malformed.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) n = 3, hi = 0x9F;
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) n = 4, hi = 0x8F;
  else return 0;
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

std::string normalised_label(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  // Drop separators so "ISO_8859-1", "iso8859_1" and "iso-8859-1" compare equal.
  std::string compact;
  for (char c : out)
    if (c != '-' && c != '_' && c != '.' && c != ':') compact.push_back(c);
  return compact;
}

}  // namespace

Charset charset_from_name(std::string_view name) {
  std::string n = normalised_label(name);
  if (n == "utf8" || n == "uft8" || n == "utf" || n == "unicode11utf8" || n == "unicode20utf8" || n == "xunicode20utf8" ||
      n == "utf8mb4" || n == "utf8bom")
    return Charset::utf8;
  if (n == "usascii" || n == "ascii" || n == "ansix3.41968" || n == "ansix341968" || n == "iso646us" || n == "us")
    return Charset::ascii;
  if (n == "iso88591" || n == "latin1" || n == "l1" || n == "isolatin1" || n == "iso885911987" || n == "cp819" ||
      n == "ibm819" || n == "88591" || n == "isoir100")
    return Charset::latin1;
  if (n == "iso885915" || n == "latin9" || n == "latin0" || n == "l9" || n == "isolatin9" || n == "885915")
    return Charset::latin9;
  if (n == "windows1252" || n == "cp1252" || n == "win1252" || n == "xcp1252" || n == "ms1252" || n == "windows" ||
      n == "ansi" || n == "1252" || n == "winlatin1" || n == "window1252" || n == "windows1252s")
    return Charset::cp1252;
  if (n == "utf7" || n == "unicode11utf7" || n == "xunicode20utf7") return Charset::utf7;
  return Charset::unknown;
}

namespace {

// RFC 2152: "+" starts modified base64 of UTF-16 code units, ended by "-" or
// any non-base64 character; "+-" is a literal "+". Invalid units become
// U+FFFD, so the result is always valid UTF-8.
std::string decode_utf7(std::string_view s) {
  auto b64 = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c != '+') {
      if (static_cast<unsigned char>(c) < 0x80) out.push_back(c);
      else append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    ++i;
    if (i < s.size() && s[i] == '-') {
      out.push_back('+');
      ++i;
      continue;
    }
    uint32_t bits = 0;
    int nbits = 0;
    char32_t high = 0;
    while (i < s.size() && b64(s[i]) >= 0) {
      bits = (bits << 6) | static_cast<uint32_t>(b64(s[i]));
      nbits += 6;
      ++i;
      if (nbits >= 16) {
        nbits -= 16;
        char32_t unit = (bits >> nbits) & 0xFFFF;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          high = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF && high) {
          append_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
          high = 0;
        } else {
          append_utf8(out, (unit >= 0xD800 && unit <= 0xDFFF) ? 0xFFFD : unit);
          high = 0;
        }
      }
    }
    if (i < s.size() && s[i] == '-') ++i;
  }
  return out;
}

}  // namespace

char32_t cp1252_to_unicode(unsigned char byte) {
  if (byte >= 0x80 && byte <= 0x9F) {
    char16_t u = kCp1252High[byte - 0x80];
    return u ? static_cast<char32_t>(u) : static_cast<char32_t>(byte);
  }
  return byte;
}

int unicode_to_cp1252(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  for (int i = 0; i < 32; ++i)
    if (kCp1252High[i] == cp) return 0x80 + i;
  if (cp >= 0x80 && cp <= 0x9F && kCp1252High[cp - 0x80] == 0) return static_cast<int>(cp);
  // A C1 control that cp1252 redefines: it came from a Latin-1 reading.
  if (cp >= 0x80 && cp <= 0x9F) return static_cast<int>(cp);
  return -1;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      append_utf8(out, cp1252_to_unicode(static_cast<unsigned char>(s[i])));
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string decode_to_utf8(std::string_view bytes, Charset charset) {
  std::string out;
  switch (charset) {
    case Charset::utf8:
    case Charset::ascii:  // 8-bit bytes in "ascii" text are real text in some other charset
    case Charset::unknown:
      if (is_utf8(bytes)) return std::string(bytes);
      return repair_utf8(bytes);
    case Charset::latin1:
      // Mail labelled Latin-1 is in practice Windows-1252 (curly quotes, dashes).
    case Charset::cp1252:
      out.reserve(bytes.size() + bytes.size() / 8);
      for (unsigned char c : bytes) append_utf8(out, cp1252_to_unicode(c));
      return out;
    case Charset::latin9:
      out.reserve(bytes.size() + bytes.size() / 8);
      for (unsigned char c : bytes) append_utf8(out, latin9_to_unicode(c));
      return out;
    case Charset::utf7:
      return decode_utf7(bytes);
  }
  return repair_utf8(bytes);
}

std::string decode_to_utf8(std::string_view bytes, std::string_view charset_name) {
  return decode_to_utf8(bytes, charset_from_name(charset_name));
}

}  // namespace gdprd::parsers
