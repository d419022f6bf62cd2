#include "parsers/extract/etjanst_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/vocabulary.hpp"
#include "parsers/extract/label_match.hpp"
#include "parsers/extract/ocr_repair.hpp"
#include "parsers/extract/tick_reader.hpp"
#include "parsers/grammar/count_reader.hpp"
#include "parsers/grammar/match_text.hpp"
#include "parsers/grammar/time_reader.hpp"
#include "parsers/grammar/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

enum class Label {
  v1, v2, contact_heading, namnd, discovered, occurred, description, actions, type, categories, groups,
  count, consequences, assess_imy, assess_inform, name, email, mobile, phone, forvaltning, avdelning,
  enhet, date, time
};

struct LabelDef {
  Label label;
  std::vector<std::string_view> texts;
  std::vector<std::string_view> help;
  bool field_label = false;  // a short V2 / Date-Tid column label: must be the whole cell
};

const std::vector<LabelDef>& labels() {
  static const std::vector<LabelDef> defs = {
      {Label::v1, {"V1. Uppgifter om personuppgiftsincident", "Uppgifter om personuppgiftsincident"}, {}},
      {Label::v2, {"V2. Kontaktuppgifter"}, {}},
      {Label::contact_heading, {"Kontaktuppgifter"}, {}, true},
      {Label::namnd,
       {"Vilken nämnd/myndighet berör personuppgiftsincidenten?", "Vilken nämnd berör personuppgiftsincidenten?",
        "Berörd nämnd"},
       {}},
      {Label::discovered,
       {"Ange när incidenten upptäcktes", "När upptäcktes incidenten?", "När upptäckte ni incidenten?"}, {}},
      {Label::occurred, {"Ange när incidenten inträffade", "När inträffade incidenten?"}, {}},
      {Label::description,
       {"Beskriv incidenten"},
       {"Beskriv händelseförlopp, plats, inblandade program, system och tjänster etc."}},
      {Label::actions,
       {"Beskriv vad du/ni gjorde för att åtgärda eller mildra effekterna av incidenten",
        "Beskriv vad ni gjorde för att åtgärda", "Vilka åtgärder har vidtagits?"},
       {"Vad har gjorts, vad ska göras och vad behöver göras framöver för att minimera spridning av "
        "personuppgifter?"}},
      {Label::type,
       {"Vilken typ av incident har inträffat?", "Vilken typ av incident"},
       {"Markera alla alternativ som gäller.", "Markera ett alternativ."}},
      {Label::categories,
       {"Vilka kategorier av personuppgifter berörs av incidenten?", "Vilka kategorier av personuppgifter"},
       {"Exempel på kategorier är namn, telefonnummer, bilder, adress, användarnamn, lösenord."}},
      {Label::groups,
       {"Vilka kategorier av registrerade berörs av incidenten?", "Vilka kategorier av registrerade"},
       {"Exempel på kategorier är anställda (ange förvaltning/avdelning/enhet), brukare, politiker, elever, "
        "personer i ett visst register."}},
      {Label::count, {"Hur många personer berörs av incidenten?", "Hur många personer berörs"}, {}},
      {Label::consequences,
       {"Vilka konsekvenser kan incidenten få?"},
       {"De risker som avses är t.ex. att enskilda förlorar kontrollen över sina uppgifter eller att deras "
        "rättigheter påverkas negativt, att man utsätts för diskriminering, identitetsstöld eller bedrägeri, "
        "finansiell förlust, skadlig ryktesspridning eller brott mot sekretess eller tystnadsplikt."}},
      {Label::assess_imy,
       {"Är din bedömning att incidenten är så allvarlig att den ska anmälas till Integritetsskyddsmyndigheten?",
        "Är din bedömning att incidenten är så allvarlig att den ska anmälas",
        "Ska incidenten anmälas till Integritetsskyddsmyndigheten?"},
       {"Vid en personuppgiftsincident så måste sannolikheten för en negativ påverkan av de registrerades "
        "rättigheter och friheter fastställas. Om det är troligt att personuppgiftsincidenten kommer att medföra "
        "en risk för de registrerade så ska Integritetsskyddsmyndigheten (IMY) meddelas. Om det är osannolikt att "
        "en personuppgiftsincident medför risker behöver inte IMY inte meddelas. För mer information, se "
        "Integritetsskyddsmyndighetens hemsida."}},
      {Label::assess_inform,
       {"Behöver de registrerade informeras?"},
       {"Bedömningen av om de registrerade behöver informeras görs med grund i hur allvarliga konsekvenser som "
        "incidenten kan få för de registrerade. Innebär incidenten en hög risk för fysiska personers rättigheter "
        "och friheter ska de registrerade informeras om incidenten."}},
      {Label::name, {"För- och efternamn", "Namn"}, {}, true},
      {Label::email, {"E-postadress", "E-post"}, {}, true},
      {Label::mobile, {"Mobiltelefon", "Mobilnummer", "Mobil"}, {}, true},
      {Label::phone, {"Telefon", "Telefonnummer"}, {}, true},
      {Label::forvaltning, {"Förvaltning"}, {}, true},
      {Label::avdelning, {"Avdelning"}, {}, true},
      {Label::enhet, {"Enhet"}, {}, true},
      {Label::date, {"Datum"}, {}, true},
      {Label::time, {"Tid", "Klockslag"}, {}, true},
  };
  return defs;
}

