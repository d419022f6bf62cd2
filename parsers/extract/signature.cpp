#include "parsers/extract/signature.hpp"

#include <array>
#include <cctype>
#include <vector>

#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_closing(std::string_view line) {
  std::string f = fold(trim(line));
  while (!f.empty() && (f.back() == ',' || f.back() == '!' || f.back() == '.' || f.back() == '/')) f.pop_back();
  if (f.size() > 40) return false;
  static const std::array<std::string_view, 24> k = {
      "halsningar", "med vanlig halsning", "med vanliga halsningar", "vanliga halsningar", "vanlig halsning",
      "basta halsningar", "mvh", "hälsningar", "halsning", "vh", "best regards", "kind regards", "regards",
      "sincerely", "yours sincerely", "best", "cheers", "thanks", "thank you", "tack", "tack pa forhand",
      "halsar", "allt gott", "warm regards"};
  for (auto c : k)
    if (f == c) return true;
  return starts_with(f, "med vanlig") || starts_with(f, "vanliga halsningar") || starts_with(f, "best regards");
}

bool is_device_line(std::string_view line) {
  std::string f = fold(trim(line));
  return starts_with(f, "skickat fran min") || starts_with(f, "sent from my") || starts_with(f, "hamta outlook") ||
         starts_with(f, "get outlook") || starts_with(f, "skickat fran outlook") || f == "--" || f == "-- ";
}

// An uppercase letter at the start of a word (ASCII, or Å Ä Ö É Ü ...).
bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && w.size() > 1) {
    unsigned char d = static_cast<unsigned char>(w[1]);
    return d >= 0x80 && d <= 0x9E;
  }
  return false;
}

// "Lars Öberg", "Anna-Karin de Wit": 2-4 words, letters only, names capitalised.
bool is_name_line(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty() || t.size() > 60) return false;
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < t.size()) {
    size_t j = t.find(' ', i);
    if (j == std::string_view::npos) j = t.size();
    if (j > i) words.push_back(t.substr(i, j - i));
    i = j + 1;
  }
  if (words.size() < 2 || words.size() > 4) return false;
  int capitalised = 0;
  for (auto w : words) {
    for (unsigned char c : w)
      if (!(std::isalpha(c) || c >= 0x80 || c == '-' || c == '\'')) return false;
    if (starts_upper(w)) ++capitalised;
  }
  if (capitalised < 2 || !starts_upper(words.front()) || !starts_upper(words.back())) return false;
  std::string f = fold(t);
  // Organisation lines look like names too.
  static const std::array<std::string_view, 8> kNotNames = {"kommun", "region", "stad", "forvaltning",
                                                            "skola", "school", "enhet", "ab"};
  for (auto n : kNotNames)
    if (contains_prefix_word(f, n) || f.find(n) != std::string::npos) return false;
  return true;
}

bool is_phone_line(std::string_view line, std::string& phone) {
  std::string_view t = trim(line);
  std::string f = fold(t);
  if (f.find("vaxel") != std::string::npos || contains_word(f, "vx") || f.find("switchboard") != std::string::npos ||
      f.find("fax") != std::string::npos)
    return false;
  // Optional label: "Tel:", "Telefon", "Mobil:", "Direkt:", "Phone:", "Tfn"
  size_t colon = t.find(':');
  std::string_view value = t;
  if (colon != std::string_view::npos && colon < 15) value = trim(t.substr(colon + 1));
  else {
    static const std::array<std::string_view, 7> kLabels = {"tel ", "telefon ", "mobil ", "mobile ", "phone ",
                                                            "tfn ", "direkt "};
    for (auto l : kLabels)
      if (starts_with(f, l)) value = trim(t.substr(l.size()));
  }
  if (value.empty()) return false;
  int digits = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == ' ' || c == '-' || c == '+' || c == '(' || c == ')' || c == '/' || c == '.')) return false;
  }
  if (digits < 7 || digits > 15) return false;
  if (!(value[0] == '0' || value[0] == '+' || value[0] == '(')) return false;
  phone = std::string(value);
  return true;
}

bool is_org_line(std::string_view folded) {
  static const std::array<std::string_view, 10> k = {"kommun", "region", "regionen", "landsting", "stad",
                                                     "ab", "kommunalforbund", "council", "municipality", "county"};
  for (auto o : k)
    if (contains_word(folded, o)) return true;
  return false;
}

bool names_school_or_clinic(std::string_view folded) {
  static const std::array<std::string_view, 10> k = {"skola", "skolan", "school", "forskola", "vardcentral",
                                                     "klinik", "clinic", "gymnasi", "mottagning", "sjukhus"};
  for (auto s : k)
    if (folded.find(s) != std::string::npos) return true;
  return false;
}

