#include "parsers/extract/free_text_parser.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/extract/reply_chain.hpp"
#include "parsers/extract/signature.hpp"
#include "parsers/grammar/count_reader.hpp"
#include "parsers/grammar/match_text.hpp"
#include "parsers/grammar/personnummer.hpp"
#include "parsers/grammar/time_reader.hpp"
#include "parsers/grammar/vocabulary.hpp"
#include "parsers/text/mojibake.hpp"

namespace gdprd::parsers {
namespace {

// ---------------------------------------------------------------- word tables
// Each table is one rule of the spec, in Swedish and English, folded.

// Sentences that talk about the mail itself, not the incident.
constexpr std::array<std::string_view, 14> kMetaWords = {
    "bifogar", "bifogad", "bifogat", "attached", "attaching", "se nedan", "see below", "vidarebefordrar",
    "vidarebefordra", "forwarding", "for kannedom", "fyi", "skriver det viktigaste", "enligt punkterna"};
constexpr std::array<std::string_view, 8> kReportVerbs = {"rapportera", "anmala", "report", "rapport",
                                                          "anmalan", "har kommer", "i would like", "jag vill"};

// Rule 11: the reporter's own view.
constexpr std::array<std::string_view, 12> kOpinion = {"bedomer", "bedomning", "anser", "tycker", "think",
                                                       "believe", "assess", "consider", "in my view",
                                                       "in our view", "var uppfattning", "min uppfattning"};

constexpr std::array<std::string_view, 10> kInformedFacts = {
    "har informerats", "har fatt information", "har informerat", "har underrattats", "har fatt besked",
    "have been informed", "has been informed", "have informed", "has informed", "were informed"};
constexpr std::array<std::string_view, 7> kNotSubjects = {"imy", "chef", "polis", "dataskyddsombud", "manager",
                                                          "dpo", "integritetsskyddsmyndigheten"};
constexpr std::array<std::string_view, 8> kPlanLead = {"kommer att", "ska ", "will ", "planerar att",
                                                       "going to", "kommer vi att", "tanker", "avser att"};
constexpr std::array<std::string_view, 8> kInformVerbs = {"informera", "kontakta", "underratta", "meddela",
                                                          "inform", "contact", "notify", "tell"};

// Remedial steps: passive "done" forms and participles after har/have.
constexpr std::array<std::string_view, 22> kDoneForms = {
    "sparrades", "byttes", "togs bort", "avslutades", "stangdes", "rattades", "ar rattade", "ar rattad",
    "ar atgardat", "aterkallades", "aterstalldes", "blockerades", "was removed", "were removed", "was blocked",
    "was reset", "were reset", "was changed", "has been removed", "have been removed", "was recalled",
    "har stangts"};
constexpr std::array<std::string_view, 28> kActionParticiples = {
    "bett", "raderat", "ringt", "kontaktat", "skickat", "stangt", "sparrat", "bytt", "tagit", "aterkallat",
    "anmalt", "polisanmalt", "tomt", "begart", "atgardat", "lagt", "sett over", "asked", "deleted", "removed",
    "blocked", "contacted", "called", "reset", "recalled", "changed", "sent", "reported"};
constexpr std::array<std::string_view, 4> kActionPast = {"bad ", "asked ", "jag ringde", "vi ringde"};
constexpr std::array<std::string_view, 6> kActionHeadings = {"atgard", "vidtagna", "actions", "measures",
                                                             "what we have done", "vad vi har gjort"};

// Rule 8 roles of a time.
constexpr std::array<std::string_view, 30> kDiscoveryVerbs = {
    "upptack", "markte", "marktes", "noterade", "uppmarksamma", "papekade", "horde av sig", "ringde",
    "kontaktade mig", "kontaktade oss", "sag att", "noticed", "discovered", "contacted me", "contacted us",
    "told me", "told us", "pointed out", "realised", "realized", "berattade", "larmade", "fick veta",
    "fick reda pa", "fick kannedom", "blev varse", "found out", "became aware", "was discovered", "flaggade"};
constexpr std::array<std::string_view, 40> kOccurVerbs = {
    "skickade", "skickades", "skickats", "skickat", "hande", "intraffade", "skedde", "publicerades",
    "publicerade", "andrade", "andrades", "forlorade", "forlorat", "tappade", "tappat", "loggade", "lades ut",
    "glomde", "lamnade", "forsvann", "lacktes", "lackte", "delades", "raderades", "forstordes", "stals",
    "stulen", "sent", "happened", "occurred", "published", "lost", "posted", "e-mailed", "emailed", "was stolen",
    "forgot", "left", "leaked", "shared"};
constexpr std::array<std::string_view, 8> kEndVerbs = {"upphorde", "upphort", "tog slut", "ended", "stopped",
                                                       "ceased", "ar atgardat", "atgardades"};
constexpr std::array<std::string_view, 4> kMailVerbs = {"mejlade", "mailade", "e-postade", "e-mailed"};

constexpr std::array<std::string_view, 10> kDescriptionLabels = {
    "incidentens art", "beskrivning", "beskriv", "vad har hant", "vad hande", "handelseforlopp", "description",
    "what happened", "kort beskrivning", "sammanfattning"};
constexpr std::array<std::string_view, 6> kContactLabels = {"anmalare", "kontaktuppgift", "kontaktperson",
                                                            "reporter", "contact", "uppgiftslamnare"};

template <size_t N>
bool has_any(std::string_view folded, const std::array<std::string_view, N>& words) {
  for (auto w : words)
    if (find_prefix_word(folded, w) != std::string_view::npos) return true;
  return false;
}

template <size_t N>
size_t first_pos(std::string_view folded, const std::array<std::string_view, N>& words) {
  size_t best = std::string_view::npos;
  for (auto w : words) {
    size_t p = find_prefix_word(folded, w);
    if (p < best) best = p;
  }
  return best;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---------------------------------------------------------------- units

enum class UnitKind { prose, label, list_item };

struct Unit {
  std::string_view text;   // whole unit (for list items: the item without its marker)
  std::string_view value;  // label: text after the colon; otherwise = text
  std::string label;       // folded label
  UnitKind kind = UnitKind::prose;
  size_t paragraph = 0;
  bool first_in_paragraph = false;
  bool under_action_heading = false;
};

bool is_greeting(std::string_view line) {
  std::string f = fold(trim(line));
  if (f.size() > 40) return false;
  static const std::array<std::string_view, 11> k = {"hej", "hejsan", "hallo", "hello", "hi", "dear", "god morgon",
                                                     "goddag", "tjena", "good morning", "till"};
  for (auto g : k)
    if (f == g || starts_with(f, std::string(g) + " ") || starts_with(f, std::string(g) + ",") ||
        starts_with(f, std::string(g) + "!"))
      return true;
  return false;
}

bool is_list_marker(std::string_view line, size_t& marker_len) {
  std::string_view t = line;
  size_t lead = 0;
  while (lead < t.size() && (t[lead] == ' ' || t[lead] == '\t')) ++lead;
  t.remove_prefix(lead);
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ') {
    marker_len = lead + 2;
    return true;
  }
  if (starts_with(t, "\xE2\x80\xA2")) {  // •
    marker_len = lead + 3;
    while (marker_len < line.size() && line[marker_len] == ' ') ++marker_len;
    return true;
  }
  if (t.size() >= 3 && t[0] >= '1' && t[0] <= '9' && (t[1] == '.' || t[1] == ')') && t[2] == ' ') {
    marker_len = lead + 3;
    return true;
  }
  return false;
}

// "Label: value" with a short, digit-free label.
bool split_label(std::string_view line, std::string& label, std::string_view& value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 70) return false;
  if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t') return false;
  std::string_view head = trim(line.substr(0, colon));
  int words = 1;
  for (char c : head) {
    if (c >= '0' && c <= '9') return false;
    if (c == ' ') ++words;
    if (c == '.' || c == ',' || c == '!' || c == '?') return false;
  }
  if (words > 7) return false;
  label = fold(head);
  value = trim(line.substr(colon + 1));
  return true;
}

std::vector<Unit> build_units(std::string_view body) {
  std::vector<Unit> units;
  std::vector<std::string_view> lines = split_lines(body);
  size_t para = 0;
  bool para_started = false;
  bool action_heading = false;
  const char* run_begin = nullptr;
  const char* run_end = nullptr;
  auto flush = [&]() {
    if (!run_begin) return;
    std::string_view run(run_begin, static_cast<size_t>(run_end - run_begin));
    for (auto s : split_sentences(run)) {
      Unit u;
      u.text = s;
      u.value = s;
      u.paragraph = para;
      u.first_in_paragraph = !para_started;
      para_started = true;
      units.push_back(u);
    }
    run_begin = run_end = nullptr;
  };
  for (auto line : lines) {
    if (trim(line).empty()) {
      flush();
      if (para_started) ++para;
      para_started = false;
      action_heading = false;
      continue;
    }
    size_t marker = 0;
    std::string label;
    std::string_view value;
    if (is_list_marker(line, marker)) {
      flush();
      Unit u;
      u.text = trim(line.substr(marker));
      u.value = u.text;
      u.kind = UnitKind::list_item;
      u.paragraph = para;
      u.first_in_paragraph = !para_started;
      u.under_action_heading = action_heading;
      para_started = true;
      units.push_back(u);
      continue;
    }
    if (split_label(trim(line), label, value)) {
      flush();
      Unit u;
      u.text = trim(line);
      u.value = value;
      u.label = label;
      u.kind = UnitKind::label;
      u.paragraph = para;
      u.first_in_paragraph = !para_started;
      para_started = true;
      action_heading = value.empty() && has_any(label, kActionHeadings);
      units.push_back(u);
      continue;
    }
    if (!run_begin) run_begin = line.data();
    run_end = line.data() + line.size();
  }
  flush();
  return units;
}

// ---------------------------------------------------------------- sentence roles

bool is_meta(std::string_view f) {
  if (has_any(f, kMetaWords)) return true;
  return has_any(f, kReportVerbs) && (contains_prefix_word(f, "vill") || contains_prefix_word(f, "would like") ||
                                      contains_prefix_word(f, "har kommer") || contains_prefix_word(f, "harmed") ||
                                      contains_prefix_word(f, "here is") || contains_prefix_word(f, "writing"));
}

bool is_assessment(std::string_view f) {
  bool about = contains_prefix_word(f, "anmal") || contains_prefix_word(f, "reported") ||
               contains_prefix_word(f, "imy") || contains_prefix_word(f, "informeras") ||
               contains_prefix_word(f, "be informed") || contains_prefix_word(f, "notif");
  if (!about) return false;
  if (has_any(f, kOpinion)) return true;
  // "Incidenten ska/bör anmälas", "should be reported"
  return contains_prefix_word(f, "ska anmalas") || contains_prefix_word(f, "bor anmalas") ||
         contains_prefix_word(f, "behover anmalas") || contains_prefix_word(f, "should be reported") ||
         contains_prefix_word(f, "needs to be reported") || contains_prefix_word(f, "behover informeras") ||
         contains_prefix_word(f, "bor informeras") || contains_prefix_word(f, "should be informed");
}

// "De 14 medarbetarna har fått information" is about the data subjects; "jag
// har informerat min chef / IMY" is not.
bool is_informed_fact(std::string_view f) {
  size_t pos = first_pos(f, kInformedFacts);
  if (pos == std::string_view::npos) return false;
  std::string_view before = f.substr(0, pos);
  if (!read_subject_groups(before).empty() || find_subject_count(before) || contains_prefix_word(before, "berorda") ||
      contains_prefix_word(before, "registrerade") || contains_prefix_word(before, "vardnadshavar") ||
      contains_prefix_word(before, "foraldrar") || contains_prefix_word(before, "affected"))
    return true;
  return !has_any(f.substr(pos), kNotSubjects);
}

bool is_inform_plan(std::string_view f) {
  for (auto lead : kPlanLead) {
    size_t p = f.find(lead);
    if (p == std::string_view::npos) continue;
    std::string_view rest = f.substr(p, 60);
    for (auto v : kInformVerbs)
      if (rest.find(v) != std::string_view::npos) return !has_any(f, kNotSubjects);
  }
  return false;
}

bool is_action(std::string_view f) {
  if (has_any(f, kDoneForms)) return true;
  for (auto p : kActionPast)
    if (f.find(p) != std::string_view::npos && (starts_with(p, "jag") || starts_with(p, "vi") ||
                                                contains_word(f, "jag") || contains_word(f, "i") ||
                                                contains_word(f, "vi") || contains_word(f, "we")))
      return true;
  // "har (idag) raderat", "have asked"
  std::vector<Token> t = tokenize(f);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Token::word || !(t[i].s == "har" || t[i].s == "have" || t[i].s == "has")) continue;
    for (size_t k = i + 1; k < t.size() && k <= i + 3; ++k) {
      if (t[k].kind != Token::word) continue;
      for (auto p : kActionParticiples)
        if (t[k].s == p || (p.find(' ') != std::string_view::npos && starts_with(f.substr(t[k].b), p))) return true;
    }
  }
  return false;
}