struct KeyedDefs {
  std::vector<std::vector<std::string>> text_keys;
  std::vector<std::string> help_keys;
};

const KeyedDefs& keyed() {
  static const KeyedDefs k = [] {
    KeyedDefs out;
    for (const LabelDef& d : labels()) {
      std::vector<std::string> keys;
      std::string help;
      for (std::string_view t : d.texts) {
        keys.push_back(label_key(t));
        help += keys.back() + "|";
      }
      for (std::string_view h : d.help) help += label_key(h);
      out.text_keys.push_back(std::move(keys));
      out.help_keys.push_back(std::move(help));
    }
    return out;
  }();
  return k;
}

// Strips "Fråga:" / "Svar:" and returns which one it was.
std::string_view strip_prefix_word(std::string_view line, std::string_view word, bool& had) {
  had = false;
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > 8) return line;
  if (fold(trim(line.substr(0, colon))) != word) return line;
  had = true;
  return trim(line.substr(colon + 1));
}

struct LabelHit {
  size_t def = 0;
  std::string_view answer;  // after ':' / TAB on the same line
};

// A whole cell whose key is exactly that of a short column label ("Datum", "Enhet").
std::optional<size_t> field_label_of_key(std::string_view key) {
  if (key.empty()) return std::nullopt;
  const auto& defs = labels();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (!defs[i].field_label) continue;
    for (const std::string& k : keyed().text_keys[i])
      if (key == k) return i;
  }
  return std::nullopt;
}

std::optional<size_t> field_label_of(std::string_view cell) { return field_label_of_key(label_key(cell)); }

struct TextRef {
  size_t def;   // into labels()
  size_t text;  // into its texts / keyed().text_keys
};

// The texts of the labels that are not column labels, bucketed by the first
// character of their key, in table order: match_key_prefix compares the first
// characters exactly, so a line need only be compared with one bucket.
const std::array<std::vector<TextRef>, 256>& texts_by_first_key_char() {
  static const std::array<std::vector<TextRef>, 256> index = [] {
    std::array<std::vector<TextRef>, 256> by_char;
    const auto& defs = labels();
    for (size_t i = 0; i < defs.size(); ++i) {
      if (defs[i].field_label) continue;
      const auto& keys = keyed().text_keys[i];
      for (size_t t = 0; t < keys.size(); ++t)
        if (!keys[t].empty()) by_char[static_cast<unsigned char>(keys[t][0])].push_back(TextRef{i, t});
    }
    return by_char;
  }();
  return index;
}

