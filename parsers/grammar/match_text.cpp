#include "parsers/grammar/match_text.hpp"

#include <array>
#include <cstring>

namespace gdprd::parsers {
namespace {

// ASCII base letters of U+00C0..U+00FF ('\0' = not a letter, keep as is).
// Æ/æ fold to "ae", Þ/þ to "th", ß to "ss": two output bytes for two input
// bytes, so the output is never longer than the input.
const char* latin1_base(unsigned cp) {
  static const std::array<const char*, 64> table = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
  if (cp < 0xC0 || cp > 0xFF) return nullptr;
  return table[cp - 0xC0];
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits that stand for letters in scanned text ("16senord" = lösenord).
char digit_as_letter(char c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'l';
    case '6': return 'o';
    case '3': return 'e';
    default: return '\0';
  }
}

}  // namespace

namespace {

// The folding of fold()/fold_with_map(), writing into pre-sized buffers (the
// output is never longer than the input) and mapping only when asked: it runs
// over every line of every report, several times. ASCII is lower-cased by
// arithmetic, not std::tolower, which is a locale-dependent libc call per byte.
std::string fold_impl(std::string_view in, std::vector<size_t>* offsets) {
  std::string out(in.size(), '\0');
  char* o = out.data();
  size_t* m = nullptr;
  if (offsets) {
    offsets->resize(in.size() + 1);
    m = offsets->data();
  }
  size_t n = 0;
  const size_t size = in.size();
  size_t i = 0;
  while (i < size) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      o[n] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      if (m) m[n] = i;
      ++n;
      ++i;
      continue;
    }
    if (c == 0xC3 && i + 1 < size) {
      unsigned char d = static_cast<unsigned char>(in[i + 1]);
      if (d >= 0x80 && d <= 0xBF) {
        unsigned cp = ((c & 0x1F) << 6) | (d & 0x3F);
        if (const char* base = latin1_base(cp)) {
          for (const char* p = base; *p; ++p) {
            o[n] = *p;
            if (m) m[n] = i;
            ++n;
          }
          i += 2;
          continue;
        }
      }
    }
    // Non-breaking space (C2 A0) becomes a plain space so word boundaries hold.
    if (c == 0xC2 && i + 1 < size && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
      o[n] = ' ';
      if (m) m[n] = i;
      ++n;
      i += 2;
      continue;
    }
    o[n] = static_cast<char>(c);
    if (m) m[n] = i;
    ++n;
    ++i;
  }
  out.resize(n);
  if (offsets) {
    (*offsets)[n] = size;
    offsets->resize(n + 1);
  }

  // Second pass: inside tokens that are mostly letters, digits 0/1/3/6 are
  // damaged letters. A token with few letters ("14st", "2026a") is left alone.
  size_t t = 0;
  while (t < n) {
    if (!is_ascii_alpha(o[t]) && !is_digit(o[t])) {
      ++t;
      continue;
    }
    size_t e = t;
    size_t letters = 0, digits = 0;
    while (e < n && (is_ascii_alpha(o[e]) || is_digit(o[e]))) {
      if (is_digit(o[e])) ++digits; else ++letters;
      ++e;
    }
    if (digits > 0 && letters >= 3 && digits <= 2 && digits < letters) {
      bool all_mappable = true;
      for (size_t k = t; k < e; ++k)
        if (is_digit(o[k]) && !digit_as_letter(o[k])) all_mappable = false;
      if (all_mappable)
        for (size_t k = t; k < e; ++k)
          if (is_digit(o[k])) o[k] = digit_as_letter(o[k]);
    }
    t = e;
  }
  return out;
}

}  // namespace

std::string fold_with_map(std::string_view in, std::vector<size_t>& offsets) { return fold_impl(in, &offsets); }

std::string fold(std::string_view utf8) { return fold_impl(utf8, nullptr); }

bool is_word_byte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return is_ascii_alpha(c) || is_digit(c) || u >= 0x80;
}

namespace {

// hay.find(needle, from) for a non-empty needle, checking the second byte
// inline before comparing the rest: the keyword lists of the grammar are
// searched in every sentence, and most places where a keyword's first letter
// occurs differ at its second.
size_t find_bytes(std::string_view hay, std::string_view needle, size_t from) {
  const size_t n = needle.size();
  if (from > hay.size() || hay.size() - from < n) return std::string_view::npos;
  const char* base = hay.data();
  const char* p = base + from;
  const char* last = base + (hay.size() - n);  // last place the needle can start
  while (p <= last) {
    p = static_cast<const char*>(std::memchr(p, needle[0], static_cast<size_t>(last - p) + 1));
    if (!p) return std::string_view::npos;
    if (n == 1 || (p[1] == needle[1] && std::memcmp(p + 2, needle.data() + 2, n - 2) == 0))
      return static_cast<size_t>(p - base);
    ++p;
  }
  return std::string_view::npos;
}

}  // namespace

size_t find_word(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty()) return std::string_view::npos;
  size_t pos = find_bytes(hay, needle, from);
  while (pos != std::string_view::npos) {
    bool left_ok = pos == 0 || !is_word_byte(hay[pos - 1]) || !is_word_byte(needle.front());
    size_t end = pos + needle.size();
    bool right_ok = end >= hay.size() || !is_word_byte(hay[end]) || !is_word_byte(needle.back());
    if (left_ok && right_ok) return pos;
    pos = find_bytes(hay, needle, pos + 1);
  }
  return std::string_view::npos;
}

