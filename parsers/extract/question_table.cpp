#include "parsers/extract/question_table.hpp"

#include <array>

#include "parsers/extract/label_match.hpp"
#include "parsers/extract/tick_reader.hpp"
#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

using K = QuestionKind;
using F = FormField;

ChoiceOption opt(std::vector<std::string> labels, std::string value) {
  ChoiceOption o{std::move(labels), std::move(value), {}};
  return o;
}

std::vector<ChoiceOption> yes_no() { return {opt({"Ja"}, "true"), opt({"Nej"}, "false")}; }

std::vector<ChoiceOption> ranges() {
  return {opt({"1–10", "1-10"}, "1-10"),
          opt({"11–100", "11-100"}, "11-100"),
          opt({"101–1 000", "101-1000"}, "101-1000"),
          opt({"1 001–10 000", "1001-10000"}, "1001-10000"),
          opt({"10 001–100 000", "10001-100000"}, "10001-100000"),
          opt({"100 001–500 000", "100001-500000"}, "100001-500000"),
          opt({"500 001–1 miljon", "500 001–1 000 000", "500001-1000000"}, "500001-1000000"),
          opt({"Över 1 miljon", "Mer än 1 miljon", "Över 1 000 000"}, "over_1000000"),
          opt({"Okänt/kan inte ange", "Okänt", "Kan inte ange", "Vet ej", "Vet inte"}, "unknown")};
}

Question q(int number, F field, K kind, bool mandatory, std::vector<std::string> texts,
           std::vector<std::string> help = {}, std::vector<ChoiceOption> options = {}) {
  Question out;
  out.number = number;
  out.field = field;
  out.kind = kind;
  out.mandatory = mandatory;
  out.texts = std::move(texts);
  out.help = std::move(help);
  out.options = std::move(options);
  return out;
}

const char* const kDateHelp = "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM) och eventuell kommentar.";

