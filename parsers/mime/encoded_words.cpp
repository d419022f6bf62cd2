#include "parsers/mime/encoded_words.hpp"

#include <cctype>

#include "parsers/mime/transfer_decoding.hpp"
#include "parsers/text/charset.hpp"

namespace gdprd::parsers {
namespace {

struct EncodedWord {
  size_t end = 0;  // one past "?="
  std::string charset;
  std::string bytes;
};

// Parses an encoded-word starting at s[pos] ("=?"). Returns false when the
// text there is not one.
bool parse_encoded_word(std::string_view s, size_t pos, EncodedWord& w) {
  if (s.substr(pos, 2) != "=?") return false;
  size_t q1 = s.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return false;
  char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(s[q1 + 1])));
  if (enc != 'Q' && enc != 'B') return false;
  size_t text_begin = q1 + 3;
  size_t close = s.find("?=", text_begin);
  if (close == std::string_view::npos) return false;
  std::string_view charset = s.substr(pos + 2, q1 - pos - 2);
  if (charset.empty() || charset.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  std::string_view text = s.substr(text_begin, close - text_begin);
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  if (auto star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);  // RFC 2231 language
  w.charset = std::string(charset);
  if (enc == 'B') {
    w.bytes = decode_base64(text, text.size());
  } else {
    std::string qp(text);
    for (char& c : qp)
      if (c == '_') c = ' ';
    w.bytes = decode_quoted_printable(qp, qp.size());
  }
  w.end = close + 2;
  return true;
}

bool same_charset(std::string_view a, std::string_view b) {
  return charset_from_name(a) == charset_from_name(b) &&
         (charset_from_name(a) != Charset::unknown || a == b);
}

}  // namespace

std::string decode_header_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::string pending_bytes;  // raw bytes of consecutive encoded-words
  std::string pending_charset;
  std::string plain;          // raw text between encoded-words
  auto flush_pending = [&] {
    if (!pending_bytes.empty() || !pending_charset.empty()) out += decode_to_utf8(pending_bytes, pending_charset);
    pending_bytes.clear();
    pending_charset.clear();
  };
  auto flush_plain = [&] {
    out += decode_to_utf8(plain, Charset::unknown);
    plain.clear();
  };
  bool last_was_word = false;
  size_t i = 0;
  while (i < s.size()) {
    EncodedWord w;
    if (s[i] == '=' && parse_encoded_word(s, i, w)) {
      bool only_space = plain.find_first_not_of(" \t\r\n") == std::string::npos;
      if (last_was_word && only_space) {
        plain.clear();  // whitespace between encoded-words is not text
      } else {
        flush_pending();
        flush_plain();
      }
      if (!pending_charset.empty() && !same_charset(pending_charset, w.charset)) flush_pending();
      if (pending_charset.empty()) pending_charset = w.charset;
      pending_bytes += w.bytes;
      last_was_word = true;
      i = w.end;
      continue;
    }
    if (last_was_word && !std::isspace(static_cast<unsigned char>(s[i]))) {
      flush_pending();
      flush_plain();
      last_was_word = false;
    }
    plain.push_back(s[i]);
    ++i;
  }
  flush_pending();
  flush_plain();
  return out;
}

}  // namespace gdprd::parsers
