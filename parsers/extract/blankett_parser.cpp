#include "parsers/extract/blankett_parser.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/vocabulary.hpp"
#include "parsers/extract/label_match.hpp"
#include "parsers/extract/ocr_repair.hpp"
#include "parsers/extract/question_table.hpp"
#include "parsers/extract/tick_reader.hpp"
#include "parsers/grammar/count_reader.hpp"
#include "parsers/grammar/match_text.hpp"
#include "parsers/grammar/time_reader.hpp"

namespace gdprd::parsers {
namespace {

using Block = BlankettBlock;

bool kind_is_texty(QuestionKind k) {
  return k == QuestionKind::text || k == QuestionKind::time || k == QuestionKind::date;
}

}  // namespace

std::vector<BlankettBlock> scan_blankett_blocks(std::string_view text) {
  const auto& table = blankett_questions();
  std::vector<Block> blocks;
  std::vector<bool> seen(table.size(), false);
  bool open = false;
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = trim(strip_quote(raw));
    if (open && is_form_end(line)) {
      open = false;
      continue;
    }
    if (is_section_heading(line)) {
      open = false;
      continue;
    }
    if (std::optional<QuestionMatch> m = match_question(line)) {
      bool accept = true;
      if (!m->number && seen[m->index]) accept = false;
      // Inside Q22 the sub-labels "Organisationens namn:" / "Organisationsnummer:"
      // look like Q1/Q2.
      if (open && table[blocks.back().question].kind == QuestionKind::processors &&
          (table[m->index].number == 1 || table[m->index].number == 2) &&
          (!m->number || *m->number != table[m->index].number))
        accept = false;
      if (accept) {
        Block b;
        b.question = m->index;
        b.match = *m;
        blocks.push_back(b);
        seen[m->index] = true;
        open = true;
        continue;
      }
    }
    if (!open) continue;
    Block& b = blocks.back();
    const Question& question = table[b.question];
    if (std::optional<Tick> tick = read_tick(line)) {
      b.ticks.push_back(*tick);
      continue;
    }
    if (line.empty()) {
      if (!b.match.answer.empty() && kind_is_texty(question.kind)) b.text_closed = true;
      if (!b.lines.empty() && !b.lines.back().empty()) b.lines.push_back({});
      continue;
    }
    if (b.text_closed) continue;
    if (is_placeholder(line)) continue;
    if (is_help_text(question, line)) {
      b.after_help = true;
      continue;
    }
    // The short last piece of a wrapped help text ("kontakta").
    if (b.after_help) {
      b.after_help = false;
      std::string key = label_key(line);
      if (key.size() >= 3 && line.size() < 20 && question.help_key.find(key) != std::string::npos) continue;
    }
    if (line.rfind("Sida ", 0) == 0 && line.find(" av ") != std::string_view::npos && line.size() < 20) continue;
    b.lines.push_back(line);
  }
  return blocks;
}

namespace {

// Answer paragraphs of a block: the same-line answer and the lines below it,
// placeholders removed.
std::vector<std::string> paragraphs(const Block& b) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = tidy_space(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  if (!b.match.answer.empty() && !is_placeholder(b.match.answer)) cur = std::string(b.match.answer);
  for (std::string_view l : b.lines) {
    if (l.empty()) {
      flush();
      continue;
    }
    if (!cur.empty()) cur += ' ';
    cur += l;
  }
  flush();
  return out;
}

std::vector<std::string> answer_lines(const Block& b) {
  std::vector<std::string> out;
  if (!b.match.answer.empty() && !is_placeholder(b.match.answer)) out.push_back(tidy_space(b.match.answer));
  for (std::string_view l : b.lines)
    if (!l.empty()) out.push_back(tidy_space(l));
  return out;
}

std::optional<std::string> join(const std::vector<std::string>& parts, std::string_view sep) {
  if (parts.empty()) return std::nullopt;
  std::string s;
  for (const std::string& p : parts) {
    if (!s.empty()) s += sep;
    s += p;
  }
  return s;
}

// Splits "label: value" where label folds to one of the given prefixes.
std::optional<std::string_view> sub_label_value(std::string_view line, std::initializer_list<std::string_view> labels) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string head = label_key(line.substr(0, colon));
  for (std::string_view l : labels)
    if (head == label_key(l)) return trim(line.substr(colon + 1));
  return std::nullopt;
}

std::optional<std::string> find_email(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  size_t b = at, e = at;
  auto ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '+'; };
  while (b > 0 && ok(s[b - 1])) --b;
  while (e + 1 < s.size() && ok(s[e + 1])) ++e;
  std::string out(s.substr(b, e - b + 1));
  while (!out.empty() && out.back() == '.') out.pop_back();
  if (out.front() == '@' || out.back() == '@') return std::nullopt;
  return out;
}