bool is_count_statement(std::string_view text) {
  std::string f = fold(text);
  return text.size() < 90 && find_subject_count(text).has_value() &&
         (contains_prefix_word(f, "beror") || contains_prefix_word(f, "affected") ||
          contains_prefix_word(f, "paverka") || contains_prefix_word(f, "drabba") ||
          contains_prefix_word(f, "galler") || contains_prefix_word(f, "totalt"));
}

// Discovery when someone tells the reporter ("mejlade mig"), else occurrence.
enum class TimeRole { none, occurred, discovered, ended };

TimeRole role_near(std::string_view f, size_t pos) {
  struct Hit {
    size_t pos;
    TimeRole role;
  };
  std::vector<Hit> hits;
  auto scan = [&](auto& words, TimeRole role) {
    for (auto w : words) {
      size_t p = find_prefix_word(f, w);
      while (p != std::string_view::npos) {
        hits.push_back({p, role});
        p = find_prefix_word(f, w, p + 1);
      }
    }
  };
  scan(kDiscoveryVerbs, TimeRole::discovered);
  scan(kOccurVerbs, TimeRole::occurred);
  scan(kEndVerbs, TimeRole::ended);
  for (auto w : kMailVerbs) {
    size_t p = find_prefix_word(f, w);
    while (p != std::string_view::npos) {
      std::string_view after = f.substr(p + w.size(), 5);
      bool to_me = starts_with(after, " mig") || starts_with(after, " oss") || starts_with(after, " me") ||
                   starts_with(after, " us");
      hits.push_back({p, to_me ? TimeRole::discovered : TimeRole::occurred});
      p = find_prefix_word(f, w, p + 1);
    }
  }
  if (hits.empty()) return TimeRole::none;
  const Hit* best = &hits.front();
  auto dist = [&](size_t p) { return p > pos ? p - pos : pos - p; };
  for (const auto& h : hits)
    if (dist(h.pos) < dist(best->pos)) best = &h;
  return best->role;
}