bool title_word(std::string_view folded_word) {
  static const std::array<std::string_view, 16> k = {"chef", "ansvarig", "handlaggare", "samordnare", "sekreterare",
                                                     "ombud", "administrator", "strateg", "controller", "rektor",
                                                     "ledare", "specialist", "direktor", "konsult", "officer",
                                                     "skoterska"};
  for (auto t : k)
    if (folded_word.size() >= t.size() && folded_word.substr(folded_word.size() - t.size()) == t) return true;
  return false;
}

}  // namespace

Signature read_signature(std::string_view text) {
  Signature sig;
  std::vector<std::string_view> lines = split_lines(text);
  // Drop device lines and trailing blanks at the end.
  size_t end = lines.size();
  while (end > 0 && (trim(lines[end - 1]).empty() || is_device_line(lines[end - 1]))) --end;
  if (end == 0) return sig;

  size_t start = std::string_view::npos;
  // 1. A closing greeting in the last 14 lines.
  for (size_t i = end; i-- > 0 && end - i <= 14;) {
    if (is_closing(lines[i])) {
      start = i;
      break;
    }
  }
  size_t name_line = std::string_view::npos;
  if (start != std::string_view::npos) {
    for (size_t i = start + 1; i < end; ++i) {
      if (trim(lines[i]).empty()) continue;
      if (is_name_line(lines[i])) name_line = i;
      break;
    }
  } else {
    // 2. The last block of short lines, starting with a name.
    size_t b = end;
    while (b > 0 && !trim(lines[b - 1]).empty() && trim(lines[b - 1]).size() < 80) --b;
    if (b < end && is_name_line(lines[b])) {
      start = b;
      name_line = b;
    }
  }
  if (start == std::string_view::npos) return sig;
  sig.begin = static_cast<size_t>(lines[start].data() - text.data());

  size_t first_info = start + 1;
  if (name_line != std::string_view::npos) {
    sig.name = std::string(trim(lines[name_line]));
    first_info = name_line + 1;
  }
  std::vector<std::string_view> unit_lines;
  bool title_seen = false;
  for (size_t i = first_info; i < end; ++i) {
    std::string_view l = trim(lines[i]);
    if (l.empty()) continue;
    std::string f = fold(l);
    std::string phone;
    if (l.find('@') != std::string_view::npos) {
      size_t colon = l.find(':');
      std::string_view v = colon != std::string_view::npos && colon < 12 ? trim(l.substr(colon + 1)) : l;
      if (v.find(' ') == std::string_view::npos && !sig.email) sig.email = std::string(v);
      continue;
    }
    if (is_phone_line(l, phone)) {
      if (!sig.phone) sig.phone = phone;
      continue;
    }
    if (f.find("vaxel") != std::string::npos || starts_with(f, "www.") || starts_with(f, "http")) continue;
    if (is_org_line(f) && !names_school_or_clinic(f)) {
      if (!sig.organisation) sig.organisation = std::string(l);
      continue;
    }
    if (!title_seen && sig.name) {
      title_seen = true;
      // "Title, Unit" or "Enhetschef Ekonomiskt bistånd".
      size_t comma = l.find(',');
      if (comma != std::string_view::npos) {
        sig.title = std::string(trim(l.substr(0, comma)));
        std::string_view unit = trim(l.substr(comma + 1));
        if (!unit.empty()) unit_lines.push_back(unit);
      } else {
        size_t sp = l.find(' ');
        std::string first = fold(l.substr(0, sp == std::string_view::npos ? l.size() : sp));
        if (sp != std::string_view::npos && title_word(first) && starts_upper(trim(l.substr(sp + 1)))) {
          sig.title = std::string(l.substr(0, sp));
          unit_lines.push_back(trim(l.substr(sp + 1)));
        } else {
          sig.title = std::string(l);
        }
      }
      continue;
    }
    // Street addresses and postal codes are not units.
    bool has_digit = false;
    for (char c : l)
      if (c >= '0' && c <= '9') has_digit = true;
    if (!has_digit) unit_lines.push_back(l);
  }
  // A named school, preschool or clinic is the unit; else the line nearest the title.
  for (auto u : unit_lines)
    if (names_school_or_clinic(fold(u))) sig.unit = std::string(u);
  if (!sig.unit && !unit_lines.empty()) sig.unit = std::string(unit_lines.front());
  if (sig.name) {
    std::string ft = sig.title ? fold(*sig.title) : std::string();
    if (ft.find("dataskyddsombud") != std::string::npos || ft.find("data protection officer") != std::string::npos ||
        contains_word(ft, "dpo"))
      sig.role = "dpo";
    else if (sig.title)
      sig.role = "other";
  }
  return sig;
}

}  // namespace gdprd::parsers