std::vector<Question> build_table() {
  std::vector<Question> t;
  t.push_back(q(1, F::org_name, K::text, true,
                {"Organisationens namn", "Personuppgiftsansvarig organisation", "Namn på organisationen",
                 "Organisation", "Personuppgiftsansvarig (namn)"},
                {"Skriv namnet på den personuppgiftsansvarige där incidenten har inträffat."}));
  t.push_back(q(2, F::org_number, K::text, false,
                {"Organisationsnummer", "Org.nr", "Org nr", "Orgnr", "Org.nummer"},
                {"Ange organisationsnummer (XXXXXX-XXXX).",
                 "Obs! Om den personuppgiftsansvarige är en enskild firma ska detta fält inte fyllas i."}));
  t.push_back(q(3, F::postal_address, K::text, true, {"Organisationens postadress", "Postadress"},
                {"Ange postadress (det vill säga inte besöksadress)."}));
  t.push_back(q(4, F::internal_reference, K::text, false,
                {"Er organisations interna referensnummer", "Interna referensnummer", "Internt referensnummer",
                 "Ert referensnummer", "Referensnummer", "Diarienummer", "Ärendenummer", "Dnr"},
                {"Ert referensnummer för egen uppföljning."}));
  t.push_back(q(5, F::contact_name, K::text, true,
                {"Kontaktpersonens namn", "Namn på kontaktperson", "Kontaktperson"},
                {"Namnet på den som Integritetsskyddsmyndigheten IMY kan kontakta.",
                 "Den kontaktperson som IMY kan kontakta"}));
  t.push_back(q(6, F::contact_role, K::single, false, {"Kontaktpersonens roll", "Roll"}, {},
                {opt({"Dataskyddsombud", "DSO", "Data protection officer"}, "dpo"),
                 opt({"Annan roll", "Annan"}, "other")}));
  t.push_back(q(7, F::contact_email, K::text, true,
                {"Kontaktpersonens e-post", "Kontaktpersonens e-postadress", "Kontaktpersonens mejladress",
                 "E-postadress", "E-post", "Mejl"}));
  t.push_back(q(8, F::contact_phone, K::text, true,
                {"Kontaktpersonens telefonnummer", "Kontaktpersonens telefon", "Telefonnummer", "Telefon"}));
  t.push_back(q(9, F::contact_address, K::text, true,
                {"Den adress ni önskar bli kontaktad på", "Adress ni önskar bli kontaktad på", "Kontaktadress"},
                {"Brev som IMY skickar till er gällande anmälan kommer att skickas till den här adressen.",
                 "Den kontaktperson som IMY kan kontakta"}));
  t.push_back(q(10, F::occurred_at, K::time, false,
                {"När inträffade incidenten?", "Incidenten inträffade", "Tidpunkt för incidenten",
                 "Datum för incidenten"},
                {kDateHelp}));
  t.push_back(q(11, F::discovered_at, K::time, false,
                {"När upptäckte ni incidenten?", "När upptäcktes incidenten?", "Incidenten upptäcktes",
                 "Tidpunkt för upptäckt"},
                {kDateHelp}));
  t.push_back(q(12, F::ongoing, K::single, false, {"Pågår incidenten fortfarande?", "Pågår incidenten?"},
                {"Om ni svarat ja på frågan ovan, gå till fråga 14."}, yes_no()));
  t.push_back(q(13, F::ended_at, K::time, false, {"När upphörde incidenten?", "Incidenten upphörde"},
                {kDateHelp}));
  t.push_back(q(14, F::late_reason, K::text, false,
                {"Om er anmälan kommer in senare än 72 timmar efter att ni upptäckte incidenten, beskriv varför.",
                 "Om anmälan kommer in senare än 72 timmar", "Skäl till försenad anmälan",
                 "Anledning till sen anmälan", "Orsak till försenad anmälan"}));
  t.push_back(q(15, F::incident_type, K::single, false,
                {"Vad har hänt vid incidenten?", "Vad har hänt?", "Typ av incident", "Incidenttyp"},
                {"Välj det alternativ som stämmer bäst överens med det som inträffat."},
                {opt({"Obehörigt röjande genom felaktigt utskick av mejl/brev/sms", "Felaktigt utskick",
                      "Obehörigt röjande genom felaktigt utskick"},
                     "misdirected_message"),
                 opt({"Obehörigt röjande: Övrigt", "Obehörigt röjande övrigt", "Obehörigt röjande"},
                     "disclosure_other"),
                 opt({"Obehörig åtkomst"}, "unauthorized_access"),
                 opt({"Förlust"}, "loss"),
                 opt({"Förstöring"}, "destruction"),
                 opt({"Ändring"}, "alteration")}));
  t.push_back(q(16, F::description, K::text, false,
                {"Kort beskrivning av incidenten", "Beskrivning av incidenten", "Beskriv incidenten",
                 "Kort beskrivning", "Beskrivning"}));
  t.push_back(q(17, F::detected_by, K::single, false,
                {"Hur upptäckte ni incidenten?", "Hur upptäcktes incidenten?"}, {},
                {opt({"Genom en automatiserad process", "Automatiserad process", "Tekniska säkerhetsåtgärder"},
                     "automated"),
                 opt({"Genom organisatoriska rutiner", "Organisatoriska rutiner"}, "routine"),
                 opt({"En anställd informerade oss", "En anställd"}, "employee"),
                 opt({"Vårt personuppgiftsbiträde informerade oss", "Vårt personuppgiftsbiträde",
                      "Personuppgiftsbiträde"},
                     "processor"),
                 opt({"En utomstående eller registrerad informerade oss", "En utomstående", "En registrerad"},
                     "external")}));
  t.push_back(q(18, F::cause, K::single, false,
                {"Varför inträffade incidenten enligt er uppfattning?", "Varför inträffade incidenten?",
                 "Orsak till incidenten", "Orsak"},
                {},
                {opt({"Mänskliga faktorn"}, "human_error"),
                 opt({"Brist i organisatoriska rutiner eller processer", "Brist i organisatoriska rutiner"},
                     "organisational"),
                 opt({"Tekniskt fel"}, "technical"),
                 opt({"Medvetet angrepp från någon i organisationen", "Medvetet angrepp"}, "internal_malicious"),
                 opt({"Antagonistiskt angrepp", "Angrepp utifrån"}, "external_attack"),
                 opt({"Okänd orsak", "Okänd"}, "unknown"),
                 opt({"Övrigt", "Annat"}, "other")}));
  t.push_back(q(19, F::sector, K::single, false,
                {"Inom vilken sektor inträffade incidenten?", "Sektor"}, {},
                {opt({"Offentlig sektor", "Offentlig"}, "public"), opt({"Privat sektor", "Privat"}, "private"),
                 opt({"Övrigt", "Annan"}, "other")}));
  t.push_back(q(20, F::area, K::single, false,
                {"Inom vilket verksamhetsområde inträffade incidenten?", "Verksamhetsområde"}, {},
                {opt({"Hälso- och sjukvård", "Hälso och sjukvård", "Sjukvård"}, "healthcare"),
                 opt({"Socialtjänst"}, "social_services"),
                 opt({"Skola: Förskola, grundskola, gymnasium", "Skola"}, "school"),
                 opt({"Universitet eller högskola", "Universitet"}, "university"),
                 opt({"Annan eftergymnasial utbildning"}, "other_higher_education"),
                 opt({"Forskning"}, "research"),
                 opt({"Finansiell sektor eller försäkring", "Finansiell sektor"}, "finance_insurance"),
                 opt({"Kreditupplysning"}, "credit_reporting"),
                 opt({"Inkasso"}, "debt_collection"),
                 opt({"Näringslivet i övrigt"}, "business_other"),
                 opt({"Polis"}, "police"),
                 opt({"Rättsväsendet i övrigt"}, "justice_other"),
                 opt({"Ideell organisation eller ekonomisk förening", "Ideell organisation"}, "non_profit"),
                 opt({"Kommun"}, "municipality"),
                 opt({"Statlig myndighet"}, "government_agency"),
                 opt({"Övrigt"}, "other")}));
  t.push_back(q(21, F::processor_involved, K::single, false,
                {"Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden "
                 "eller underbiträden?",
                 "Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden",
                 "Är personuppgiftsbiträde inblandat?", "Personuppgiftsbiträde inblandat"},
                {"Om ni svarat nej på frågan ovan, gå till fråga 23."}, yes_no()));
  t.push_back(q(22, F::processors, K::processors, false,
                {"Organisationens namn och organisationsnummer", "Biträdets namn och organisationsnummer",
                 "Personuppgiftsbiträdets namn och organisationsnummer", "Personuppgiftsbiträden"}));
  const std::string count_help =
      "Om ni inte känner till det exakta antalet kan ni uppskatta antalet genom att fylla i något av de angivna "
      "intervallen. Markera endast ett alternativ.";
  t.push_back(q(23, F::data_subjects, K::count, false,
                {"Hur många registrerade har påverkats?", "Hur många registrerade berörs?",
                 "Antal berörda registrerade", "Antal registrerade"},
                {count_help}, ranges()));
  t.push_back(q(24, F::records, K::count, false,
                {"Hur många uppgifter om de registrerade har påverkats totalt?",
                 "Hur många uppgifter om de registrerade har påverkats?", "Antal uppgifter", "Antal poster"},
                {"Om ni inte känner till det exakta antalet kan ni uppskatta antalet och fylla i något av de "
                 "angivna intervallen. Markera endast ett alternativ."},
                ranges()));
  t.push_back(q(25, F::subject_groups, K::multi, false,
                {"Vilka grupper tillhör de registrerade?", "Grupper av registrerade", "Vilka grupper"}, {},
                {opt({"Anställda hos den personuppgiftsansvarige", "Anställda"}, "employees"),
                 opt({"Användare av den personuppgiftsansvariges tjänster", "Användare"}, "users"),
                 opt({"Kunder hos den personuppgiftsansvarige", "Kunder"}, "customers"),
                 opt({"Prenumeranter"}, "subscribers"),
                 opt({"Medlemmar"}, "members"),
                 opt({"Militär"}, "military"),
                 opt({"Patienter"}, "patients"),
                 opt({"Barn"}, "children"),
                 opt({"Skolelever i förskola, grundskola eller gymnasium", "Skolelever", "Elever"}, "pupils"),
                 opt({"Studerande i eftergymnasial utbildning", "Studerande", "Studenter"}, "students"),
                 opt({"Utsatta personer"}, "vulnerable"),
                 opt({"Övriga personer som enligt er bedömning drabbas särskilt hårt", "Övriga personer som"},
                     "other_especially_affected"),
                 opt({"Kan inte ange för närvarande", "Kan inte ange"}, "unknown"),
                 opt({"Övrigt"}, "other")}));
  t.push_back(q(26, F::data_categories, K::multi, false,
                {"Vilken sorts personuppgifter har incidenten drabbat?", "Vilka personuppgifter har drabbats?",
                 "Vilken sorts personuppgifter"},
                {},
                {opt({"Etniskt ursprung"}, "ethnic_origin"),
                 opt({"Politiska åsikter"}, "political_opinions"),
                 opt({"Religiös eller filosofisk övertygelse", "Religiös övertygelse"}, "religious_beliefs"),
                 opt({"Medlemskap i fackförening", "Fackföreningsmedlemskap"}, "trade_union"),
                 opt({"Genetiska uppgifter"}, "genetic"),
                 opt({"Biometriska uppgifter"}, "biometric"),
                 opt({"Hälsa", "Hälsouppgifter", "Uppgifter om hälsa"}, "health"),
                 opt({"Sexualliv eller sexuell läggning", "Sexualliv"}, "sex_life"),
                 opt({"Uppgift om brott", "Uppgifter om brott", "Lagöverträdelser"}, "criminal_offences"),
                 opt({"Personnummer"}, "personal_identity_number"),
                 opt({"Ekonomisk eller finansiell information", "Ekonomisk information", "Finansiell information"},
                     "financial"),
                 opt({"Officiella dokument"}, "official_documents"),
                 opt({"Lokaliseringsuppgifter"}, "location"),
                 opt({"Kommunikationsloggar"}, "communication_logs"),
                 opt({"Metadata om kommunikation"}, "communication_metadata"),
                 opt({"Identifierande information"}, "identifying"),
                 opt({"Kontaktinformation", "Kontaktuppgifter"}, "contact"),
                 opt({"Okänd", "Okänt"}, "unknown"),
                 opt({"Övrigt"}, "other")}));
  t.push_back(q(27, F::encrypted, K::single, false,
                {"Var personuppgifterna krypterade?", "Var uppgifterna krypterade?", "Kryptering"}, {},
                {opt({"Ja, samtliga uppgifter", "Ja, alla uppgifter"}, "all"),
                 opt({"Ja, men inte alla uppgifter", "Ja, delvis", "Delvis"}, "partial"),
                 opt({"Nej"}, "no"),
                 opt({"Vet inte", "Vet ej", "Okänt"}, "unknown")}));
  t.push_back(q(28, F::consequences, K::multi, false,
                {"Vad kan bli konsekvenserna av incidenten?", "Möjliga konsekvenser", "Konsekvenser av incidenten"},
                {},
                {opt({"Den registrerade förlorar kontrollen över de egna personuppgifterna",
                      "Förlorad kontroll över personuppgifter", "Förlust av kontroll"},
                     "loss_of_control"),
                 opt({"Begränsning av rättigheter"}, "limitation_of_rights"),
                 opt({"Diskriminering"}, "discrimination"),
                 opt({"Identitetsstöld eller bedrägeri", "Identitetsstöld"}, "identity_theft_or_fraud"),
                 opt({"Ekonomisk förlust"}, "financial_loss"),
                 opt({"Obehörigt hävande av pseudonymisering"}, "reversal_of_pseudonymisation"),
                 opt({"Skadat anseende"}, "damage_to_reputation"),
                 opt({"Förlust av konfidentialitet"}, "loss_of_confidentiality_professional_secrecy"),
                 opt({"Annan ekonomisk eller social nackdel"}, "other_disadvantage"),
                 opt({"Övrigt"}, "other")}));
  t.push_back(q(29, F::severity, K::single, false,
                {"Hur allvarlig bedömer ni att incidenten är?", "Hur allvarlig är incidenten?", "Allvarlighetsgrad"},
                {"Uppskatta hur allvarlig incidenten är med hänsyn till de registrerades integritet."},
                {opt({"Obetydlig"}, "1"), opt({"Begränsad"}, "2"), opt({"Betydande"}, "3"),
                 opt({"Mycket allvarlig"}, "4")}));
  t.push_back(q(30, F::actions, K::actions, false,
                {"Hur har ni agerat efter incidenten?", "Vidtagna åtgärder", "Åtgärder efter incidenten"},
                {"Beskriv vad ni har gjort.",
                 "Har ni vidtagit åtgärder eller avser att vidta åtgärder för att lösa problem, förebygga eller "
                 "mildra effekterna av incidenten?",
                 "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM)"}));
  t.push_back(q(31, F::subjects_informed, K::single, false,
                {"Har ni informerat de registrerade om incidenten?", "Har de registrerade informerats?"},
                {"Om ni svarat nej på frågan ovan, gå till fråga 33."}, yes_no()));
  t.push_back(q(32, F::subjects_informed_at, K::date, false,
                {"När informerade ni de registrerade?", "När informerades de registrerade?"},
                {"Ange datum (ÅÅÅÅ-MM-DD)", "Gå till fråga 36."}));
  t.push_back(q(33, F::will_inform_subjects, K::single, false,
                {"Kommer ni att informera de registrerade?"},
                {"Om ni svarat nej eller vi har inte tagit ställning än på frågan ovan, gå till fråga 35."},
                {opt({"Ja"}, "yes"), opt({"Nej"}, "no"),
                 opt({"Vi har inte tagit ställning än", "Inte tagit ställning", "Vet inte"}, "undecided")}));
  t.push_back(q(34, F::inform_subjects_at, K::date, false, {"När kommer ni att informera de registrerade?"},
                {"Ange datum (ÅÅÅÅ-MM-DD)", "Gå till fråga 36."}));
  t.push_back(q(35, F::not_inform_reasons, K::multi, false,
                {"Varför kommer ni inte att informera de registrerade?"}, {},
                {opt({"Incidenten medför inte hög risk"}, "not_high_risk"),
                 opt({"Personuppgifterna var krypterade eller på annat sätt skyddade",
                      "Personuppgifterna var krypterade"},
                     "protected"),
                 opt({"Vi har redan vidtagit åtgärder som avhjälper riskerna", "Vi har redan vidtagit åtgärder"},
                     "already_mitigated"),
                 opt({"Att informera innebär en oproportionell ansträngning", "Vi har informerat allmänheten"},
                     "public_notice")}));
  t.push_back(q(36, F::supplement_planned, K::single, false,
                {"Avser ni att komplettera er anmälan?", "Kommer ni att komplettera anmälan?"},
                {"Om ni ska komplettera anmälan så måste det ske skyndsamt."}, yes_no()));
  t.push_back(q(37, F::confidentiality_request, K::text, false,
                {"Om ni anser att viss information i er anmälan bör omfattas av sekretess, beskriv vilken "
                 "information som enligt er bör vara sekretessbelagd och varför.",
                 "Om ni anser att viss information i er anmälan bör omfattas av sekretess",
                 "Information som bör omfattas av sekretess", "Begäran om sekretess"}));
  for (Question& question : t) {
    for (const std::string& text : question.texts) {
      question.text_keys.push_back(label_key(text));
      question.help_key += question.text_keys.back();
      question.help_key += '|';
    }
    // All help texts also run together: a rendering may print two of them as one paragraph.
    for (const std::string& help : question.help) question.help_key += label_key(help);
    question.help_key += '|';
    for (ChoiceOption& o : question.options)
      for (const std::string& l : o.labels) o.keys.push_back(label_key(l));
  }
  return t;
}