std::optional<LabelHit> match_label(std::string_view line) {
  if (line.size() > 600) return std::nullopt;  // a label is never a whole page
  size_t sep = line.find_first_of(":\t");
  std::string_view label_part = sep == std::string_view::npos ? line : line.substr(0, sep);
  std::vector<size_t> ends;
  std::string key = label_key(label_part, &ends);
  if (auto f = field_label_of_key(key)) {
    return LabelHit{*f, sep == std::string_view::npos ? std::string_view{} : trim(line.substr(sep + 1))};
  }
  if (key.empty()) return std::nullopt;  // match_key_prefix matches nothing on an empty key
  std::optional<LabelHit> best;
  size_t best_len = 0;
  for (const TextRef& ref : texts_by_first_key_char()[static_cast<unsigned char>(key[0])]) {
    const size_t i = ref.def;
    {
      const std::string& want = keyed().text_keys[i][ref.text];
      if (want.size() <= best_len) continue;
      std::optional<size_t> end = match_key_prefix(label_part, key, ends, want);
      if (!end) continue;
      std::string_view after = trim(label_part.substr(*end));
      // Short labels must be the whole label; long ones may carry a help
      // sentence ("… inträffat? Markera alla alternativ som gäller.").
      if (!after.empty() && want.size() < 14 && after != "?" && after != ".") continue;
      best = LabelHit{i, sep == std::string_view::npos ? std::string_view{} : trim(line.substr(sep + 1))};
      best_len = want.size();
    }
  }
  return best;
}

struct Section {
  Label label;
  std::vector<std::string_view> lines;  // "" = paragraph break
  std::vector<Tick> ticks;
  bool answered = false;  // a non-help line was taken
};

// Paragraphs of an answer: separated by blank lines, and, since document
// readers give one paragraph per line, a line that ends a sentence ends its
// paragraph; a list item ("- …") starts one.
std::vector<std::string> paragraphs_of(const Section& s) {
  std::vector<std::string> out;
  std::string cur;
  for (std::string_view l : s.lines) {
    l = trim(l);
    bool item = !l.empty() && (l.front() == '-' || l.front() == '*' || l.rfind("\xE2\x80\xA2", 0) == 0);
    if (l.empty() || (item && !trim(cur).empty())) {
      if (!trim(cur).empty()) out.push_back(tidy_space(cur));
      cur.clear();
      if (l.empty()) continue;
    }
    if (!cur.empty()) cur += ' ';
    cur += l;
    char last = l.back();
    if (last == '.' || last == '!' || last == '?') {
      out.push_back(tidy_space(cur));
      cur.clear();
    }
  }
  if (!trim(cur).empty()) out.push_back(tidy_space(cur));
  return out;
}