TimeRole role_of_label(std::string_view label) {
  if (contains_prefix_word(label, "upptack") || contains_prefix_word(label, "discover") ||
      contains_prefix_word(label, "markt"))
    return TimeRole::discovered;
  if (contains_prefix_word(label, "intraff") || contains_prefix_word(label, "hande") ||
      contains_prefix_word(label, "occur") || contains_prefix_word(label, "skedde"))
    return TimeRole::occurred;
  if (contains_prefix_word(label, "upphor") || contains_prefix_word(label, "avslut") ||
      contains_prefix_word(label, "ended"))
    return TimeRole::ended;
  return TimeRole::none;
}

// ---------------------------------------------------------------- one part

struct PartReading {
  bool content = false;
  std::string description;
  RecordTime occurred, discovered, ended;
  std::optional<bool> ongoing;
  std::optional<Count> subjects;
  std::optional<Count> records;
  std::optional<std::string> incident_type, cause, detected_by, area;
  std::vector<std::string> groups, categories, consequences;
  std::vector<Action> actions;
  std::optional<bool> subjects_informed;
  RecordTime informed_at;
  std::optional<std::string> will_inform;
  Assessment assessment;
  Signature sig;
  Contact named_contact;  // from a "Kontaktuppgifter: Name, phone, mail" line
  bool has_pnr = false;
};

