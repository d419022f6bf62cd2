#include "parsers/decision/decision_parser.hpp"

#include <algorithm>
#include <cctype>

#include "parsers/mime/entity_text.hpp"
#include "parsers/mime/mime_reader.hpp"

namespace gdprd::parsers {
namespace {

// ASCII lower-case plus Å/Ä/Ö -> å/ä/ö. Keeps byte offsets (both forms are
// two bytes in UTF-8), so a match in the folded line indexes the original.
std::string fold(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d == 0x85 || d == 0x84 || d == 0x96) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// A decision token: 8..64 hex digits.
std::optional<std::string> read_token(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && std::isxdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n < 8 || n > 64) return std::nullopt;
  if (n < s.size() && std::isalnum(static_cast<unsigned char>(s[n]))) return std::nullopt;
  std::string t(s.substr(0, n));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// "PUI-YYYY-NNNN" (4+ digits) standing as a token at pos.
std::optional<std::string> reference_at(std::string_view s, size_t pos) {
  if (pos > 0 && is_word_char(s[pos - 1])) return std::nullopt;
  std::string_view rest = s.substr(pos);
  if (rest.size() < 13 || fold(rest.substr(0, 4)) != "pui-") return std::nullopt;
  size_t i = 4;
  for (size_t k = 0; k < 4; ++k, ++i)
    if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return std::nullopt;
  if (rest[i++] != '-') return std::nullopt;
  size_t digits = 0;
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])) && digits < 9) ++i, ++digits;
  if (digits < 4 || (i < rest.size() && is_word_char(rest[i]))) return std::nullopt;
  std::string ref(rest.substr(0, i));
  ref[0] = 'P', ref[1] = 'U', ref[2] = 'I';
  return ref;
}

void read_subject(std::string_view subject, ParsedDecisionMail& out) {
  subject = subject.substr(0, 4096);
  for (size_t pos = 0; pos < subject.size(); ++pos) {
    auto ref = reference_at(subject, pos);
    if (!ref) continue;
    if (!out.reference) out.reference = ref;
    // "[PUI-2026-0042 #token]": the token follows within the same brackets.
    size_t after = pos + ref->size();
    while (after < subject.size() && subject[after] == ' ') ++after;
    if (after < subject.size() && subject[after] == '#' && !out.token)
      out.token = read_token(subject.substr(after + 1));
    if (out.token) return;
  }
}

// Where a reply's own text ends: the quoted original starts below.
bool starts_quoted_original(std::string_view folded) {
  static constexpr std::string_view kMarkers[] = {
      "-----original message", "-----ursprungligt meddelande", "-----urspr", "________________",
      "from:", "från:", "skickat:", "sent:", "-------- forwarded", "-------- vidarebefordrat"};
  for (auto m : kMarkers)
    if (folded.substr(0, m.size()) == m) return true;
  // "On Mon, ... Anna wrote:" / "Den 3 maj 2026 skrev Anna:"
  if ((folded.substr(0, 3) == "on " || folded.substr(0, 4) == "den ") &&
      (folded.ends_with("wrote:") || folded.ends_with("skrev:") || folded.find(" skrev ") != std::string::npos))
    return true;
  return false;
}

// KEY then optional spaces then ':' (or, when colon_optional, whitespace).
// Returns the offset of the value, or npos.
size_t keyword(std::string_view folded, std::initializer_list<std::string_view> keys, bool colon_optional) {
  for (auto k : keys) {
    if (folded.substr(0, k.size()) != k) continue;
    size_t i = k.size();
    if (i < folded.size() && !std::isspace(static_cast<unsigned char>(folded[i])) && folded[i] != ':') continue;
    while (i < folded.size() && folded[i] == ' ') ++i;
    if (i < folded.size() && folded[i] == ':') return i + 1;
    if (colon_optional && i > k.size()) return i;
    if (colon_optional && i == folded.size()) return i;
  }
  return std::string_view::npos;
}