// "Org – Enhet" / "Org, Nämnd" → name and unit (rule 10).
void split_org(std::string_view s, IncidentRecord& r) {
  static constexpr std::array<std::string_view, 5> kSeps = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", ", ", " / "};
  for (std::string_view sep : kSeps) {
    size_t p = s.find(sep);
    if (p == std::string_view::npos) continue;
    std::string_view name = trim(s.substr(0, p)), unit = trim(s.substr(p + sep.size()));
    if (name.empty() || unit.empty()) continue;
    r.organisation.name = std::string(name);
    r.organisation.unit = std::string(unit);
    return;
  }
  r.organisation.name = std::string(s);
}

template <size_t N>
void push_sorted(std::vector<std::string>& list, const std::array<std::string_view, N>& order, const std::string& v) {
  if (std::find(list.begin(), list.end(), v) != list.end()) return;
  list.push_back(v);
  std::sort(list.begin(), list.end(), [&](const std::string& a, const std::string& b) {
    return vocab::index_of(order, a) < vocab::index_of(order, b);
  });
}

// The chosen option values: every ticked option in form order; when nothing
// is ticked, the typed answer read as an option label (also a comma list).
std::vector<std::string> chosen_values(const Question& q, const Block& b) {
  std::vector<std::string> out;
  bool any_checked = false;
  for (const Tick& t : b.ticks) {
    if (!t.checked) continue;
    any_checked = true;
    if (const ChoiceOption* o = match_option(q, t.label)) out.push_back(o->value);
  }
  if (any_checked || !b.ticks.empty()) return out;
  // Nothing ticked: a typed answer names the option ("12. Pågår …?: Nej"). A
  // list of several option labels is the printed choices of a rendering that
  // lost its boxes, and answers nothing.
  std::vector<std::string> lines = answer_lines(b);
  size_t option_lines = 0;
  for (const std::string& line : lines)
    if (match_option(q, line)) ++option_lines;
  if (option_lines > 1) return out;
  for (const std::string& line : lines) {
    if (q.kind != QuestionKind::multi) {
      if (const ChoiceOption* o = match_option(q, line)) out.push_back(o->value);
      continue;
    }
    size_t start = 0;
    std::string_view s(line);
    while (start <= s.size()) {
      size_t comma = s.find(',', start);
      std::string_view piece = trim(s.substr(start, comma == std::string_view::npos ? s.npos : comma - start));
      if (!piece.empty())
        if (const ChoiceOption* o = match_option(q, piece)) out.push_back(o->value);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::optional<bool> to_bool(const std::string& v) {
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

Count read_count_block(const Question& q, const Block& b) {
  Count c;
  for (const std::string& line : answer_lines(b)) {
    std::string_view value = line;
    if (auto v = sub_label_value(line, {"Exakt antal registrerade", "Exakt antal uppgifter", "Exakt antal",
                                         "Uppskattat antal", "Antal"}))
      value = *v;
    if (value.empty() || is_placeholder(value)) continue;
    // A printed range label is a choice, not a typed count.
    if (value.data() == line.data() && match_option(q, value)) continue;
    if (std::optional<Count> got = read_count(value)) {
      c = *got;
      break;
    }
  }
  if (!c.exact) {
    for (const std::string& v : chosen_values(q, b)) {
      c.range = v;
      break;
    }
  }
  if (c.exact && !c.range) c.range = count_range(*c.exact);
  return c;
}

std::vector<Processor> read_processors(const Block& b) {
  std::vector<Processor> out;
  for (const std::string& line : answer_lines(b)) {
    if (auto v = sub_label_value(line, {"Organisationens namn", "Namn", "Biträdets namn", "Företag"})) {
      if (v->empty() || is_placeholder(*v)) continue;
      out.push_back(Processor{std::string(*v), std::nullopt});
    } else if (auto n = sub_label_value(line, {"Organisationsnummer", "Org.nr", "Org nr", "Orgnr"})) {
      if (n->empty() || is_placeholder(*n)) continue;
      if (out.empty() || out.back().org_number) out.push_back(Processor{});
      out.back().org_number = std::string(*n);
    } else {
      // "Name AB, 559912-3451" / "Name AB (559912-3451)" / "Name AB\t559912-3451"
      std::string_view s = line;
      size_t dash = std::string_view::npos;
      for (size_t i = 6; i + 4 < s.size() + 0 && i < s.size(); ++i) {
        if (s[i] != '-') continue;
        bool ok = i >= 6 && i + 4 < s.size() + 1;
        for (size_t k = i - 6; ok && k < i; ++k) ok = std::isdigit(static_cast<unsigned char>(s[k]));
        for (size_t k = i + 1; ok && k <= i + 4; ++k) ok = k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]));
        if (ok) {
          dash = i;
          break;
        }
      }
      if (dash == std::string_view::npos) continue;
      std::string_view name = s.substr(0, dash - 6);
      while (!name.empty() && (name.back() == ',' || name.back() == '(' || name.back() == ' ' || name.back() == '\t' ||
                               name.back() == ':'))
        name.remove_suffix(1);
      out.push_back(Processor{name.empty() ? std::nullopt : std::optional<std::string>(std::string(trim(name))),
                              std::string(s.substr(dash - 6, 11))});
    }
  }
  return out;
}

std::vector<Action> read_actions(const Block& b, const ExtractContext& ctx) {
  std::vector<Action> out;
  RecordTime pending_at;
  bool have_pending = false;
  for (const std::string& line : answer_lines(b)) {
    if (auto when = sub_label_value(line, {"Datum och klockslag", "Datum", "Tidpunkt", "Datum/tid"})) {
      pending_at = when->empty() || is_placeholder(*when) ? std::nullopt : read_time(*when, ctx.message_date);
      have_pending = !when->empty() && !is_placeholder(*when);
      continue;
    }
    std::string_view what = line;
    if (auto v = sub_label_value(line, {"Åtgärd", "Vidtagen åtgärd", "Åtgärder"})) what = *v;
    if (what.empty() || is_placeholder(what)) {
      have_pending = false;
      pending_at.reset();
      continue;
    }
    Action a;
    if (have_pending) {
      a.at = pending_at;
    } else {
      // A table row "2026-06-08 16:20<TAB>what was done".
      size_t tab = what.find('\t');
      if (tab != std::string_view::npos) {
        if (RecordTime t = read_time(what.substr(0, tab), ctx.message_date)) {
          a.at = t;
          what = trim(what.substr(tab + 1));
        }
      }
    }
    a.action = tidy_space(what);
    if (!a.action.empty()) out.push_back(std::move(a));
    have_pending = false;
    pending_at.reset();
  }
  return out;
}

bool field_empty(FormField f, const IncidentRecord& r) {
  switch (f) {
    case FormField::org_name: return !r.organisation.name;
    case FormField::org_number: return !r.organisation.org_number;
    case FormField::postal_address: return !r.organisation.postal_address;
    case FormField::internal_reference: return !r.organisation.internal_reference;
    case FormField::contact_name: return !r.contact.name;
    case FormField::contact_role: return !r.contact.role;
    case FormField::contact_email: return !r.contact.email;
    case FormField::contact_phone: return !r.contact.phone;
    case FormField::contact_address: return !r.contact.address;
    case FormField::occurred_at: return !r.occurred_at;
    case FormField::discovered_at: return !r.discovered_at;
    case FormField::description: return !r.description;
    default: return false;
  }
}

void fill(const Question& q, const Block& b, const ExtractContext& ctx, IncidentRecord& r) {
  std::vector<std::string> paras = paragraphs(b);
  std::optional<std::string> first = paras.empty() ? std::nullopt : std::optional<std::string>(paras.front());
  auto time_of = [&]() -> RecordTime {
    for (const std::string& p : paras) {
      std::string_view v = p;
      if (auto d = sub_label_value(p, {"Datum", "Datum och klockslag"})) v = *d;
      if (RecordTime t = read_time(v, ctx.message_date)) return t;
    }
    return std::nullopt;
  };
  auto single = [&]() -> std::optional<std::string> {
    std::vector<std::string> v = chosen_values(q, b);
    if (v.empty()) return std::nullopt;
    return v.front();
  };
  switch (q.field) {
    case FormField::org_name:
      if (first) split_org(*first, r);
      break;
    case FormField::org_number: r.organisation.org_number = first; break;
    case FormField::postal_address: r.organisation.postal_address = join(paras, ", "); break;
    case FormField::internal_reference: r.organisation.internal_reference = first; break;
    case FormField::contact_name: r.contact.name = first; break;
    case FormField::contact_role: r.contact.role = single(); break;
    case FormField::contact_email:
      if (first) r.contact.email = find_email(*first).value_or(*first);
      break;
    case FormField::contact_phone: r.contact.phone = first; break;
    case FormField::contact_address: r.contact.address = join(paras, ", "); break;
    case FormField::occurred_at: r.occurred_at = time_of(); break;
    case FormField::discovered_at: r.discovered_at = time_of(); break;
    case FormField::ended_at: r.ended_at = time_of(); break;
    case FormField::subjects_informed_at: r.subjects_informed_at = time_of(); break;
    case FormField::inform_subjects_at: r.inform_subjects_at = time_of(); break;
    case FormField::late_reason: r.late_reason = join(paras, " "); break;
    case FormField::description: r.description = join(paras, " "); break;
    case FormField::confidentiality_request: r.confidentiality_request = join(paras, " "); break;
    case FormField::ongoing:
      if (auto v = single()) r.ongoing = to_bool(*v);
      break;
    case FormField::processor_involved:
      if (auto v = single()) r.processor_involved = to_bool(*v);
      break;
    case FormField::subjects_informed:
      if (auto v = single()) r.subjects_informed = to_bool(*v);
      break;
    case FormField::supplement_planned:
      if (auto v = single()) r.supplement_planned = to_bool(*v);
      break;
    case FormField::incident_type: r.incident_type = single(); break;
    case FormField::detected_by: r.detected_by = single(); break;
    case FormField::cause: r.cause = single(); break;
    case FormField::sector: r.sector = single(); break;
    case FormField::area: r.area = single(); break;
    case FormField::encrypted: r.encrypted = single(); break;
    case FormField::will_inform_subjects: r.will_inform_subjects = single(); break;
    case FormField::severity:
      if (auto v = single()) r.severity = (*v)[0] - '0';
      break;
    case FormField::subject_groups:
      for (const std::string& v : chosen_values(q, b)) push_sorted(r.subject_groups, vocab::kSubjectGroups, v);
      break;
    case FormField::data_categories:
      for (const std::string& v : chosen_values(q, b)) push_sorted(r.data_categories, vocab::kDataCategories, v);
      break;
    case FormField::consequences:
      for (const std::string& v : chosen_values(q, b)) push_sorted(r.consequences, vocab::kConsequences, v);
      break;
    case FormField::not_inform_reasons:
      for (const std::string& v : chosen_values(q, b)) push_sorted(r.not_inform_reasons, vocab::kNotInformReasons, v);
      break;
    case FormField::data_subjects: r.data_subjects = read_count_block(q, b); break;
    case FormField::records: r.records = read_count_block(q, b); break;
    case FormField::processors: r.processors = read_processors(b); break;
    case FormField::actions: r.actions = read_actions(b, ctx); break;
  }
}

}  // namespace