bool negated_before(std::string_view text, size_t pos) {
  std::string_view before = text.substr(pos >= 12 ? pos - 12 : 0, pos >= 12 ? 12 : pos);
  std::string f = fold(before);
  return contains_word(f, "inte") || contains_word(f, "not") || contains_word(f, "ej") ||
         contains_word(f, "inte pa");
}

// Removes a leading "igår kl. 16.35:" from a list item.
std::string_view strip_time_prefix(std::string_view item, const std::vector<TimeMatch>& times, size_t item_off) {
  for (const auto& m : times) {
    if (m.begin != item_off) continue;
    size_t rel = m.end - item_off;
    std::string_view rest = item.substr(std::min(rel, item.size()));
    std::string_view r = trim(rest);
    if (!r.empty() && (r[0] == ':' || r[0] == '-')) return trim(r.substr(1));
    if (starts_with(r, "\xE2\x80\x93")) return trim(r.substr(3));
  }
  return item;
}

void read_assessment(std::string_view sentence, Assessment& a) {
  std::string f = fold(sentence);
  // Clauses: "..., men ...", "..., but ...", "... och att ..."
  std::vector<std::string> clauses;
  size_t start = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    for (std::string_view sep : {std::string_view(", men "), std::string_view(", but "), std::string_view(" och att "),
                                 std::string_view(" and that "), std::string_view("; ")}) {
      if (f.compare(i, sep.size(), sep) == 0) {
        clauses.push_back(f.substr(start, i - start));
        start = i + sep.size();
      }
    }
  }
  clauses.push_back(f.substr(start));
  auto negated = [](std::string_view c) {
    return contains_word(c, "inte") || contains_word(c, "ej") || contains_word(c, "not") ||
           contains_word(c, "inga") || c.find("don't") != std::string_view::npos ||
           contains_word(c, "ingen") || contains_word(c, "no");
  };
  for (const auto& c : clauses) {
    bool report = contains_prefix_word(c, "anmal") || contains_prefix_word(c, "reported to") ||
                  contains_prefix_word(c, "notified to") || contains_prefix_word(c, "imy");
    bool inform = contains_prefix_word(c, "informera") || contains_prefix_word(c, "be informed") ||
                  contains_prefix_word(c, "underratta") || contains_prefix_word(c, "be notified") ||
                  contains_prefix_word(c, "should be told");
    if (report && !inform && !a.report_to_imy) a.report_to_imy = !negated(c);
    else if (inform && !a.inform_subjects) a.inform_subjects = !negated(c);
  }
}

