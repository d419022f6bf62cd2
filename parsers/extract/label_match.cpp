#include "parsers/extract/label_match.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

bool is_key_char(char c) {
  if (c >= '0' && c <= '9') return true;
  if (c < 'a' || c > 'z') return false;
  // Vowels vanish or change under OCR damage; 'd' is one of ä's stand-ins.
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'd':
      return false;
    default:
      return true;
  }
}

// Whether a and b are at most `allowed` edits apart. Every question text is
// tried against every line that starts like it, so the answer must come
// cheap when it is no: a character-count bound first (each edit changes the
// counts by at most two), then the edit-distance rows, stopped as soon as a
// whole row is over the limit.
bool within_edits(std::string_view a, std::string_view b, size_t allowed) {
  std::array<int, 256> counts{};
  for (char c : a) ++counts[static_cast<unsigned char>(c)];
  for (char c : b) --counts[static_cast<unsigned char>(c)];
  size_t apart = 0;
  for (int n : counts) apart += static_cast<size_t>(n < 0 ? -n : n);
  if ((apart + 1) / 2 > allowed) return false;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > allowed) return false;  // rows never decrease below their minimum
  }
  return row[b.size()] <= allowed;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string label_key(std::string_view text, std::vector<size_t>* ends) {
  std::string key;
  if (!ends) {
    // Most callers only compare keys: no offset map, and the key is filtered in place.
    key = fold(text);
    size_t n = 0;
    for (char c : key)
      if (is_key_char(c)) key[n++] = c;
    key.resize(n);
    return key;
  }
  std::vector<size_t> offsets;
  std::string folded = fold_with_map(text, offsets);
  key.reserve(folded.size());
  ends->clear();
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (!is_key_char(c)) continue;
    key.push_back(c);
    ends->push_back(i + 1 < offsets.size() ? offsets[i + 1] : text.size());
  }
  return key;
}

bool keys_similar(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t n = std::max(a.size(), b.size());
  if (n < 5) return false;
  size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  size_t allowed = n / 8;
  if (diff > allowed) return false;
  return within_edits(a, b, allowed);
}

std::optional<size_t> match_key_prefix(std::string_view line, std::string_view have,
                                       const std::vector<size_t>& ends, std::string_view want) {
  if (want.empty() || have.empty()) return std::nullopt;
  if (have.size() + want.size() / 8 < want.size()) return std::nullopt;
  // Typos are tolerated after the first consonants only: this keeps the scan
  // of many labels over long texts cheap.
  size_t head = std::min<size_t>(3, want.size());
  if (have.substr(0, head) != want.substr(0, head)) return std::nullopt;
  size_t best_len = 0;
  if (have.substr(0, want.size()) == want) {
    best_len = want.size();
  } else {
    for (int delta : {0, -1, 1, -2, 2}) {
      long len = static_cast<long>(want.size()) + delta;
      if (len <= 0 || static_cast<size_t>(len) > have.size()) continue;
      if (delta != 0 && want.size() < 16) continue;
      if (keys_similar(have.substr(0, static_cast<size_t>(len)), want)) {
        best_len = static_cast<size_t>(len);
        break;
      }
    }
  }
  if (best_len == 0) return std::nullopt;
  size_t end = ends[best_len - 1];
  // Carry on over the rest of the last word (vowels after the last consonant).
  while (end < line.size() && !is_space(line[end]) && line[end] != ':' &&
         (std::isalpha(static_cast<unsigned char>(line[end])) || static_cast<unsigned char>(line[end]) >= 0x80))
    ++end;
  return end;
}

std::optional<size_t> match_label_prefix(std::string_view line, std::string_view label) {
  std::vector<size_t> ends;
  std::string have = label_key(line, &ends);
  return match_key_prefix(line, have, ends, label_key(label));
}

bool is_fragment_of(std::string_view line_key, std::string_view text_key) {
  return line_key.size() >= 6 && text_key.find(line_key) != std::string_view::npos;
}