std::string joined(const Section& s, std::string_view sep = " ") {
  std::string out;
  for (const std::string& p : paragraphs_of(s)) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cells.push_back(trim(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

// A line of two or more side-by-side column labels ("Förvaltning<TAB>Avdelning",
// or with spaces as pdftotext gives them: "For- och efternamn E-postadress").
std::vector<size_t> column_labels(std::string_view line) {
  std::vector<size_t> out;
  if (line.size() > 120) return out;  // column labels are short; keeps long lines linear
  if (line.find('\t') != std::string_view::npos) {
    for (std::string_view cell : split_cells(line)) {
      if (cell.empty()) continue;
      auto f = field_label_of(cell);
      if (!f) return {};
      out.push_back(*f);
    }
    return out.size() >= 2 ? out : std::vector<size_t>{};
  }
  // Without a TAB try every split at a space into two known labels.
  for (size_t sp = line.find(' '); sp != std::string_view::npos; sp = line.find(' ', sp + 1)) {
    auto a = field_label_of(line.substr(0, sp));
    auto b = field_label_of(line.substr(sp + 1));
    if (a && b) return {*a, *b};
  }
  return {};
}

struct ContactFields {
  std::optional<std::string> name, email, mobile, phone, forvaltning, avdelning, enhet, namnd, date, time;
};

void assign(ContactFields& c, Label l, std::string_view value) {
  value = trim(value);
  if (value.empty() || is_placeholder(value)) return;
  std::string v = tidy_space(value);
  switch (l) {
    case Label::name: c.name = v; break;
    case Label::email: c.email = v; break;
    case Label::mobile: c.mobile = v; break;
    case Label::phone: c.phone = v; break;
    case Label::forvaltning: c.forvaltning = v; break;
    case Label::avdelning: c.avdelning = v; break;
    case Label::enhet: c.enhet = v; break;
    case Label::date: c.date = v; break;
    case Label::time: c.time = v; break;
    default: break;
  }
}

// Values under side-by-side labels: by TAB; without one, the e-mail token
// goes to the e-mail column and everything else to the first.
void assign_columns(ContactFields& c, const std::vector<size_t>& cols, std::string_view line) {
  const auto& defs = labels();
  if (line.find('\t') != std::string_view::npos) {
    std::vector<std::string_view> cells = split_cells(line);
    for (size_t i = 0; i < cols.size() && i < cells.size(); ++i) assign(c, defs[cols[i]].label, cells[i]);
    return;
  }
  std::string_view s = trim(line);
  for (size_t i = 0; i < cols.size(); ++i) {
    if (defs[cols[i]].label != Label::email) continue;
    size_t at = s.find('@');
    if (at == std::string_view::npos) break;
    size_t b = s.rfind(' ', at);
    b = b == std::string_view::npos ? 0 : b + 1;
    size_t e = s.find(' ', at);
    assign(c, Label::email, s.substr(b, e == std::string_view::npos ? s.npos : e - b));
    std::string rest = std::string(s.substr(0, b)) + (e == std::string_view::npos ? "" : std::string(s.substr(e)));
    for (size_t j = 0; j < cols.size(); ++j)
      if (j != i) {
        assign(c, defs[cols[j]].label, rest);
        break;
      }
    return;
  }
  if (defs[cols[0]].label == Label::mobile && cols.size() >= 2) {
    // "+46722050334 0322617055": two numbers written without inner spaces.
    size_t sp = s.find(' ');
    if (sp != std::string_view::npos && s.find(' ', sp + 1) == std::string_view::npos) {
      assign(c, Label::mobile, s.substr(0, sp));
      assign(c, defs[cols[1]].label, s.substr(sp + 1));
      return;
    }
  }
  if (defs[cols[0]].label == Label::date && cols.size() >= 2) {
    // "2026-05-20 16:39": date and time columns.
    size_t sp = s.find(' ');
    if (sp != std::string_view::npos) {
      assign(c, Label::date, s.substr(0, sp));
      assign(c, defs[cols[1]].label, s.substr(sp + 1));
      return;
    }
  }
  assign(c, defs[cols[0]].label, s);
}

std::optional<bool> yes_no(const Section& s) {
  for (const Tick& t : s.ticks) {
    if (!t.checked) continue;
    std::string f = fold(t.label);
    if (f.rfind("ja", 0) == 0 || f.rfind("yes", 0) == 0) return true;
    if (f.rfind("nej", 0) == 0 || f.rfind("no", 0) == 0) return false;
  }
  for (std::string_view line : s.lines) {
    std::string f = fold(trim(line));
    if (f == "ja" || f.rfind("ja,", 0) == 0 || f.rfind("ja ", 0) == 0 || f.rfind("ja.", 0) == 0) return true;
    if (f == "nej" || f.rfind("nej,", 0) == 0 || f.rfind("nej ", 0) == 0 || f.rfind("nej.", 0) == 0) return false;
  }
  return std::nullopt;
}

// The e-service's own type options (their heads before ':').
std::optional<std::string> incident_type_of(std::string_view answer) {
  std::string f = fold(answer);
  struct Head { std::string_view label; std::string_view value; };
  static constexpr std::array<Head, 6> kHeads = {{{"Obehörigt röjande", "disclosure_other"},
                                                  {"Obehörig åtkomst", "unauthorized_access"},
                                                  {"Förlust", "loss"},
                                                  {"Förstöring", "destruction"},
                                                  {"Ändring", "alteration"},
                                                  {"Otillgänglighet", "loss"}}};
  for (const Head& h : kHeads) {
    if (!match_label_prefix(answer, h.label)) continue;
    if (h.value == "disclosure_other" &&
        (contains_prefix_word(f, "felaktigt utskick") || contains_prefix_word(f, "fel mottagare")))
      return std::string("misdirected_message");
    return std::string(h.value);
  }
  return read_incident_type(answer);
}

// Organisation name from the export's header/footer lines: "<Ort> kommun",
// "<Ort> stad", "Region <Län>".
std::optional<std::string> organisation_in(std::string_view line) {
  std::string f = fold(line);
  for (std::string_view word : {"kommun", "stad"}) {
    size_t pos = find_word(f, word);
    if (pos == std::string::npos || pos < 2) continue;
    // fold keeps byte lengths close but not equal: cut the original by words.
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t b = i;
      while (i < line.size() && line[i] != ' ') ++i;
      if (i > b) words.push_back(line.substr(b, i - b));
    }
    for (size_t w = 1; w < words.size(); ++w) {
      if (fold(words[w]) != word) continue;
      std::string_view prev = words[w - 1];
      if (prev.empty() || !(std::isupper(static_cast<unsigned char>(prev[0])) ||
                            static_cast<unsigned char>(prev[0]) >= 0xC3))
        continue;
      return std::string(prev) + " " + std::string(words[w]);
    }
  }
  size_t r = f.find("region ");
  if (r != std::string::npos && (r == 0 || f[r - 1] == ' ')) {
    size_t e = r + 7;
    while (e < f.size() && f[e] != ' ' && f[e] != ',') ++e;
    if (e > r + 7 && e <= line.size()) return std::string(trim(line.substr(r, e - r)));
  }
  return std::nullopt;
}

bool has_any(std::string_view folded, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (contains_prefix_word(folded, w)) return true;
  return false;
}

// Times and facts the description states in prose (corpus 08): the first time
// of a sentence about discovery is the discovery, of a sentence about the end
// the end, else the first other time is the occurrence.
void read_prose_facts(const std::string& prose, const ExtractContext& ctx, IncidentRecord& r) {
  for (std::string_view sentence : split_sentences(prose)) {
    std::string f = fold(sentence);
    std::optional<std::string> t;
    for (const TimeMatch& m : find_times(sentence, ctx.message_date))
      if (m.value && !m.is_bound) {
        t = m.value;
        break;
      }
    bool about_end = has_any(f, {"aterstall", "upphorde", "upphort", "avslutad", "avslutades", "fungerade igen",
                                 "atgardades", "stoppades", "restored", "ended"});
    if (has_any(f, {"upptack", "larm", "discovered", "noticed"})) {
      if (t && !r.discovered_at) r.discovered_at = t;
    } else if (about_end) {
      if (t && !r.ended_at) r.ended_at = t;
    } else if (t && !r.occurred_at) {
      r.occurred_at = t;
    }
    if (about_end && !r.ongoing) r.ongoing = false;
    if (has_any(f, {"pagar fortfarande", "ar fortfarande pagaende", "still ongoing"})) r.ongoing = true;
  }
}

}  // namespace

size_t scan_etjanst(std::string_view text) {
  std::set<Label> seen;
  size_t fraga = 0, svar = 0;
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = trim(strip_quote(raw));
    if (line.empty() || line.size() > 400) continue;
    bool had = false;
    std::string_view rest = strip_prefix_word(line, "fraga", had);
    if (had) ++fraga;
    bool had_svar = false;
    strip_prefix_word(line, "svar", had_svar);
    if (had_svar) ++svar;
    if (auto hit = match_label(rest)) {
      Label l = labels()[hit->def].label;
      // Column labels alone are too common to count.
      if (!labels()[hit->def].field_label) seen.insert(l);
    }
  }
  size_t n = seen.size();
  if (seen.count(Label::v1) || seen.count(Label::v2)) n += 2;
  n += std::min(fraga, svar);
  return n;
}