constexpr std::array<std::string_view, 9> kSections = {
    "Personuppgiftsansvarig", "Kontaktuppgifter för anmälan", "Incidenten", "Biträden",
    "Uppgifterna och de registrerade", "Konsekvenser", "Information till de registrerade",
    "Komplettering/eventuell sekretess", "Kontaktuppgifter"};

// Generic instructions printed under many questions.
constexpr std::array<std::string_view, 10> kGenericHelp = {
    "Markera endast ett alternativ.",
    "Markera alla alternativ som gäller.",
    "Välj det alternativ som stämmer bäst överens med det som inträffat.",
    "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM) och eventuell kommentar.",
    "Ange datum (ÅÅÅÅ-MM-DD)",
    "Om ni inte känner till det exakta antalet kan ni uppskatta antalet genom att fylla i något av de angivna "
    "intervallen.",
    "Blanketten består av 13 sidor",
    "Skriv svaret i rutan.",
    "Beskriv så utförligt som möjligt.",
    "Gå till fråga"};

// Lines where the form (or the part of the mail holding it) ends.
constexpr std::array<std::string_view, 9> kFormEnds = {
    "Kontakt tas alltid med din chef", "Har du frågor?", "Fortsatt internutredning",
    "Anmälan av personuppgiftsincident – version", "Blanketten skickas till", "-----Original Message-----",
    "-----Ursprungligt meddelande-----", "Läs mer om personuppgiftsincidenter", "Tack på förhand"};

