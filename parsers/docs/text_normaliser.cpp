#include "parsers/docs/text_normaliser.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace gdprd::parsers {
namespace {

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when the
// bytes there are not valid UTF-8 (overlong, surrogate, truncated).
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { cp = b0; return 1; }
  size_t len = 0;
  uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
}

bool is_invisible_cp(uint32_t cp) {
  return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

// Pass 1: valid UTF-8, every space-like code point as ' ', tabs kept,
// invisible and control characters dropped.
std::string clean_utf8(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    // Printable ASCII, most of any line, is kept as it is.
    const auto b = static_cast<unsigned char>(raw[i]);
    if (b >= 0x20 && b < 0x7F) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t len = decode_utf8(raw, i, cp);
    if (len == 0) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    if (cp == '\t') out += '\t';
    else if (is_space_cp(cp)) out += ' ';
    else if (is_invisible_cp(cp) || cp < 0x20 || cp == 0x7F) {
    } else out.append(raw.substr(i, len));
    i += len;
  }
  return out;
}

struct TickToken {
  std::string_view text;
  bool ticked;
};

// Typed and glyph tick boxes, longest first. ✗/✘ are left alone: on a form
// they as often mean "no" as "ticked".
constexpr std::array<TickToken, 14> kTickTokens = {{
    {"[X]", true}, {"[x]", true}, {"(X)", true}, {"(x)", true}, {"[\u2713]", true}, {"[\u2714]", true},
    {"[ ]", false}, {"( )", false}, {"\u2612", true}, {"\u2611", true}, {"\u2713", true}, {"\u2714", true},
    {"\u2610", false}, {"\u274F", false},
}};

bool match_tick(std::string_view s, size_t i, size_t& len, bool& ticked) {
  for (const auto& t : kTickTokens) {
    if (s.substr(i, t.text.size()) != t.text) continue;
    const size_t end = i + t.text.size();
    // A bracket form must stand alone ("[x] Ja"); a glyph may touch its label.
    const bool bracket = t.text.front() == '[' || t.text.front() == '(';
    if (bracket && end < s.size() && s[end] != ' ' && s[end] != '\t') continue;
    len = t.text.size();
    ticked = t.ticked;
    return true;
  }
  return false;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// Pass 2: whitespace runs and tick glyphs.
std::string tidy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false, pending_tab = false, after_tick = false;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      pending_space = true;
      pending_tab = pending_tab || c == '\t';
      ++i;
      continue;
    }
    const bool word_start = out.empty() || pending_space || after_tick;
    size_t len = 0;
    bool ticked = false;
    if (word_start && match_tick(s, i, len, ticked)) {
      if (!out.empty() && !after_tick) out += pending_tab ? '\t' : ' ';
      else if (after_tick) out.pop_back();  // "☒ ☐" keeps the last box only
      if (after_tick) out.resize(out.size() - kTicked.size());
      out += ticked ? kTicked : kUnticked;
      out += ' ';
      after_tick = true;
      pending_space = pending_tab = false;
      i += len;
      continue;
    }
    if (pending_space && !out.empty() && !after_tick) out += pending_tab ? '\t' : ' ';
    pending_space = pending_tab = false;
    after_tick = false;
    out += c;
    ++i;
  }
  return trim(out);
}

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Word's and LibreOffice's default placeholders in Swedish and English.
constexpr std::array<std::string_view, 16> kPlaceholders = {
    "klicka här för att ange text", "klicka eller tryck här för att ange text",
    "klicka här för att ange datum", "klicka eller tryck för att ange ett datum",
    "klicka här för att ange ett datum", "välj ett objekt", "välj ett alternativ",
    "click here to enter text", "click or tap here to enter text", "click here to enter a date",
    "click or tap to enter a date", "choose an item", "ange text", "skriv text här",
    "type here", "enter text here",
};

std::string strip_end_dots(std::string_view s) {
  std::string t(s);
  while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
  return t;
}

// "Organisationens namn: Klicka här för att ange text." -> "Organisationens namn:"
// (a printed form shows the placeholder right after its label).
std::string strip_trailing_placeholder(std::string_view cell) {
  const std::string t = strip_end_dots(cell);
  const std::string folded = fold_ascii(t);
  for (auto p : kPlaceholders) {
    if (p.size() < 12 || folded.size() <= p.size()) continue;  // only the long, unmistakable ones
    if (folded.compare(folded.size() - p.size(), p.size(), p) != 0) continue;
    const char before = folded[folded.size() - p.size() - 1];
    if (before != ' ' && before != ':') continue;
    return trim(std::string_view(t).substr(0, t.size() - p.size()));
  }
  return std::string(cell);
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (fold_ascii(a.substr(i, 1)) != fold_ascii(b.substr(i, 1))) return false;
  return true;
}

}  // namespace