bool contains_word(std::string_view hay, std::string_view needle) {
  return find_word(hay, needle) != std::string_view::npos;
}

size_t find_prefix_word(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty()) return std::string_view::npos;
  size_t pos = find_bytes(hay, needle, from);
  while (pos != std::string_view::npos) {
    if (pos == 0 || !is_word_byte(hay[pos - 1]) || !is_word_byte(needle.front())) return pos;
    pos = find_bytes(hay, needle, pos + 1);
  }
  return std::string_view::npos;
}

bool contains_prefix_word(std::string_view hay, std::string_view needle) {
  return find_prefix_word(hay, needle) != std::string_view::npos;
}

bool contains_any_prefix(std::string_view hay, const std::vector<std::string_view>& needles) {
  for (auto n : needles)
    if (contains_prefix_word(hay, n)) return true;
  return false;
}

namespace {
// Length of a whitespace sequence at i (ASCII space/tab/CR/LF or U+00A0), 0 if none.
size_t space_len(std::string_view s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0)
    return 2;
  return 0;
}
}  // namespace

std::string_view trim(std::string_view text) {
  size_t b = 0;
  while (b < text.size()) {
    size_t n = space_len(text, b);
    if (!n) break;
    b += n;
  }
  size_t e = text.size();
  while (e > b) {
    if (space_len(text, e - 1) == 1) {
      --e;
    } else if (e >= b + 2 && space_len(text, e - 2) == 2) {
      e -= 2;
    } else {
      break;
    }
  }
  return text.substr(b, e - b);
}

std::string tidy_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  size_t i = 0;
  while (i < text.size()) {
    size_t n = space_len(text, i);
    if (n) {
      pending = true;
      i += n;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

namespace {
// Abbreviations whose final dot does not end a sentence (folded, without the dot).
bool is_abbreviation(std::string_view word) {
  static const std::array<std::string_view, 22> kAbbr = {
      "kl", "ca", "t.ex", "bl.a", "d.v.s", "dvs", "m.m", "mm", "o.s.v", "osv", "p.g.a", "pga", "s.k", "resp",
      "nr", "st", "e.g", "i.e", "approx", "mr", "mrs", "dr"};
  std::string f = fold(word);
  for (auto a : kAbbr)
    if (f == a) return true;
  return false;
}

bool starts_upper_or_digit(std::string_view s, size_t i) {
  if (i >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  if (c == 0xC3 && i + 1 < s.size()) {  // Å Ä Ö É ...
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    return d >= 0x80 && d <= 0x9E;
  }
  return c == '"' || c == '(' || c == '-' || c == 0xE2;  // quotes, dashes
}
}  // namespace

std::vector<std::string_view> split_sentences(std::string_view text) {
  std::vector<std::string_view> out;
  auto push = [&](size_t b, size_t e) {
    std::string_view s = trim(text.substr(b, e - b));
    if (!s.empty()) out.push_back(s);
  };
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      // A blank line, or a line that starts a list item, ends a sentence.
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j >= text.size() || text[j] == '\n' || text[j] == '-' || text[j] == '*' ||
          (static_cast<unsigned char>(text[j]) == 0xE2 && j + 2 < text.size() &&
           static_cast<unsigned char>(text[j + 1]) == 0x80 && static_cast<unsigned char>(text[j + 2]) == 0xA2)) {
        push(start, i);
        start = i + 1;
      }
      ++i;
      continue;
    }
    if (c == '.' || c == '!' || c == '?') {
      size_t j = i + 1;
      // Closing quotes/brackets stay with the sentence.
      while (j < text.size() && (text[j] == ')' || text[j] == '"')) ++j;
      if (j >= text.size()) {
        ++i;
        continue;
      }
      if (text[j] != ' ' && text[j] != '\n' && text[j] != '\r' && text[j] != '\t') {
        ++i;  // "08.30", "t.ex", "e-post.se"
        continue;
      }
      if (c == '.') {
        size_t w = i;
        while (w > start && text[w - 1] != ' ' && text[w - 1] != '\n' && text[w - 1] != '(') --w;
        std::string_view word = text.substr(w, i - w);
        if (is_abbreviation(word)) {
          ++i;
          continue;
        }
      }
      size_t k = j;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
      if (k < text.size() && text[k] != '\n' && !starts_upper_or_digit(text, k)) {
        ++i;
        continue;
      }
      push(start, j);
      start = j;
      i = j;
      continue;
    }
    ++i;
  }
  push(start, text.size());
  return out;
}

std::vector<Token> tokenize(std::string_view f) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < f.size()) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    Token::Kind k;
    if (c >= '0' && c <= '9') {
      k = Token::num;
      while (j < f.size() && f[j] >= '0' && f[j] <= '9') ++j;
    } else if (c >= 'a' && c <= 'z') {
      k = Token::word;
      while (j < f.size() && f[j] >= 'a' && f[j] <= 'z') ++j;
    } else {
      k = Token::punct;
      if (c >= 0xC0) {  // one whole UTF-8 sequence (dashes, quotes)
        while (j < f.size() && (static_cast<unsigned char>(f[j]) & 0xC0) == 0x80) ++j;
      }
    }
    out.push_back(Token{k, f.substr(i, j - i), i, j});
    i = j;
  }
  return out;
}

}  // namespace gdprd::parsers