void parse_etjanst(std::string_view text, const ExtractContext& ctx, IncidentRecord& record) {
  const auto& defs = labels();
  std::vector<Section> sections;
  ContactFields c;
  std::vector<size_t> pending_columns;  // column labels whose values come on the next line
  std::optional<std::string> header_org;
  bool in_v2 = false;
  bool before_v1 = true;
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = trim(strip_quote(raw));
    if (!pending_columns.empty() && !line.empty()) {
      if (column_labels(line).empty() && !match_label(line)) {
        assign_columns(c, pending_columns, line);
        pending_columns.clear();
        continue;
      }
      pending_columns.clear();
    }
    if (line.empty()) {
      if (!sections.empty() && !sections.back().lines.empty() && !sections.back().lines.back().empty())
        sections.back().lines.push_back({});
      continue;
    }
    bool had_fraga = false;
    std::string_view label_line = strip_prefix_word(line, "fraga", had_fraga);
    std::vector<size_t> cols = column_labels(label_line);
    if (!cols.empty()) {
      pending_columns = cols;
      continue;
    }
    std::optional<LabelHit> hit = match_label(label_line);
    if (hit) {
      const LabelDef& d = defs[hit->def];
      if (d.label == Label::v1) {
        before_v1 = false;
        continue;
      }
      if (d.label == Label::v2 || d.label == Label::contact_heading) {
        in_v2 = true;
        before_v1 = false;
        continue;
      }
      if (d.field_label) {
        // "Enhet" alone with its value below, or "Enhet: value".
        if (!hit->answer.empty()) {
          assign(c, d.label, hit->answer);
        } else {
          pending_columns = {hit->def};
        }
        continue;
      }
      before_v1 = false;
      Section s{d.label, {}, {}, false};
      if (!hit->answer.empty() && !is_placeholder(hit->answer)) {
        s.lines.push_back(hit->answer);
        s.answered = true;
      }
      sections.push_back(std::move(s));
      continue;
    }
    if (before_v1 || sections.empty()) {
      if (!header_org) header_org = organisation_in(line);
      continue;
    }
    if (in_v2 && !sections.empty() && sections.back().label != Label::namnd) {
      // V2 text outside column pairs is not an answer of the last V1 question.
      if (!header_org) header_org = organisation_in(line);
      continue;
    }
    Section& s = sections.back();
    if (std::optional<Tick> tick = read_tick(line)) {
      s.ticks.push_back(*tick);
      continue;
    }
    bool had_svar = false;
    std::string_view answer = strip_prefix_word(line, "svar", had_svar);
    if (is_placeholder(answer)) continue;
    size_t def_index = 0;
    for (size_t i = 0; i < defs.size(); ++i)
      if (defs[i].label == s.label) def_index = i;
    // Help texts come between the label and the answer.
    if (!s.answered && !had_svar) {
      if (is_help_line(answer, keyed().help_keys[def_index])) continue;
      if (s.label == Label::count) {
        if (auto v = [&]() -> std::optional<std::string_view> {
              std::string f = fold(answer);
              if (f.rfind("uppskattat antal", 0) == 0 || f.rfind("exakt antal", 0) == 0 || f.rfind("antal", 0) == 0) {
                size_t colon = answer.find(':');
                return colon == std::string_view::npos ? std::string_view{} : trim(answer.substr(colon + 1));
              }
              return std::nullopt;
            }()) {
          if (v->empty()) continue;
          answer = *v;
        }
      }
    }
    if (s.label == Label::discovered || s.label == Label::occurred) {
      // "2026-07-14<TAB>06:55" under "Datum<TAB>Tid".
      std::string_view a = answer;
      s.lines.push_back(a);
      s.answered = true;
      continue;
    }
    s.lines.push_back(answer);
    s.answered = true;
  }

  // Fill the record. Free text of a mangled scan is repaired where certain.
  const bool mangled = looks_ocr_mangled(text);
  auto fix = [&](std::string v) { return mangled ? repair_ocr_letters(v) : v; };
  std::string prose;
  for (Section& s : sections) {
    std::string all = fix(joined(s));
    switch (s.label) {
      case Label::namnd:
        if (!all.empty()) c.namnd = all;
        break;
      case Label::discovered:
      case Label::occurred: {
        std::string when = all;
        std::replace(when.begin(), when.end(), '\t', ' ');
        if (when.empty() && c.date) when = *c.date + (c.time ? " " + *c.time : "");
        RecordTime t = when.empty() ? std::nullopt : read_time(when, ctx.message_date);
        if (s.label == Label::discovered) {
          if (t) record.discovered_at = t;
        } else if (t) {
          record.occurred_at = t;
        }
        c.date.reset();
        c.time.reset();
        break;
      }
      case Label::description:
        if (!all.empty()) {
          record.description = all;
          prose += all + "\n\n";
        }
        break;
      case Label::actions:
        for (const std::string& p : paragraphs_of(s)) {
          std::string_view what = p;
          while (!what.empty() && (what.front() == '-' || what.front() == ' ' || what.front() == '*')) what.remove_prefix(1);
          if (what.empty()) continue;
          Action a;
          a.action = fix(std::string(what));
          a.at = read_time(what, ctx.message_date);
          record.actions.push_back(a);
          prose += a.action + "\n\n";
        }
        break;
      case Label::type: {
        std::optional<std::string> type;
        for (const Tick& t : s.ticks)
          if (t.checked && !type) type = incident_type_of(t.label);
        for (const std::string& p : paragraphs_of(s))
          if (!type) type = incident_type_of(p);
        if (type) record.incident_type = type;
        break;
      }
      case Label::categories: {
        std::string ticked;
        for (const Tick& t : s.ticks)
          if (t.checked) ticked += std::string(t.label) + ", ";
        for (const std::string& v : read_data_categories(ticked + all))
          if (std::find(record.data_categories.begin(), record.data_categories.end(), v) == record.data_categories.end())
            record.data_categories.push_back(v);
        break;
      }
      case Label::groups: {
        std::string ticked;
        for (const Tick& t : s.ticks)
          if (t.checked) ticked += std::string(t.label) + ", ";
        for (const std::string& v : read_subject_groups(ticked + all))
          if (std::find(record.subject_groups.begin(), record.subject_groups.end(), v) == record.subject_groups.end())
            record.subject_groups.push_back(v);
        break;
      }
      case Label::count:
        for (const std::string& p : paragraphs_of(s)) {
          if (std::optional<Count> n = read_count(p)) {
            record.data_subjects = *n;
            if (n->exact && !n->range) record.data_subjects.range = count_range(*n->exact);
            break;
          }
        }
        break;
      case Label::consequences:
        for (const std::string& v : read_consequences(all))
          if (std::find(record.consequences.begin(), record.consequences.end(), v) == record.consequences.end())
            record.consequences.push_back(v);
        break;
      case Label::assess_imy:
        if (auto v = yes_no(s)) record.assessment.report_to_imy = v;
        break;
      case Label::assess_inform:
        if (auto v = yes_no(s)) record.assessment.inform_subjects = v;
        break;
      default:
        break;
    }
  }
  // Spec order for enum lists.
  auto order = [](std::vector<std::string>& list, const auto& vocab_list) {
    std::stable_sort(list.begin(), list.end(), [&](const std::string& a, const std::string& b) {
      return vocab::index_of(vocab_list, a) < vocab::index_of(vocab_list, b);
    });
  };
  order(record.data_categories, vocab::kDataCategories);
  order(record.subject_groups, vocab::kSubjectGroups);
  order(record.consequences, vocab::kConsequences);

  if (c.name) record.contact.name = c.name;
  if (c.email) record.contact.email = c.email;
  if (c.mobile) record.contact.phone = c.mobile;
  else if (c.phone) record.contact.phone = c.phone;
  // The most specific level filled in is the unit (rule 13).
  for (const auto* level : {&c.enhet, &c.avdelning, &c.forvaltning, &c.namnd}) {
    if (*level) {
      record.organisation.unit = fix(**level);
      break;
    }
  }
  if (header_org) record.organisation.name = header_org;

  if (!prose.empty()) {
    read_prose_facts(prose, ctx, record);
    std::string desc = record.description.value_or("");
    // Who detected it is told by the sentence about the discovery.
    if (!record.detected_by) {
      for (std::string_view sentence : split_sentences(desc)) {
        std::string f = fold(sentence);
        if (!has_any(f, {"upptack", "larm", "markte", "uppmarksamm", "discovered", "noticed"})) continue;
        if ((record.detected_by = read_detected_by(sentence))) break;
      }
    }
    if (!record.cause) record.cause = read_cause(desc);
    if (!record.area) record.area = read_area(desc);
    if (!record.incident_type) record.incident_type = read_incident_type(desc);
  }
}

}  // namespace gdprd::parsers