std::optional<bool> symbol_font_tick(std::string_view font, unsigned code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  if (code > 0xFF) return std::nullopt;
  if (ascii_iequals(font, "Wingdings")) {
    switch (code) {
      case 0x78: case 0xFC: case 0xFD: case 0xFE: return true;    // ⌧ ✓ ☒ ☑
      case 0x6F: case 0x71: case 0x72: case 0xA8: return false;  // □ ❑ ❒ ◻
      default: return std::nullopt;
    }
  }
  if (ascii_iequals(font, "Wingdings 2")) {
    switch (code) {
      case 0x51: case 0x52: case 0x53: case 0x54: return true;  // ☒ ☑ ☒ ☒
      case 0x2A: case 0xA3: return false;                      // ☐ ☐
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

bool is_placeholder_text(std::string_view text) {
  const std::string t = fold_ascii(strip_end_dots(trim(text)));
  for (auto p : kPlaceholders)
    if (t == p) return true;
  return false;
}

std::string normalise_line(std::string_view raw) {
  const std::string line = tidy(clean_utf8(raw));
  // Placeholders are judged per cell; an emptied cell keeps its place.
  std::string out;
  size_t start = 0;
  while (start <= line.size()) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) tab = line.size();
    const std::string_view cell(line.data() + start, tab - start);
    if (start > 0) out += '\t';
    if (!is_placeholder_text(cell)) out += strip_trailing_placeholder(cell);
    start = tab + 1;
  }
  return trim(out);
}

void TextNormaliser::append(std::string_view raw) {
  if (truncated_) return;
  // Bound the raw paragraph too: one huge paragraph must not grow unbounded.
  if (current_.size() + raw.size() > max_bytes_ + 4096) {
    current_.append(raw.substr(0, max_bytes_ + 4096 - std::min(current_.size(), max_bytes_ + 4096)));
    truncated_ = true;
    return;
  }
  current_.append(raw);
}

void TextNormaliser::tick(bool ticked) {
  append(" ");
  append(ticked ? kTicked : kUnticked);
  append(" ");
}

void TextNormaliser::end_paragraph() {
  std::string_view all(current_);
  size_t start = 0;
  while (start <= all.size()) {
    size_t nl = all.find('\n', start);
    if (nl == std::string_view::npos) nl = all.size();
    push_line(all.substr(start, nl - start));
    start = nl + 1;
  }
  current_.clear();
}

void TextNormaliser::push_cells(const std::vector<std::string>& cells) {
  if (!current_.empty()) end_paragraph();
  std::vector<std::string> norm;
  for (const auto& c : cells) {
    std::string n = normalise_line(c);
    for (char& ch : n)
      if (ch == '\t') ch = ' ';
    norm.push_back(std::move(n));
  }
  while (!norm.empty() && norm.back().empty()) norm.pop_back();
  if (norm.empty()) {
    push_line("");
    return;
  }
  std::string line;
  for (size_t i = 0; i < norm.size(); ++i) {
    if (i > 0) line += '\t';
    line += norm[i];
  }
  if (out_.size() + line.size() + 1 > max_bytes_) {
    truncated_ = true;
    return;
  }
  empty_run_ = 0;
  out_ += line;
  out_ += '\n';
}

void TextNormaliser::push_line(std::string_view raw) {
  if (truncated_ && raw.empty()) return;
  std::string line = normalise_line(raw);
  if (line.empty()) {
    if (out_.empty() || empty_run_ > 0) return;  // no leading or doubled empty lines
    ++empty_run_;
    out_ += '\n';
    return;
  }
  if (out_.size() + line.size() + 1 > max_bytes_) {
    truncated_ = true;
    return;
  }
  empty_run_ = 0;
  out_ += line;
  out_ += '\n';
}

std::string TextNormaliser::take() {
  if (!current_.empty()) end_paragraph();
  while (!out_.empty() && out_.back() == '\n') out_.pop_back();
  std::string r = std::move(out_);
  out_.clear();
  empty_run_ = 0;
  return r;
}

}  // namespace gdprd::parsers