// Strips a leading prefix from the folded value; returns offset past it or npos.
size_t prefix(std::string_view folded, std::initializer_list<std::string_view> options) {
  for (auto p : options) {
    if (folded.substr(0, p.size()) != p) continue;
    if (p.size() < folded.size() && std::isalnum(static_cast<unsigned char>(folded[p.size()]))) continue;
    return p.size();
  }
  return std::string_view::npos;
}

// "DI-2026-1234": letters, '-', digits, '-', digits (IMY diarienummer shape).
std::optional<std::string> imy_reference(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ':' || s[i] == ',')) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',') ++i;
    std::string_view word = s.substr(start, i - start);
    while (!word.empty() && (word.back() == '.' || word.back() == ';' || word.back() == ')')) word.remove_suffix(1);
    size_t a = 0;
    while (a < word.size() && std::isalpha(static_cast<unsigned char>(word[a]))) ++a;
    if (a < 1 || a > 4 || a >= word.size() || word[a] != '-') continue;
    size_t b = a + 1;
    while (b < word.size() && std::isdigit(static_cast<unsigned char>(word[b]))) ++b;
    if (b == a + 1 || b >= word.size() || word[b] != '-') continue;
    size_t c = b + 1;
    while (c < word.size() && std::isdigit(static_cast<unsigned char>(word[c]))) ++c;
    if (c == b + 1 || c != word.size() || word.size() > 40) continue;
    std::string ref(word);
    for (size_t k = 0; k < a; ++k) ref[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(ref[k])));
    return ref;
  }
  return std::nullopt;
}

std::string clip(std::string_view line) {
  std::string s(trim(line).substr(0, 80));
  return s;
}

}  // namespace