Contact read_contact_line(std::string_view value) {
  Contact c;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    std::string_view item = trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                      : comma - start));
    if (!item.empty()) {
      int digits = 0;
      for (char ch : item)
        if (ch >= '0' && ch <= '9') ++digits;
      if (item.find('@') != std::string_view::npos) {
        if (!c.email) c.email = std::string(item);
      } else if (digits >= 7) {
        if (!c.phone) c.phone = std::string(item);
      } else if (!c.name && digits == 0) {
        c.name = std::string(item);
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return c;
}

PartReading read_part(const MailPart& part) {
  PartReading r;
  std::string_view body = part.text;
  r.sig = read_signature(body);
  if (r.sig.begin != std::string_view::npos) body = body.substr(0, r.sig.begin);
  // Greeting line.
  {
    size_t off = 0;
    while (off < body.size()) {
      size_t nl = body.find('\n', off);
      std::string_view line = body.substr(off, nl == std::string_view::npos ? std::string_view::npos : nl - off);
      if (trim(line).empty()) {
        if (nl == std::string_view::npos) break;
        off = nl + 1;
        continue;
      }
      if (is_greeting(line)) body = body.substr(nl == std::string_view::npos ? body.size() : nl + 1);
      break;
    }
  }
  r.has_pnr = contains_personnummer(part.text);
  std::vector<Unit> units = build_units(body);
  std::vector<TimeMatch> times = find_times(body, part.date);
  auto offset_of = [&](std::string_view v) { return static_cast<size_t>(v.data() - body.data()); };

  // Roles of each unit.
  struct Role {
    bool meta = false, assessment = false, informed = false, plan = false, action = false, count = false,
         discovery_first = false, description_label = false, contact_label = false;
  };
  std::vector<Role> roles(units.size());
  std::vector<std::string> folded(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    folded[i] = fold(u.text);
    const std::string& f = folded[i];
    Role& ro = roles[i];
    ro.meta = is_meta(f) || (u.text.size() < 20 && is_greeting(u.text));
    ro.assessment = is_assessment(f);
    ro.informed = is_informed_fact(f);
    ro.plan = !ro.informed && is_inform_plan(f);
    ro.action = (u.kind == UnitKind::list_item && u.under_action_heading) ||
                (!ro.assessment && !ro.informed && !ro.plan && is_action(f) && !read_incident_type(u.text));
    ro.count = u.kind == UnitKind::prose && is_count_statement(u.text);
    if (u.kind == UnitKind::label) {
      ro.description_label = has_any(u.label, kDescriptionLabels);
      ro.contact_label = has_any(u.label, kContactLabels);
    }
    size_t d = first_pos(f, kDiscoveryVerbs);
    ro.discovery_first = d != std::string_view::npos && role_near(f, d) == TimeRole::discovered &&
                         first_pos(f, kOccurVerbs) == std::string_view::npos;
  }

  // Description (labelled answer first, else the narrative paragraphs).
  std::string desc;
  for (size_t i = 0; i < units.size(); ++i)
    if (roles[i].description_label && !units[i].value.empty()) {
      if (!desc.empty()) desc += ' ';
      desc += std::string(units[i].value);
    }
  if (desc.empty()) {
    bool started = false;
    size_t current_para = static_cast<size_t>(-1);
    bool para_included = false;
    for (size_t i = 0; i < units.size(); ++i) {
      const Unit& u = units[i];
      const Role& ro = roles[i];
      if (u.kind != UnitKind::prose) {
        if (started) para_included = false;
        continue;
      }
      if (u.paragraph != current_para) {
        current_para = u.paragraph;
        if (!started) {
          para_included = !(ro.meta || ro.assessment || ro.action || ro.plan || ro.informed);
          if (para_included) started = true;
        } else {
          para_included = para_included || true;
          para_included = !(ro.discovery_first || ro.action || ro.assessment || ro.plan || ro.informed ||
                            ro.count || ro.meta);
          if (!para_included) break;
        }
      }
      if (!para_included) continue;
      if (ro.meta || ro.assessment || ro.action || ro.plan || ro.informed) continue;
      if (!desc.empty()) desc += ' ';
      desc += std::string(u.text);
    }
  }
  r.description = tidy_space(desc);

  // Narrative text: everything but actions, plans, assessment, meta and contact lines.
  std::string narrative;
  for (size_t i = 0; i < units.size(); ++i) {
    const Role& ro = roles[i];
    if (ro.action || ro.meta || ro.contact_label || ro.assessment) continue;
    narrative += std::string(units[i].kind == UnitKind::label ? units[i].value : units[i].text);
    narrative += "\n";
  }
  std::string subject_text = r.description.empty() ? narrative : r.description;

  // Times by role, first sentence wins; within one unit the match with a clock on the same day wins.
  // Units are in text order: binary search for the one holding a position.
  auto unit_of = [&](size_t pos) -> size_t {
    auto it = std::upper_bound(units.begin(), units.end(), pos,
                               [&](size_t p, const Unit& u) { return p < offset_of(u.text); });
    if (it == units.begin()) return units.size();
    size_t i = static_cast<size_t>(it - units.begin()) - 1;
    size_t b = offset_of(units[i].text);
    return pos < b + units[i].text.size() ? i : units.size();
  };
  struct Pick {
    RecordTime value;
    size_t unit = static_cast<size_t>(-1);
    bool clock = false;
  };
  Pick occurred, discovered, ended;
  auto offer = [&](Pick& p, const TimeMatch& m, size_t ui) {
    if (!p.value) {
      p = {m.value, ui, m.has_clock};
      return;
    }
    if (p.unit == ui && !p.clock && m.has_clock && m.value->substr(0, 10) == p.value->substr(0, 10))
      p = {m.value, ui, true};
  };
  for (const auto& m : times) {
    if (m.is_bound || !m.value) continue;
    size_t ui = unit_of(m.begin);
    if (ui >= units.size()) continue;
    const Unit& u = units[ui];
    const Role& ro = roles[ui];
    if (negated_before(body, m.begin)) continue;
    const std::string& f = folded[ui];
    size_t rel = m.begin - offset_of(u.text);
    if (ro.informed) {
      if (!r.informed_at) r.informed_at = m.value;
      continue;
    }
    if (ro.action || ro.plan || ro.assessment || ro.meta) {
      if (has_any(f, kEndVerbs)) offer(ended, m, ui);
      continue;
    }
    TimeRole role = TimeRole::none;
    if (u.kind == UnitKind::label) role = role_of_label(u.label);
    if (role == TimeRole::none) {
      // Folding only shortens two-byte letters: the byte offset is close enough for "nearest verb".
      // Only the words around the time can be its verb: a window keeps huge run-on text linear.
      size_t frel = std::min(rel, f.size());
      size_t wb = frel > 300 ? frel - 300 : 0;
      role = role_near(std::string_view(f).substr(wb, 600), frel - wb);
    }
    if (role == TimeRole::occurred) offer(occurred, m, ui);
    if (role == TimeRole::discovered) offer(discovered, m, ui);
    if (role == TimeRole::ended) offer(ended, m, ui);
  }
  r.occurred = occurred.value;
  r.discovered = discovered.value;
  r.ended = ended.value;
  {
    std::string all = fold(body);
    if (has_any(all, kEndVerbs)) r.ongoing = false;
    size_t p = find_prefix_word(all, "pagar fortfarande");
    if (p == std::string_view::npos) p = find_prefix_word(all, "still ongoing");
    if (p != std::string_view::npos) r.ongoing = !is_negated(all, p);
  }

  // Actions.
  for (size_t i = 0; i < units.size(); ++i) {
    if (!roles[i].action) continue;
    const Unit& u = units[i];
    size_t off = offset_of(u.text);
    Action a;
    for (const auto& m : times)
      if (m.begin >= off && m.begin < off + u.text.size() && m.value && !m.is_bound) {
        a.at = m.value;
        break;
      }
    a.action = tidy_space(strip_time_prefix(u.text, times, off));
    if (!a.action.empty()) r.actions.push_back(std::move(a));
  }

  // Assessment and informing.
  for (size_t i = 0; i < units.size(); ++i) {
    if (roles[i].assessment) read_assessment(units[i].text, r.assessment);
    if (roles[i].informed && !r.subjects_informed) r.subjects_informed = true;
    if (roles[i].plan && !r.will_inform) {
      std::string f = fold(units[i].text);
      r.will_inform = (contains_word(f, "inte") || contains_word(f, "not")) ? "no" : "yes";
    }
    if (roles[i].contact_label) r.named_contact = read_contact_line(units[i].value);
  }

  // Counts, enums, lists.
  std::string noun;
  r.subjects = find_subject_count(narrative, &noun);
  r.records = find_record_count(narrative);
  r.incident_type = read_incident_type(subject_text);
  if (!r.incident_type) r.incident_type = read_incident_type(narrative);
  r.cause = read_cause(narrative);
  r.detected_by = read_detected_by(narrative);
  r.area = read_area(narrative + "\n" + (r.sig.unit ? *r.sig.unit : std::string()));
  r.groups = read_subject_groups(narrative);
  if (r.subjects && !noun.empty()) {
    if (auto g = subject_group_of_noun(noun); g && std::find(r.groups.begin(), r.groups.end(), *g) == r.groups.end()) {
      r.groups.push_back(*g);
      std::sort(r.groups.begin(), r.groups.end(), [](const std::string& a, const std::string& b) {
        return vocab::index_of(vocab::kSubjectGroups, a) < vocab::index_of(vocab::kSubjectGroups, b);
      });
    }
  }
  r.categories = read_data_categories(narrative);
  r.consequences = read_consequences(narrative);

  // A part carries the report when it says more than a forwarding line.
  std::string fb = fold(body);
  size_t narrative_units = 0;
  for (size_t i = 0; i < units.size(); ++i)
    if (!roles[i].meta) ++narrative_units;
  r.content = narrative_units >= 2 || (narrative_units == 1 && fb.size() > 120 && !has_any(fb, kMetaWords)) ||
              (narrative_units >= 1 && (r.incident_type || r.subjects));
  return r;
}

std::string subject_body(std::string_view subject) {
  std::string_view s = trim(subject);
  for (bool again = true; again;) {
    again = false;
    std::string f = fold(s.substr(0, 6));
    for (std::string_view p : {"re:", "sv:", "vb:", "fw:", "fwd:", "vs:", "aw:"}) {
      if (starts_with(f, p)) {
        s = trim(s.substr(p.size()));
        again = true;
        break;
      }
    }
  }
  // "PU-incident: förlorat USB-minne" — the tag before the colon is not content.
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon < 40) {
    std::string tag = fold(s.substr(0, colon));
    if (tag.find("incident") != std::string::npos || tag.find("breach") != std::string::npos ||
        tag.find("pu") != std::string::npos || tag.find("anmalan") != std::string::npos)
      s = trim(s.substr(colon + 1));
  }
  return std::string(s);
}

