#include "notify/ack_composer.hpp"

#include <cctype>
#include <map>

#include "core/stockholm_time.hpp"
#include "notify/mail_encoding.hpp"

namespace gdprd::notify {

namespace {

struct Label {
  std::string_view sv;
  std::string_view en;
};

std::string_view pick(const Label& l, Language lang) { return lang == Language::sv ? l.sv : l.en; }

// Spec data_categories codes in the words of the municipal form (Q26).
const std::map<std::string_view, Label>& category_labels() {
  static const std::map<std::string_view, Label> labels = {
      {"ethnic_origin", {"etniskt ursprung", "ethnic origin"}},
      {"political_opinions", {"politiska åsikter", "political opinions"}},
      {"religious_beliefs", {"religiös eller filosofisk övertygelse", "religious or philosophical beliefs"}},
      {"trade_union", {"medlemskap i fackförening", "trade union membership"}},
      {"genetic", {"genetiska uppgifter", "genetic data"}},
      {"biometric", {"biometriska uppgifter", "biometric data"}},
      {"health", {"uppgifter om hälsa", "health data"}},
      {"sex_life", {"sexualliv eller sexuell läggning", "sex life or sexual orientation"}},
      {"criminal_offences", {"lagöverträdelser", "criminal offences"}},
      {"personal_identity_number", {"personnummer", "personal identity numbers"}},
      {"financial", {"ekonomiska uppgifter", "financial data"}},
      {"official_documents", {"officiella handlingar", "official documents"}},
      {"location", {"platsuppgifter", "location data"}},
      {"communication_logs", {"loggar över kommunikation", "communication logs"}},
      {"communication_metadata", {"metadata om kommunikation", "communication metadata"}},
      {"identifying", {"identifieringsuppgifter", "identifying data"}},
      {"contact", {"kontaktuppgifter", "contact details"}},
      {"unknown", {"okänt", "unknown"}},
      {"other", {"övrigt", "other"}},
  };
  return labels;
}

// Spec field names in the words of the form's questions.
const std::map<std::string_view, Label>& field_labels() {
  static const std::map<std::string_view, Label> labels = {
      {"organisation", {"organisationens namn och adress (fråga 1–3)", "the organisation's name and address (questions 1–3)"}},
      {"contact", {"kontaktperson: namn och e-post (fråga 5–7)", "contact person: name and e-mail (questions 5–7)"}},
      {"ended_at", {"när incidenten upphörde (fråga 13)", "when the incident ended (question 13)"}},
      {"late_reason", {"skälet till att anmälan görs sent (fråga 14)", "the reason the report is late (question 14)"}},
      {"processors", {"personuppgiftsbiträdets namn (fråga 22)", "the processor's name (question 22)"}},
      {"organisation.name", {"organisationens namn (fråga 1)", "name of the organisation (question 1)"}},
      {"organisation.org_number", {"organisationsnummer (fråga 2)", "organisation number (question 2)"}},
      {"organisation.postal_address", {"organisationens postadress (fråga 3)", "postal address (question 3)"}},
      {"organisation.unit", {"enhet/förvaltning", "unit/department"}},
      {"contact.name", {"kontaktpersonens namn (fråga 5)", "contact person's name (question 5)"}},
      {"contact.email", {"kontaktpersonens e-post (fråga 7)", "contact person's e-mail (question 7)"}},
      {"contact.phone", {"kontaktpersonens telefonnummer (fråga 8)", "contact person's phone number (question 8)"}},
      {"contact.address", {"kontaktadress (fråga 9)", "contact address (question 9)"}},
      {"occurred_at", {"när incidenten inträffade (fråga 10)", "when the incident occurred (question 10)"}},
      {"discovered_at", {"när incidenten upptäcktes (fråga 11)", "when the incident was discovered (question 11)"}},
      {"ongoing", {"om incidenten pågår (fråga 12)", "whether the incident is ongoing (question 12)"}},
      {"incident_type", {"typ av incident (fråga 15)", "type of incident (question 15)"}},
      {"description", {"beskrivning av incidenten (fråga 16)", "description of the incident (question 16)"}},
      {"detected_by", {"hur incidenten upptäcktes (fråga 17)", "how the incident was detected (question 17)"}},
      {"cause", {"orsak (fråga 18)", "cause (question 18)"}},
      {"sector", {"sektor (fråga 19)", "sector (question 19)"}},
      {"area", {"verksamhetsområde (fråga 20)", "area of activity (question 20)"}},
      {"processor_involved", {"om personuppgiftsbiträde berörs (fråga 21)", "whether a processor is involved (question 21)"}},
      {"data_subjects", {"antal berörda personer (fråga 23)", "number of persons affected (question 23)"}},
      {"records", {"antal berörda poster (fråga 24)", "number of records affected (question 24)"}},
      {"subject_groups", {"kategorier av registrerade (fråga 25)", "categories of data subjects (question 25)"}},
      {"data_categories", {"typer av personuppgifter (fråga 26)", "types of personal data (question 26)"}},
      {"encrypted", {"om uppgifterna var krypterade (fråga 27)", "whether the data was encrypted (question 27)"}},
      {"consequences", {"möjliga konsekvenser (fråga 28)", "possible consequences (question 28)"}},
      {"severity", {"allvarlighetsgrad (fråga 29)", "severity (question 29)"}},
      {"actions", {"vidtagna åtgärder (fråga 30)", "measures taken (question 30)"}},
      {"subjects_informed", {"om de registrerade har informerats (fråga 31)", "whether the data subjects were informed (question 31)"}},
  };
  return labels;
}

std::string label_or_code(const std::map<std::string_view, Label>& labels, const std::string& code, Language lang) {
  auto it = labels.find(code);
  return it == labels.end() ? sanitize_header_value(code) : std::string(pick(it->second, lang));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

Language parse_language(std::string_view code) {
  std::string lower;
  for (char c : code) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "en" ? Language::en : Language::sv;
}

AckComposer::AckComposer(MailComposer composer, std::string from, std::string from_name)
    : composer_(std::move(composer)), from_(std::move(from)), from_name_(std::move(from_name)) {}

std::string AckComposer::subject(const AckFacts& facts, Language lang) {
  std::string original = sanitize_header_value(facts.original_subject);
  if (original.size() > 200) {  // keep whole UTF-8 sequences
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(original[cut]) & 0xc0) == 0x80) --cut;
    original = original.substr(0, cut) + "…";
  }
  std::string s = "[" + sanitize_header_value(facts.reference) + "] " +
                  (lang == Language::sv ? "Mottagen" : "Received");
  if (!original.empty()) s += ": " + original;
  return s;
}

std::string AckComposer::body(const AckFacts& f, Language lang) {
  const bool sv = lang == Language::sv;
  const std::string missing_value = sv ? "uppgift saknas" : "not stated";
  const std::string ref = sanitize_header_value(f.reference);
  std::string b;
  b += sv ? "Hej,\n\n" : "Hello,\n\n";
  b += sv ? "Vi har tagit emot din anmälan om en personuppgiftsincident. Den har fått referensnummer " + ref + ".\n\n"
          : "We have received your report of a personal data breach. Its reference number is " + ref + ".\n\n";
  b += sv ? "Om du svarar på det här mejlet och behåller referensnumret [" + ref +
                "] i ämnesraden läggs ditt svar till anmälan. Så kan du komplettera med uppgifter som saknas.\n\n"
          : "If you reply to this e-mail and keep the reference [" + ref +
                "] in the subject line, your reply is added to the report. That is how you can add missing "
                "information.\n\n";
  b += sv ? "Detta har vi läst ut ur anmälan:\n" : "This is what we read from the report:\n";

  std::string discovered = missing_value;
  if (f.discovered_at) {
    if (f.discovered_date_only)
      discovered = stockholm::format_date(stockholm::to_local(*f.discovered_at)) +
                   (sv ? " (klockslag saknas)" : " (no time of day given)");
    else
      discovered = stockholm::format_human(*f.discovered_at) + (sv ? " (svensk tid)" : " (Swedish time)");
  }
  b += (sv ? "- Upptäckt: " : "- Discovered: ") + discovered + "\n";
  std::string deadline = sv ? "kan inte beräknas" : "cannot be computed";
  if (f.imy_deadline) deadline = stockholm::format_human(*f.imy_deadline) + (sv ? " (svensk tid)" : " (Swedish time)");
  b += (sv ? "- Senaste tidpunkt för anmälan till IMY (72 timmar efter att vi fick kännedom): "
           : "- Deadline for notifying IMY (72 hours after becoming aware): ") +
       deadline + "\n";
  std::string persons = missing_value;
  if (f.data_subjects && !f.data_subjects->empty()) {
    persons = sanitize_header_value(*f.data_subjects);
    if (persons == "unknown") persons = sv ? "okänt" : "unknown";
    else if (persons == "over_1000000") persons = sv ? "fler än 1 000 000" : "more than 1,000,000";
  }
  b += (sv ? "- Antal berörda personer: " : "- Number of persons affected: ") + persons + "\n";
  std::vector<std::string> categories;
  for (const auto& c : f.data_categories) categories.push_back(label_or_code(category_labels(), c, lang));
  b += (sv ? "- Typer av personuppgifter: " : "- Kinds of personal data: ") +
       (categories.empty() ? missing_value : join(categories)) + "\n";
  std::string unit = f.unit ? sanitize_header_value(*f.unit) : "";
  b += (sv ? "- Enhet: " : "- Unit: ") + (unit.empty() ? missing_value : unit) + "\n\n";

  if (f.missing_fields.empty()) {
    b += sv ? "Alla obligatoriska uppgifter finns med.\n\n" : "All mandatory information is present.\n\n";
  } else {
    b += sv ? "Följande obligatoriska uppgifter saknas eller kunde inte läsas ut. Komplettera dem så snart som möjligt:\n"
            : "The following mandatory information is missing or could not be read. Please add it as soon as "
              "possible:\n";
    for (const auto& field : f.missing_fields) b += "- " + label_or_code(field_labels(), field, lang) + "\n";
    b += "\n";
  }
  b += sv ? "Det här är ett automatiskt svar. Informationssäkerhetsfunktionen bedömer incidenten och "
            "återkommer vid behov.\n"
          : "This is an automatic reply. The information security function will assess the incident and "
            "get back to you if needed.\n";
  return b;
}

ComposeResult AckComposer::compose(const AckFacts& facts, Language lang, TimePoint now) const {
  OutgoingMail mail;
  mail.from = from_;
  mail.from_name = from_name_;
  mail.to = {facts.recipient};
  mail.subject = subject(facts, lang);
  mail.body = body(facts, lang);
  mail.in_reply_to = facts.original_message_id;
  mail.references = facts.original_references;
  if (!facts.original_message_id.empty()) mail.references.push_back(facts.original_message_id);
  mail.auto_submitted = AutoSubmitted::auto_replied;
  mail.date = now;
  return composer_.compose(mail);
}

}  // namespace gdprd::notify