// Closing greetings: a form end only as a short line of their own.
constexpr std::array<std::string_view, 11> kGreetings = {
    "Hälsningar", "Med vänlig hälsning", "Med vänliga hälsningar", "Vänliga hälsningar", "Vänlig hälsning",
    "Mvh", "Best regards", "Kind regards", "Regards", "Hälsning", "Tack!"};

const std::vector<std::string>& section_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (std::string_view s : kSections) k.push_back(label_key(s));
    return k;
  }();
  return keys;
}

const std::vector<std::string>& generic_help_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (std::string_view s : kGenericHelp) k.push_back(label_key(s));
    return k;
  }();
  return keys;
}

bool only_marks(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '*' && c != '?' && c != '.' && c != ':') return false;
  return true;
}

}  // namespace

const std::vector<Question>& blankett_questions() {
  static const std::vector<Question> table = build_table();
  return table;
}

namespace {

struct TextRef {
  size_t question;  // into blankett_questions()
  size_t text;      // into its texts / text_keys
};

// Every question text, bucketed by the first character of its key, in table
// order: a line is compared with a few texts, not with all 150.
const std::array<std::vector<TextRef>, 256>& texts_by_first_key_char() {
  static const std::array<std::vector<TextRef>, 256> index = [] {
    std::array<std::vector<TextRef>, 256> by_char;
    const auto& table = blankett_questions();
    for (size_t qi = 0; qi < table.size(); ++qi)
      for (size_t vi = 0; vi < table[qi].text_keys.size(); ++vi)
        if (!table[qi].text_keys[vi].empty())
          by_char[static_cast<unsigned char>(table[qi].text_keys[vi][0])].push_back(TextRef{qi, vi});
    return by_char;
  }();
  return index;
}

// The generic instructions' keys and a question's help key joined, as
// is_help_text compares with; built once per question of the table.
std::string generic_and_help_key(const Question& question) {
  std::string k;
  for (const std::string& g : generic_help_keys()) k += g;
  return k + "|" + question.help_key;
}

const std::string& generic_and_help_key_of(const Question& question, std::string& scratch) {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> v;
    for (const Question& q : blankett_questions()) v.push_back(generic_and_help_key(q));
    return v;
  }();
  const auto& table = blankett_questions();
  // Questions of other tables (tests build their own) are joined on the spot.
  if (&question >= table.data() && &question < table.data() + table.size())
    return keys[static_cast<size_t>(&question - table.data())];
  scratch = generic_and_help_key(question);
  return scratch;
}

}  // namespace