template <typename T>
void take(std::optional<T>& dst, const std::optional<T>& src) {
  if (src) dst = src;
}

}  // namespace

void parse_free_text(std::string_view text, const ExtractContext& ctx, IncidentRecord& record) {
  record.report_kind = "free_text";
  std::string repaired = repair_cp1252_mojibake(text);
  if (trim(repaired).empty()) {
    // Subject-only report: the subject is the description.
    std::string s = subject_body(repair_cp1252_mojibake(ctx.subject));
    if (s.empty()) return;
    MailPart p;
    p.text = s;
    p.date = ctx.message_date;
    PartReading r = read_part(p);
    record.description = s;
    take(record.occurred_at, r.occurred);
    take(record.discovered_at, r.discovered);
    take(record.incident_type, r.incident_type);
    take(record.cause, r.cause);
    take(record.area, r.area);
    if (r.subjects) record.data_subjects = *r.subjects;
    if (!r.groups.empty()) record.subject_groups = r.groups;
    if (!r.categories.empty()) record.data_categories = r.categories;
    // With no verb to place it, a lone time in a subject line is when it happened.
    if (!record.occurred_at && !record.discovered_at) {
      if (auto t = read_time(s, ctx.message_date)) record.occurred_at = t;
    }
    return;
  }

  std::vector<MailPart> parts = split_reply_chain(repaired, ctx.message_date);
  std::vector<PartReading> readings;
  for (const auto& p : parts) readings.push_back(read_part(p));
  std::vector<const PartReading*> content;
  for (const auto& r : readings)
    if (r.content) content.push_back(&r);
  if (content.empty()) content.push_back(&readings.front());

  // Newest statement first; older parts fill what is still missing.
  auto first = [&](auto getter) -> decltype(getter(*content.front())) {
    for (const auto* r : content)
      if (auto v = getter(*r)) return v;
    return {};
  };
  const PartReading* longest = content.front();
  for (const auto* r : content)
    if (r->description.size() > longest->description.size()) longest = r;
  if (!longest->description.empty()) record.description = longest->description;

  take(record.occurred_at, first([](const PartReading& r) { return r.occurred; }));
  take(record.discovered_at, first([](const PartReading& r) { return r.discovered; }));
  take(record.ended_at, first([](const PartReading& r) { return r.ended; }));
  take(record.ongoing, first([](const PartReading& r) { return r.ongoing; }));
  take(record.incident_type, first([](const PartReading& r) { return r.incident_type; }));
  take(record.cause, first([](const PartReading& r) { return r.cause; }));
  take(record.detected_by, first([](const PartReading& r) { return r.detected_by; }));
  take(record.area, first([](const PartReading& r) { return r.area; }));
  if (auto c = first([](const PartReading& r) { return r.subjects; })) record.data_subjects = *c;
  if (auto c = first([](const PartReading& r) { return r.records; })) record.records = *c;
  take(record.subjects_informed, first([](const PartReading& r) { return r.subjects_informed; }));
  take(record.subjects_informed_at, first([](const PartReading& r) { return r.informed_at; }));
  take(record.will_inform_subjects, first([](const PartReading& r) { return r.will_inform; }));
  take(record.assessment.report_to_imy, first([](const PartReading& r) { return r.assessment.report_to_imy; }));
  take(record.assessment.inform_subjects,
       first([](const PartReading& r) { return r.assessment.inform_subjects; }));
  for (const auto* r : content)
    if (!r->groups.empty()) {
      record.subject_groups = r->groups;
      break;
    }
  for (const auto* r : content)
    if (!r->categories.empty()) {
      record.data_categories = r->categories;
      break;
    }
  for (const auto* r : content)
    if (!r->consequences.empty()) {
      record.consequences = r->consequences;
      break;
    }
  for (const auto* r : content)
    if (!r->actions.empty()) {
      record.actions = r->actions;
      break;
    }
  if (!record.incident_type && !ctx.subject.empty())
    take(record.incident_type, read_incident_type(subject_body(ctx.subject)));

  // Contact: a named contact line, else the author's signature (never the forwarder's).
  for (const auto* r : content) {
    const Signature& s = r->sig;
    if (!r->named_contact.name && !s.name) continue;
    record.contact.name = r->named_contact.name ? r->named_contact.name : s.name;
    record.contact.email = r->named_contact.email ? r->named_contact.email : s.email;
    record.contact.phone = r->named_contact.phone ? r->named_contact.phone : s.phone;
    if (s.name && record.contact.name && fold(*s.name) == fold(*record.contact.name)) {
      record.contact.role = s.role;
      if (!record.contact.email) record.contact.email = s.email;
      if (!record.contact.phone) record.contact.phone = s.phone;
    }
    take(record.organisation.name, s.organisation);
    take(record.organisation.unit, s.unit);
    break;
  }
  for (const auto* r : content)
    if (r->has_pnr) {
      record.warn(std::string(vocab::kPersonalIdentityNumber),
                  "Rapporten innehåller ett personnummer eller samordningsnummer.");
      break;
    }
}

}  // namespace gdprd::parsers