BlankettEvidence blankett_evidence(const std::vector<BlankettBlock>& blocks) {
  BlankettEvidence e;
  std::set<size_t> distinct;
  for (const Block& b : blocks) {
    if (!distinct.insert(b.question).second) continue;
    ++e.questions;
    if (b.match.number) ++e.numbered;
    if (b.match.exact_label) ++e.exact_labels;
    e.ticks += b.ticks.size();
  }
  return e;
}

BlankettEvidence scan_blankett(std::string_view text) { return blankett_evidence(scan_blankett_blocks(text)); }

void parse_blankett(std::string_view text, const ExtractContext& ctx, IncidentRecord& record) {
  parse_blankett(text, scan_blankett_blocks(text), ctx, record);
}

void parse_blankett(std::string_view text, const std::vector<BlankettBlock>& blocks, const ExtractContext& ctx,
                    IncidentRecord& record) {
  const auto& table = blankett_questions();
  const bool mangled = looks_ocr_mangled(text);
  bool form_prints_stars = std::any_of(blocks.begin(), blocks.end(), [](const Block& b) { return b.match.starred; });
  std::vector<bool> filled(table.size(), false);
  for (const Block& b : blocks) {
    const Question& q = table[b.question];
    // A question asked twice (a pasted copy) keeps its first filled answer.
    if (filled[b.question]) continue;
    fill(q, b, ctx, record);
    filled[b.question] = !field_empty(q.field, record);
  }
  if (mangled) {
    // Free text of a mangled scan, repaired where certain.
    for (auto* field : {&record.description, &record.late_reason, &record.confidentiality_request})
      if (*field) *field = repair_ocr_letters(**field);
    for (Action& a : record.actions) a.action = repair_ocr_letters(a.action);
  }
  std::string missing;
  std::set<size_t> reported;
  for (const Block& b : blocks) {
    const Question& q = table[b.question];
    bool mandatory = form_prints_stars ? b.match.starred : q.mandatory;
    if (!mandatory || !field_empty(q.field, record) || !reported.insert(b.question).second) continue;
    if (!missing.empty()) missing += ' ';
    missing += "Fråga " + std::to_string(b.match.number.value_or(q.number)) + " (" + q.texts.front() +
               ") är inte ifylld.";
  }
  if (!missing.empty()) record.warn(std::string(vocab::kMissingMandatoryField), missing);
}

}  // namespace gdprd::parsers