std::optional<QuestionMatch> match_question(std::string_view raw_line) {
  std::string_view line = trim(strip_quote(raw_line));
  if (line.empty() || line.size() > 800 || read_tick(line)) return std::nullopt;
  std::optional<int> number;
  std::string_view rest = strip_question_number(line, &number);
  // The label part ends at the first ':' or TAB; the answer may follow.
  size_t sep = rest.find_first_of(":\t");
  std::string_view label_part = sep == std::string_view::npos ? rest : rest.substr(0, sep);
  std::vector<size_t> ends;
  std::string key = label_key(label_part, &ends);
  if (key.empty()) return std::nullopt;

  const auto& table = blankett_questions();
  std::optional<QuestionMatch> best;
  size_t best_len = 0;
  // Only texts whose key starts with the line's first key character can
  // match (match_key_prefix compares the first characters exactly); they
  // come in table order, so the first longest match still wins.
  for (const TextRef& ref : texts_by_first_key_char()[static_cast<unsigned char>(key[0])]) {
    const size_t qi = ref.question, vi = ref.text;
    const Question& question = table[qi];
    {
      const std::string& want = question.text_keys[vi];
      if (want.size() <= best_len) continue;
      std::optional<size_t> end = match_key_prefix(label_part, key, ends, want);
      if (!end) continue;
      std::string_view after = label_part.substr(*end);
      std::string_view after_trim = trim(after);
      // A run of spaces after the label (a layout rendering) also ends it.
      size_t gap = after.find_first_not_of(" *");
      bool spaced = gap != std::string_view::npos && after.substr(0, gap).find("  ") != std::string_view::npos;
      bool label_whole = only_marks(after_trim) || after_trim.front() == '(' || spaced;
      bool numbered_here = number && *number == question.number;
      // A short synonym must be the whole label; a long question text may be
      // followed by its help text or an answer on the same line.
      bool ok = label_whole || want.size() >= 14 || (numbered_here && want.size() >= 8);
      if (!ok) continue;
      QuestionMatch m;
      m.index = qi;
      m.number = number;
      m.exact_label = vi == 0 || want.size() >= 14;
      m.starred = after.find('*') != std::string_view::npos;
      if (sep != std::string_view::npos) {
        m.answer = trim_answer_lead(rest.substr(sep));
      } else {
        std::string_view tail = trim_answer_lead(after);
        if (!tail.empty() && tail.front() == '(') tail = {};
        // Help text printed beside the question is not an answer.
        if (!tail.empty() && is_help_text(question, tail)) tail = {};
        m.answer = tail;
      }
      best = m;
      best_len = want.size();
    }
  }
  return best;
}

