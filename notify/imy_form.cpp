#include "notify/imy_form.hpp"

#include "notify/swedish_labels.hpp"

namespace gdprd::notify {
namespace {

using Lines = std::vector<std::string>;

// Free text may arrive with CRLF or CR; the form text is LF only.
Lines text_lines(const std::optional<std::string>& text) {
  Lines out;
  if (!text || text->empty()) return out;
  std::string line;
  for (size_t i = 0; i < text->size(); ++i) {
    char c = (*text)[i];
    if (c == '\r' || c == '\n') {
      out.push_back(line);
      line.clear();
      if (c == '\r' && i + 1 < text->size() && (*text)[i + 1] == '\n') ++i;
    } else {
      line += c;
    }
  }
  out.push_back(line);
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

Lines one(const std::optional<std::string>& value) {
  if (!value || value->empty()) return {};
  return {*value};
}

Lines yes_no(const std::optional<bool>& value) {
  if (!value) return {};
  return {*value ? "Ja" : "Nej"};
}

Lines time_line(const std::optional<std::string>& value) {
  if (!value || value->empty()) return {};
  return {form_time(*value)};
}

Lines date_line(const std::optional<std::string>& value) {
  if (!value || value->empty()) return {};
  return {"Datum: " + value->substr(0, 10)};
}

Lines label(std::string_view field, const std::optional<std::string>& value) {
  if (!value || value->empty()) return {};
  return {swedish_label(field, *value)};
}

Lines labels(std::string_view field, const std::vector<std::string>& values) {
  Lines out;
  for (const auto& v : values) out.push_back(swedish_label(field, v));
  return out;
}

Lines count_lines(const Count& count, std::string_view exact_label) {
  Lines out;
  if (count.exact) out.push_back(std::string(exact_label) + std::to_string(*count.exact));
  if (count.range) out.push_back("Intervall: " + swedish_label("range", *count.range));
  return out;
}

std::string render(const ImyForm& form, const ImyFormFacts& facts) {
  static const std::pair<int, const char*> kSections[] = {
      {1, "Personuppgiftsansvarig"}, {5, "Kontaktuppgifter för anmälan"}, {10, "Incidenten"},
      {21, "Biträden"}, {23, "Uppgifterna och de registrerade"}, {28, "Konsekvenser"},
      {31, "Information till de registrerade"}, {36, "Komplettering/eventuell sekretess"}};
  std::string out = "Anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY)\n";
  out += "Underlag i blankettens ordning (fråga 1–37)";
  if (!facts.reference.empty()) out += ", ärende " + facts.reference;
  out += "\n";
  for (const auto& q : form.questions) {
    for (const auto& [first, title] : kSections)
      if (first == q.number) out += "\n== " + std::string(title) + " ==\n";
    out += "\n" + std::to_string(q.number) + ". " + q.question + "\n";
    if (q.answer_lines.empty()) out += "\n";
    for (const auto& line : q.answer_lines) out += line + "\n";
  }
  out += "\n";
  if (form.missing.empty()) {
    out += "Alla obligatoriska frågor är besvarade.\n";
  } else {
    out += "Saknas innan anmälan kan skickas:\n";
    for (int n : form.missing) out += "- " + std::to_string(n) + ". " + form.questions[n - 1].question + "\n";
  }
  return out;
}

}  // namespace

ImyForm compose_imy_form(const IncidentRecord& r, const ImyFormFacts& facts) {
  ImyForm form;
  auto add = [&](const char* question, Lines answer, bool required) {
    ImyFormQuestion q;
    q.number = static_cast<int>(form.questions.size()) + 1;
    q.question = question;
    q.answer_lines = std::move(answer);
    q.required = required;
    form.questions.push_back(std::move(q));
  };

  Lines internal_ref = one(r.organisation.internal_reference);
  if (!facts.reference.empty()) {
    if (internal_ref.empty()) internal_ref.push_back(facts.reference);
    else internal_ref[0] += " (" + facts.reference + ")";
  }
  Lines role;
  if (r.contact.role == "dpo") role = {"Dataskyddsombud"};
  else if (r.contact.role == "other") role = {"Annan roll"};

  Lines late_reason = text_lines(facts.delay_reason ? facts.delay_reason : r.late_reason);

  Lines processors;
  for (const auto& p : r.processors) {
    if (!processors.empty()) processors.push_back("");
    processors.push_back("Organisationens namn: " + p.name.value_or(""));
    processors.push_back("Organisationsnummer: " + p.org_number.value_or(""));
  }

  Lines actions;
  for (const auto& a : r.actions) {
    if (!actions.empty()) actions.push_back("");
    actions.push_back("Datum och klockslag: " + (a.at ? form_time(*a.at) : std::string()));
    Lines text = text_lines(a.action);
    if (text.empty()) text.push_back("");
    text[0] = "Åtgärd: " + text[0];
    actions.insert(actions.end(), text.begin(), text.end());
  }

  Lines severity;
  if (r.severity) severity = {swedish_label("severity", std::to_string(*r.severity))};

  const bool ended = r.ongoing.has_value() && !*r.ongoing;
  const bool informed_no = r.subjects_informed.has_value() && !*r.subjects_informed;

  add("Organisationens namn *", one(r.organisation.name), true);
  add("Organisationsnummer", one(r.organisation.org_number), false);
  add("Organisationens postadress *", one(r.organisation.postal_address), true);
  add("Er organisations interna referensnummer", internal_ref, false);
  add("Kontaktpersonens namn *", one(r.contact.name), true);
  add("Kontaktpersonens roll", role, false);
  add("Kontaktpersonens e-post *", one(r.contact.email), true);
  add("Kontaktpersonens telefonnummer *", one(r.contact.phone), true);
  add("Den adress ni önskar bli kontaktad på *", text_lines(r.contact.address), true);
  add("När inträffade incidenten?", time_line(r.occurred_at), false);
  add("När upptäckte ni incidenten?", time_line(r.discovered_at), true);
  add("Pågår incidenten fortfarande?", yes_no(r.ongoing), true);
  add("När upphörde incidenten?", time_line(r.ended_at), ended);
  add("Om er anmälan kommer in senare än 72 timmar efter att ni upptäckte incidenten, beskriv varför.",
      late_reason, facts.late);
  add("Vad har hänt vid incidenten?", label("incident_type", r.incident_type), true);
  add("Kort beskrivning av incidenten", text_lines(r.description), true);
  add("Hur upptäckte ni incidenten?", label("detected_by", r.detected_by), true);
  add("Varför inträffade incidenten enligt er uppfattning?", label("cause", r.cause), true);
  add("Inom vilken sektor inträffade incidenten?", label("sector", r.sector), true);
  add("Inom vilket verksamhetsområde inträffade incidenten?", label("area", r.area), true);
  add("Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden "
      "eller underbiträden?",
      yes_no(r.processor_involved), true);
  add("Organisationens namn och organisationsnummer.", processors, r.processor_involved.value_or(false));
  add("Hur många registrerade har påverkats?", count_lines(r.data_subjects, "Exakt antal registrerade: "), true);
  add("Hur många uppgifter om de registrerade har påverkats totalt?",
      count_lines(r.records, "Exakt antal uppgifter: "), false);
  add("Vilka grupper tillhör de registrerade?", labels("subject_groups", r.subject_groups), true);
  add("Vilken sorts personuppgifter har incidenten drabbat?", labels("data_categories", r.data_categories), true);
  add("Var personuppgifterna krypterade?", label("encrypted", r.encrypted), true);
  add("Vad kan bli konsekvenserna av incidenten?", labels("consequences", r.consequences), true);
  add("Hur allvarlig bedömer ni att incidenten är?", severity, true);
  add("Hur har ni agerat efter incidenten? Beskriv vad ni har gjort.", actions, true);
  add("Har ni informerat de registrerade om incidenten?", yes_no(r.subjects_informed), true);
  add("När informerade ni de registrerade?", date_line(r.subjects_informed_at), r.subjects_informed.value_or(false));
  add("Kommer ni att informera de registrerade?", label("will_inform_subjects", r.will_inform_subjects),
      informed_no);
  add("När kommer ni att informera de registrerade?", date_line(r.inform_subjects_at),
      informed_no && r.will_inform_subjects == "yes");
  add("Varför kommer ni inte att informera de registrerade?", labels("not_inform_reasons", r.not_inform_reasons),
      informed_no && r.will_inform_subjects == "no");
  add("Avser ni att komplettera er anmälan?", yes_no(r.supplement_planned), true);
  add("Om ni anser att viss information i er anmälan bör omfattas av sekretess, beskriv vilken information "
      "som enligt er bör vara sekretessbelagd och varför.",
      text_lines(r.confidentiality_request), false);

  for (const auto& q : form.questions)
    if (q.required && q.answer_lines.empty()) form.missing.push_back(q.number);
  form.text = render(form, facts);
  return form;
}

}  // namespace gdprd::notify
