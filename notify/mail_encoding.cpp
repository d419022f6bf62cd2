#include "notify/mail_encoding.hpp"

#include <cctype>
#include <cstdint>

namespace gdprd::notify {

namespace {

// Length of the UTF-8 sequence starting at s[i] if it is well-formed
// (shortest form, no surrogates, <= U+10FFFF), else 0. cp receives the code point.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t n;
  uint32_t min;
  if ((b0 & 0xe0) == 0xc0) {
    n = 2, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    n = 3, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

bool is_ascii_printable(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
  return true;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 B-encoded words, each <= 75 characters, never splitting a UTF-8
// sequence (a decoder shows each word on its own), joined by sep.
std::string encoded_words(std::string_view text, std::string_view sep) {
  constexpr size_t kMaxRaw = 45;  // 60 base64 chars + 12 of "=?UTF-8?B?" "?="
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      uint32_t cp;
      size_t n = utf8_sequence(text, end, cp);
      if (n == 0) n = 1;  // sanitised input has none; stay total anyway
      if (end + n - i > kMaxRaw) break;
      end += n;
    }
    if (!out.empty()) out += sep;
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

}  // namespace

std::string sanitize_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (size_t i = 0; i < value.size();) {
    uint32_t cp;
    size_t n = utf8_sequence(value, i, cp);
    if (n == 0) {  // invalid byte: dropped
      ++i;
      continue;
    }
    bool space = cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0xa0 ||
                 cp == 0x2028 || cp == 0x2029;
    bool control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x200e || cp == 0x200f ||
                   (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
    if (space) {
      pending_space = !out.empty();
    } else if (!control) {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(value.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string encode_unstructured(std::string_view raw, size_t header_name_length) {
  std::string value = sanitize_header_value(raw);
  bool plain = is_ascii_printable(value) && value.find("=?") == std::string::npos;
  if (!plain) {
    // Keep a short leading ASCII part readable ("[PUI-2026-0042] Mottagen:")
    // so that the reference survives even in tools that do not decode.
    size_t first = 0;
    while (first < value.size() && static_cast<unsigned char>(value[first]) >= 0x20 &&
           static_cast<unsigned char>(value[first]) <= 0x7e)
      ++first;
    size_t space = first == value.size() ? std::string::npos : value.rfind(' ', first);
    std::string_view prefix = space == std::string::npos ? std::string_view() : std::string_view(value).substr(0, space);
    if (!prefix.empty() && prefix.size() + header_name_length + 2 <= 60 && prefix.find("=?") == std::string_view::npos)
      return std::string(prefix) + "\r\n " + encoded_words(std::string_view(value).substr(space + 1), "\r\n ");
    return encoded_words(value, "\r\n ");
  }
  // Fold plain text at spaces to keep lines near 78 characters.
  std::string out;
  size_t line = header_name_length + 2;
  size_t i = 0;
  while (i < value.size()) {
    size_t sp = value.find(' ', i);
    std::string_view word = std::string_view(value).substr(i, sp == std::string::npos ? std::string::npos : sp - i);
    if (i > 0) {
      if (line + 1 + word.size() > 78) {
        out += "\r\n ";
        line = 1;
      } else {
        out += ' ';
        ++line;
      }
    }
    out += word;
    line += word.size();
    if (sp == std::string::npos) break;
    i = sp + 1;
  }
  return out;
}

std::string encode_phrase(std::string_view raw) {
  std::string value = sanitize_header_value(raw);
  if (value.empty()) return value;
  if (!is_ascii_printable(value) || value.find("=?") != std::string::npos) return encoded_words(value, " ");
  static constexpr std::string_view kAtextExtra = "!#$%&'*+-/=?^_`{|}~ ";
  bool atoms = true;
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kAtextExtra.find(c) == std::string_view::npos) atoms = false;
  if (atoms) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string encode_quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t col = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string piece;
      // "From " at a line start is mangled by mbox tools; encoding the F avoids it.
      bool from_line = i == 0 && line.substr(0, 5) == "From ";
      if ((c == ' ' || c == '\t') && last) {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      } else if (c == '=' || c > 126 || (c < 32 && c != '\t') || from_line || (i == 0 && c == '.')) {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      } else {
        piece = std::string(1, static_cast<char>(c));
      }
      // A soft break "=" must fit within 76 columns too.
      size_t limit = last ? 76 : 75;
      if (col + piece.size() > limit) {
        out += "=\r\n";
        col = 0;
      }
      out += piece;
      col += piece.size();
    }
    if (nl == std::string::npos) {
      if (!line.empty()) out += "\r\n";
      break;
    }
    out += "\r\n";
    start = nl + 1;
  }
  return out;
}

std::string encode_base64_lines(std::string_view bytes) {
  std::string all = base64(bytes);
  std::string out;
  for (size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace gdprd::notify