const ChoiceOption* match_option(const Question& question, std::string_view raw_label) {
  std::optional<int> number;
  std::string_view label = strip_question_number(trim(raw_label), &number);
  std::vector<size_t> ends;
  std::string key = label_key(label, &ends);
  const ChoiceOption* best = nullptr;
  size_t best_len = 0;
  bool range_question = question.kind == QuestionKind::count;
  for (const ChoiceOption& o : question.options) {
    for (const std::string& want : o.keys) {
      if (want.size() < best_len || want.empty()) continue;
      if (range_question) {
        // Ranges are told apart by their digits: the whole key must agree.
        if (key != want) continue;
      } else {
        std::optional<size_t> end = match_key_prefix(label, key, ends, want);
        if (!end) continue;
        // A very short label ("Ja", "Nej") must be the whole answer word.
        if (want.size() < 3) {
          std::string_view after = trim(label.substr(*end));
          if (!after.empty() && after.front() != ',' && after.front() != '.' && after.front() != ':' &&
              after.front() != '(' && after.front() != '-')
            continue;
        }
      }
      if (want.size() > best_len || !best) {
        best = &o;
        best_len = want.size();
      }
    }
  }
  // Severity may be ticked by its number alone ("☒ 2").
  if (!best && question.field == FormField::severity && number && *number >= 1 && *number <= 4 &&
      static_cast<size_t>(*number) <= question.options.size())
    best = &question.options[static_cast<size_t>(*number - 1)];
  if (!best && question.field == FormField::severity && label.size() == 1 && label[0] >= '1' && label[0] <= '4')
    best = &question.options[static_cast<size_t>(label[0] - '1')];
  return best;
}