ParsedDecisionMail parse_decision_mail(std::string_view subject, std::string_view body, const Limits& limits) {
  ParsedDecisionMail out;
  read_subject(subject, out);
  body = body.substr(0, std::min<size_t>(body.size(), limits.max_text_bytes));

  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= body.size();) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }

  // Index of the continuing motivation (lines after "EJ ANMÄLAN:" until a blank one).
  std::optional<std::string>* continuing = nullptr;
  for (std::string_view raw_line : lines) {
    std::string_view line = trim(raw_line);
    if (!line.empty() && line.front() == '>') {  // quoted: never ours
      continuing = nullptr;
      continue;
    }
    std::string folded = fold(line);
    if (starts_quoted_original(folded)) break;
    if (line.empty()) {
      continuing = nullptr;
      continue;
    }

    if (size_t v = keyword(folded, {"beslut", "decision"}, false); v != std::string_view::npos) {
      continuing = nullptr;
      std::string_view value = trim(line.substr(v));
      std::string fv = fold(value);
      ImyDecisionLine d;
      if (size_t p = prefix(fv, {"ej anmälan", "ej anmäld", "ej anmalan", "ej anmald", "inte anmäld",
                                 "inte anmald", "ingen anmälan", "not notified", "not_notified", "no notification"});
          p != std::string_view::npos) {
        std::string_view rest = trim(value.substr(p));
        while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == ',')) rest = trim(rest.substr(1));
        d.notified = false;
        d.motivation = std::string(rest);
      } else if (size_t q = prefix(fv, {"anmäld", "anmälan", "anmald", "anmalan", "notified"});
                 q != std::string_view::npos) {
        d.notified = true;
        d.imy_reference = imy_reference(value.substr(q));
        if (!d.imy_reference) {
          out.errors.push_back(clip(line) + ": IMY:s diarienummer saknas (t.ex. DI-2026-1234) / IMY reference missing");
          continue;
        }
      } else {
        out.errors.push_back(clip(line) + ": okänt beslut, skriv ANMÄLD eller EJ ANMÄLAN / unknown decision");
        continue;
      }
      if (out.imy && (out.imy->notified != d.notified || out.imy->imy_reference != d.imy_reference)) {
        out.errors.push_back(clip(line) + ": motstridiga beslut i samma brev / conflicting decisions");
        continue;
      }
      if (!out.imy) {
        out.imy = std::move(d);
        if (!out.imy->notified) continuing = &out.imy->motivation;
      }
      continue;
    }

    if (size_t v = keyword(folded, {"kategori", "category"}, true); v != std::string_view::npos) {
      continuing = nullptr;
      std::string_view fv = std::string_view(folded).substr(v);
      AssessmentLine a;
      size_t i = 0;
      auto skip = [&] { while (i < fv.size() && (fv[i] == ' ' || fv[i] == ',' || fv[i] == ':' || fv[i] == '\t')) ++i; };
      skip();
      if (i < fv.size() && fv[i] >= '1' && fv[i] <= '3' && (i + 1 == fv.size() || !std::isdigit(static_cast<unsigned char>(fv[i + 1])))) {
        a.category = fv[i] - '0';
        ++i;
      }
      skip();
      for (std::string_view word : {std::string_view("prioritet"), std::string_view("priority"), std::string_view("prio")}) {
        if (fv.substr(i, word.size()) == word) { i += word.size(); skip(); break; }
      }
      if (i < fv.size() && fv[i] == 'p') ++i;
      if (i < fv.size() && fv[i] >= '1' && fv[i] <= '3' && (i + 1 == fv.size() || !std::isalnum(static_cast<unsigned char>(fv[i + 1]))))
        a.priority = fv[i] - '0';
      if (a.category == 0 || a.priority == 0) {
        out.errors.push_back(clip(line) + ": skriv KATEGORI 1-3 och P1-P3, t.ex. KATEGORI 2 P2 / write CATEGORY 2 P2");
        continue;
      }
      if (out.assessment && (out.assessment->category != a.category || out.assessment->priority != a.priority)) {
        out.errors.push_back(clip(line) + ": motstridiga bedömningar / conflicting assessments");
        continue;
      }
      out.assessment = a;
      continue;
    }

    if (size_t v = keyword(folded, {"försening", "forsening", "delay"}, false); v != std::string_view::npos) {
      continuing = nullptr;
      std::string_view value = trim(line.substr(v));
      if (value.empty()) {
        out.errors.push_back(clip(line) + ": skäl för förseningen saknas / delay reason missing");
        continue;
      }
      if (!out.delay_reason) out.delay_reason = std::string(value);
      continuing = &out.delay_reason;
      continue;
    }

    if (size_t v = keyword(folded, {"token"}, false); v != std::string_view::npos) {
      continuing = nullptr;
      std::string_view value = trim(line.substr(v));
      if (!value.empty() && value.front() == '#') value.remove_prefix(1);
      if (auto t = read_token(value); t && is_hex(*t)) out.token = t;
      continue;
    }

    if (continuing && *continuing) {
      std::string& text = **continuing;
      if (text.size() + line.size() < 4000) {
        if (!text.empty()) text += ' ';
        text += line;
      }
    }
  }
  if (out.imy && !out.imy->notified && (!out.imy->motivation || out.imy->motivation->empty())) {
    out.imy.reset();
    out.errors.push_back("EJ ANMÄLAN: motivering saknas; ett beslut att inte anmäla ska motiveras / "
                         "NOT NOTIFIED needs a motivation");
  }
  return out;
}

std::string decision_mail_body(std::string_view raw, const Limits& limits) {
  try {
    MimeMessage mime = read_mime(raw, limits);
    const MimeEntity* html = nullptr;
    for (const MimeEntity& e : mime.entities) {
      if (e.message != 0 || e.is_multipart || e.is_message || e.is_attachment()) continue;
      if (e.content_type.value == "text/plain") return entity_text(e);
      if (e.content_type.value == "text/html" && !html) html = &e;
    }
    if (!html) return {};
    std::string text = entity_text(*html), out;
    bool in_tag = false;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '<') {
        in_tag = true;
        std::string_view rest = std::string_view(text).substr(i);
        std::string head = fold(rest.substr(0, 4));
        if (head.starts_with("<br") || head.starts_with("<p") || head.starts_with("<div") || head.starts_with("</p"))
          out += '\n';
      } else if (c == '>' && in_tag) {
        in_tag = false;
      } else if (!in_tag) {
        out += c;
      }
    }
    return out;
  } catch (...) {
    return {};
  }
}

}  // namespace gdprd::parsers