bool is_help_line(std::string_view line, std::string_view help_key) {
  return is_help_line(line, label_key(line), help_key);
}

bool is_help_line(std::string_view line, std::string_view whole, std::string_view help_key) {
  if (whole.empty()) return false;
  if (is_fragment_of(whole, help_key)) return true;
  std::vector<std::string_view> sentences = split_sentences(line);
  if (sentences.size() < 2 && whole.size() < 30) return false;
  for (std::string_view sentence : sentences) {
    std::string key = label_key(sentence);
    if (key.empty()) continue;
    if (is_fragment_of(key, help_key)) continue;
    if (key.size() >= 30 && help_key.find(key.substr(0, 20)) != std::string_view::npos) continue;
    return false;
  }
  return true;
}

std::string_view strip_question_number(std::string_view line, std::optional<int>* number) {
  if (number) *number = std::nullopt;
  std::string_view s = trim(line);
  size_t i = 0;
  // "Fråga 7:" / "Fraga 7."
  std::string f = fold(s.substr(0, std::min<size_t>(s.size(), 8)));
  if (f.rfind("fraga ", 0) == 0) {
    size_t sp = s.find(' ');
    if (sp != std::string_view::npos) i = sp + 1;
  }
  size_t start = i;
  // Optional section letter: "A1", "B 3"
  if (i < s.size() && std::isupper(static_cast<unsigned char>(s[i])) && i + 1 < s.size() &&
      (std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
       (s[i + 1] == ' ' && i + 2 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 2]))))) {
    i += s[i + 1] == ' ' ? 2 : 1;
  }
  size_t digits_begin = i;
  while (i < s.size() && i - digits_begin < 3 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == digits_begin) return start == 0 ? s : trim(s.substr(start));
  if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) return s;  // a long number: not a label
  int n = 0;
  for (size_t k = digits_begin; k < i; ++k) n = n * 10 + (s[k] - '0');
  // The number must be followed by '.', ')', ':' or a space, and then text.
  if (i < s.size() && (s[i] == '.' || s[i] == ')' || s[i] == ':')) {
    ++i;
  } else if (!(i < s.size() && s[i] == ' ')) {
    return s;
  }
  // "1. 000" or "10 001–100 000" are numbers, not question numbers.
  std::string_view rest = trim(s.substr(i));
  if (rest.empty() || std::isdigit(static_cast<unsigned char>(rest[0]))) return s;
  if (number) *number = n;
  return rest;
}

std::string_view strip_quote(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '>') {
      ++i;
      if (i < line.size() && line[i] == ' ') ++i;
    } else if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == '>') {
      ++i;
    } else {
      break;
    }
  }
  return line.substr(i);
}

bool is_placeholder(std::string_view text) {
  std::string f = fold(trim(text));
  static constexpr std::string_view kPlaceholders[] = {
      "klicka har for att ange text", "klicka eller tryck har for att ange text",
      "click or tap here to enter text", "click here to enter text",
      "klicka har for att ange datum", "klicka eller tryck for att ange ett datum",
      "click or tap to enter a date", "click here to enter a date",
      "valj ett objekt", "choose an item"};
  for (std::string_view p : kPlaceholders) {
    if (f.rfind(p, 0) == 0) {
      // Only punctuation may follow.
      std::string_view rest = std::string_view(f).substr(p.size());
      bool only_punct = std::all_of(rest.begin(), rest.end(), [](char c) {
        return c == '.' || c == ' ' || c == '"' || c == '\'' || c == ')' || c == ']';
      });
      if (only_punct) return true;
    }
  }
  return false;
}

std::string_view trim_answer_lead(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == ':' || c == '*' || c == '?' || c == '.' || c == '-' || c == ';') {
      ++i;
    } else if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94") {  // – —
      i += 3;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else {
      break;
    }
  }
  return trim(text.substr(i));
}

}  // namespace gdprd::parsers