bool is_section_heading(std::string_view line) {
  if (line.size() > 120) return false;
  std::string_view rest = strip_question_number(trim(strip_quote(line)));
  if (rest.size() > 60) return false;
  std::string key = label_key(rest);
  if (key.empty()) return false;
  for (const std::string& k : section_keys())
    if (key == k) return true;
  return false;
}

bool is_form_end(std::string_view line) {
  std::string_view s = trim(strip_quote(line));
  if (s.empty()) return false;
  s = s.substr(0, 120);  // only the start of a line can end the form
  std::string f = fold(s);
  // The phrase tables are folded once: this runs for every line of a report.
  static const std::vector<std::string> ends = [] {
    std::vector<std::string> v;
    for (std::string_view end : kFormEnds) v.push_back(fold(end));
    return v;
  }();
  static const std::vector<std::string> greetings = [] {
    std::vector<std::string> v;
    for (std::string_view greeting : kGreetings) v.push_back(fold(greeting));
    return v;
  }();
  for (const std::string& end : ends)
    if (f.rfind(end, 0) == 0) return true;
  for (const std::string& g : greetings) {
    // "Hälsningar" / "Mvh Anna" end the form; "Hälsningar från …" in prose does not.
    if (f.rfind(g, 0) == 0 && f.size() <= g.size() + 25 && (f.size() == g.size() || !is_word_byte(f[g.size()])))
      return true;
  }
  return false;
}

bool is_help_text(const Question& question, std::string_view line) {
  if (line.size() > 2000) return false;  // no help text is that long
  std::string key = label_key(line);
  if (key.empty()) return false;
  if (is_help_line(line, key, question.help_key)) return true;
  std::string scratch;
  if (is_help_line(line, key, generic_and_help_key_of(question, scratch))) return true;
  for (const std::string& k : generic_help_keys()) {
    if (is_fragment_of(key, k)) return true;
    if (k.size() >= 8 && key.rfind(k, 0) == 0) return true;  // "Gå till fråga 36."
  }
  return false;
}

}  // namespace gdprd::parsers
