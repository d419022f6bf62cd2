#include "parsers/grammar/vocabulary.hpp"

#include <algorithm>
#include <array>

#include "core/vocabulary.hpp"
#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

struct Entry {
  std::string_view needle;  // folded; matched on a word start (Swedish inflection follows)
  std::string_view value;
};

bool is_clause_break(char c) { return c == '.' || c == ';' || c == ':' || c == '\n' || c == '!' || c == '?'; }

// First un-negated occurrence of needle at a word start, or npos.
size_t find_affirmed(std::string_view folded, std::string_view needle) {
  size_t pos = find_prefix_word(folded, needle);
  while (pos != std::string_view::npos) {
    if (!is_negated(folded, pos)) return pos;
    pos = find_prefix_word(folded, needle, pos + 1);
  }
  return std::string_view::npos;
}

bool has_affirmed(std::string_view folded, std::string_view needle) {
  return find_affirmed(folded, needle) != std::string_view::npos;
}

template <size_t N, size_t M>
std::vector<std::string> collect(std::string_view folded, const std::array<Entry, N>& table,
                                 const std::array<std::string_view, M>& order) {
  std::vector<std::string> out;
  for (const auto& e : table) {
    if (std::find(out.begin(), out.end(), e.value) != out.end()) continue;
    if (has_affirmed(folded, e.needle)) out.emplace_back(e.value);
  }
  std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    return vocab::index_of(order, a) < vocab::index_of(order, b);
  });
  return out;
}

// First value (table order is priority) whose needle occurs un-negated.
template <size_t N>
std::optional<std::string> first_of(std::string_view folded, const std::array<Entry, N>& table) {
  for (const auto& e : table)
    if (has_affirmed(folded, e.needle)) return std::string(e.value);
  return std::nullopt;
}

bool sending_verb(std::string_view f) {
  static const std::array<std::string_view, 16> k = {"skick", "mejla", "maila", "e-posta", "epost", "posta",
                                                     "sms", "sent", "send", "e-mailed", "emailed", "mailed",
                                                     "gick ut", "delade", "vidarebefordra", "forwarded"};
  for (auto v : k)
    if (contains_prefix_word(f, v)) return true;
  return false;
}

}  // namespace

bool is_negated(std::string_view folded, size_t pos) {
  size_t b = pos;
  size_t steps = 0;
  while (b > 0 && steps < 60 && !is_clause_break(folded[b - 1]) && folded[b - 1] != ',') {
    --b;
    ++steps;
  }
  std::string_view clause = folded.substr(b, pos - b);
  static const std::array<std::string_view, 14> kNeg = {"inga", "ingen", "inget", "inte", "ej", "no", "not",
                                                        "without", "utan", "never", "aldrig", "varken", "neither",
                                                        "none"};
  for (auto n : kNeg)
    if (contains_word(clause, n)) return true;
  return false;
}

std::optional<std::string> read_incident_type(std::string_view text) {
  std::string f = fold(text);
  static const std::array<Entry, 22> kMisdirected = {{
      {"fel mottagare", "misdirected_message"}, {"felaktig mottagare", "misdirected_message"},
      {"felaktigt utskick", "misdirected_message"}, {"felskick", "misdirected_message"},
      {"fel adressat", "misdirected_message"}, {"wrong recipient", "misdirected_message"},
      {"misdirected", "misdirected_message"}, {"to the wrong", "misdirected_message"},
      {"till fel person", "misdirected_message"}, {"till fel adress", "misdirected_message"},
      {"till fel kollega", "misdirected_message"}, {"till fel vardnadshavare", "misdirected_message"},
      {"till fel brukare", "misdirected_message"}, {"till fel patient", "misdirected_message"},
      {"till fel klient", "misdirected_message"}, {"till fel elev", "misdirected_message"},
      {"till fel familj", "misdirected_message"}, {"till fel e-post", "misdirected_message"},
      {"till fel mejl", "misdirected_message"}, {"till fel mail", "misdirected_message"},
      {"sent to the wrong", "misdirected_message"}, {"fel foralder", "misdirected_message"}}};
  for (const auto& e : kMisdirected)
    if (has_affirmed(f, e.needle) && (sending_verb(f) || e.needle.find("mottagare") != std::string_view::npos ||
                                      e.needle == "felskick" || e.needle == "felaktigt utskick"))
      return std::string(e.value);
  static const std::array<Entry, 40> kOthers = {{
      {"dataintrang", "unauthorized_access"}, {"intrang", "unauthorized_access"},
      {"obehorig atkomst", "unauthorized_access"}, {"obehorigt atkomst", "unauthorized_access"},
      {"saknade behorighet", "unauthorized_access"}, {"utan behorighet", "unauthorized_access"},
      {"kapat", "unauthorized_access"}, {"kapad", "unauthorized_access"}, {"hackad", "unauthorized_access"},
      {"hackat", "unauthorized_access"}, {"unauthorized access", "unauthorized_access"},
      {"unauthorised access", "unauthorized_access"}, {"hacked", "unauthorized_access"},
      {"intrusion", "unauthorized_access"}, {"snokade", "unauthorized_access"}, {"snokat", "unauthorized_access"},
      {"forlorat", "loss"}, {"forlorade", "loss"}, {"forlorats", "loss"}, {"tappat", "loss"}, {"tappad", "loss"},
      {"tappade", "loss"}, {"borttappa", "loss"}, {"stulen", "loss"}, {"stulits", "loss"}, {"stals", "loss"},
      {"forsvunn", "loss"}, {"kvarglomd", "loss"}, {"lost", "loss"}, {"stolen", "loss"},
      {"forstort", "destruction"}, {"forstordes", "destruction"}, {"raderats", "destruction"},
      {"raderades", "destruction"}, {"destroyed", "destruction"}, {"was deleted", "destruction"},
      {"andrade", "alteration"}, {"andrats", "alteration"}, {"andrades", "alteration"}, {"altered", "alteration"}}};
  if (auto v = first_of(f, kOthers)) return v;
  static const std::array<Entry, 8> kDisclosure = {{
      {"obehorigt rojande", "disclosure_other"}, {"rojande", "disclosure_other"}, {"rojts", "disclosure_other"},
      {"publicerades", "disclosure_other"}, {"publicerats", "disclosure_other"},
      {"unauthorised disclosure", "disclosure_other"}, {"unauthorized disclosure", "disclosure_other"},
      {"disclosed", "disclosure_other"}}};
  return first_of(f, kDisclosure);
}

std::optional<std::string> read_cause(std::string_view text) {
  std::string f = fold(text);
  static const std::array<Entry, 42> kCause = {{
      {"angrepp utifran", "external_attack"}, {"attack utifran", "external_attack"}, {"inbrott", "external_attack"},
      {"hackare", "external_attack"}, {"natfiske", "external_attack"}, {"phishing", "external_attack"},
      {"cyberattack", "external_attack"}, {"it-attack", "external_attack"}, {"ransomware", "external_attack"},
      {"utpressningsvirus", "external_attack"}, {"external attack", "external_attack"},
      {"hacker", "external_attack"}, {"break-in", "external_attack"}, {"burglary", "external_attack"},
      {"angrepp inifran", "internal_malicious"}, {"avsiktligt", "internal_malicious"},
      {"med flit", "internal_malicious"}, {"uppsatligen", "internal_malicious"},
      {"deliberately", "internal_malicious"}, {"intentionally", "internal_malicious"},
      {"tekniskt fel", "technical"}, {"tekniska fel", "technical"}, {"systemfel", "technical"},
      {"programfel", "technical"}, {"bugg", "technical"}, {"technical error", "technical"},
      {"technical fault", "technical"}, {"software bug", "technical"},
      {"brist i rutin", "organisational"}, {"brister i rutin", "organisational"},
      {"bristande rutin", "organisational"}, {"saknades rutin", "organisational"},
      {"organisatorisk", "organisational"}, {"lack of routine", "organisational"},
      {"misstag", "human_error"}, {"mansklig", "human_error"}, {"manskliga faktorn", "human_error"},
      {"human error", "human_error"}, {"by mistake", "human_error"}, {"mistakenly", "human_error"},
      {"accidentally", "human_error"}, {"okand orsak", "unknown"}}};
  // A sentence that names the cause ("Orsaken är ...") decides first.
  for (auto s : split_sentences(f)) {
    if (contains_prefix_word(s, "orsak") || contains_prefix_word(s, "cause") || contains_prefix_word(s, "beror pa") ||
        contains_prefix_word(s, "due to")) {
      if (auto v = first_of(s, kCause)) return v;
    }
  }
  return first_of(f, kCause);
}

std::optional<std::string> read_detected_by(std::string_view text) {
  std::string f = fold(text);
  static const std::array<std::string_view, 30> kVerbs = {
      "upptack", "markte", "marktes", "noterade", "uppmarksamma", "papekade", "horde av sig", "ringde",
      "mejlade", "mailade", "kontaktade", "meddelade", "larmade", "larmet", "upptacktes", "sag att",
      "noticed", "discovered", "contacted", "told me", "told us", "pointed out", "alerted", "called",
      "informed us", "informed me", "reported", "flagged", "hittade", "found"};
  static const std::array<Entry, 14> kSentenceWide = {{
      {"larm", "automated"}, {"automatisk", "automated"}, {"alert", "automated"}, {"alarm", "automated"},
      {"monitoring", "automated"}, {"loggkontroll", "routine"}, {"logguppfoljning", "routine"},
      {"granskning", "routine"}, {"stickprov", "routine"}, {"audit", "routine"}, {"log review", "routine"},
      {"leverantor", "processor"}, {"bitrad", "processor"}, {"supplier", "processor"}}};
  static const std::array<std::string_view, 34> kExternal = {
      "vardnadshavare", "foralder", "foraldrar", "mottagare", "kund", "invanare", "medborgare", "granne",
      "grannar", "sokande", "journalist", "brukare", "patient", "anhorig", "privatperson", "allmanheten",
      "polisen", "elev", "guardian", "parent", "recipient", "customer", "member of the public", "citizen",
      "neighbour", "neighbor", "journalist", "applicant", "pupil", "resident", "extern", "utomstaende", "mamma",
      "pappa"};
  static const std::array<std::string_view, 20> kEmployee = {
      "jag", "vi", "kollega", "medarbetare", "handlaggare", "personal", "sjalv", "chef", "larare", "rektor",
      "i", "we", "colleague", "myself", "staff", "employee", "teacher", "min", "mentor", "administrator"};
  for (auto s : split_sentences(f)) {
    size_t verb = std::string_view::npos;
    for (auto v : kVerbs) {
      size_t p = find_prefix_word(s, v);
      if (p != std::string_view::npos && p < verb) verb = p;
    }
    if (verb == std::string_view::npos) continue;
    if (auto v = first_of(s, kSentenceWide)) return v;
    // The subject: words before the verb, and after a passive "av"/"by".
    std::string subject(s.substr(0, verb));
    size_t after = s.find(' ', verb);
    if (after != std::string_view::npos) {
      std::string_view rest = s.substr(after + 1);
      if (rest.substr(0, 3) == "av " || rest.substr(0, 3) == "by ") subject += " " + std::string(rest.substr(0, 40));
      // Swedish inverted order: "märkte jag", "upptäckte vi"
      if (rest.substr(0, 4) == "jag " || rest.substr(0, 3) == "vi ") subject += " jag";
    }
    for (auto w : kExternal)
      if (contains_prefix_word(subject, w)) return std::string("external");
    for (auto w : kEmployee)
      if (contains_prefix_word(subject, w)) return std::string("employee");
  }
  return std::nullopt;
}

std::optional<std::string> read_area(std::string_view text) {
  std::string f = fold(text);
  static const std::array<Entry, 22> kArea = {{
      {"forskola", "school"}, {"grundskola", "school"}, {"gymnasi", "school"}, {"skola", "school"},
      {"skolan", "school"}, {"fritidshem", "school"}, {"school", "school"}, {"preschool", "school"},
      {"socialtjanst", "social_services"}, {"socialforvaltning", "social_services"},
      {"social services", "social_services"}, {"sjukhus", "healthcare"}, {"vardcentral", "healthcare"},
      {"halso- och sjukvard", "healthcare"}, {"sjukvard", "healthcare"}, {"halsocentral", "healthcare"},
      {"hospital", "healthcare"}, {"healthcare", "healthcare"}, {"health care", "healthcare"},
      {"universitet", "university"}, {"hogskola", "other_higher_education"}, {"university", "university"}}};
  if (auto v = first_of(f, kArea)) return v;
  // Named schools: "Ekbackaskolan", "Solrosens förskola".
  for (auto t : tokenize(f)) {
    if (t.kind != Token::word) continue;
    std::string_view w = t.s;
    for (std::string_view suffix : {std::string_view("skolan"), std::string_view("skola")})
      if (w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix &&
          w.find("hogskola") == std::string_view::npos && w.find("korskola") == std::string_view::npos)
        return std::string("school");
  }
  return std::nullopt;
}

std::vector<std::string> read_subject_groups(std::string_view text) {
  std::string f = fold(text);
  std::vector<std::string> out;
  static const std::array<Entry, 48> kGroups = {{
      {"anstallda", "employees"}, {"anstallde", "employees"}, {"medarbetare", "employees"},
      {"medarbetarna", "employees"}, {"arbetstagare", "employees"}, {"employees", "employees"},
      {"staff members", "employees"}, {"brukare", "users"}, {"brukaren", "users"}, {"brukarna", "users"},
      {"klient", "users"}, {"omsorgstagare", "users"}, {"vardtagare", "users"}, {"clients", "users"},
      {"kund", "customers"}, {"customers", "customers"}, {"abonnent", "subscribers"},
      {"prenumerant", "subscribers"}, {"subscribers", "subscribers"}, {"medlem", "members"},
      {"members", "members"}, {"patient", "patients"}, {"barn ", "children"}, {"barnen", "children"},
      {"barnens", "children"}, {"barnet", "children"}, {"children", "children"}, {"child ", "children"},
      {"elev", "pupils"}, {"pupil", "pupils"}, {"studenter", "students"}, {"studenterna", "students"},
      {"students", "students"}, {"skyddade personuppgifter", "vulnerable"}, {"skyddad identitet", "vulnerable"},
      {"sekretessmarkering", "vulnerable"}, {"protected identity", "vulnerable"},
      {"vardnadshavarnas", "other"}, {"foraldrarnas", "other"}, {"grannarnas", "other"}, {"sokandes", "other"},
      {"grannar", "other"}, {"anhorigas", "other"}, {"privatpersoners", "other"}, {"neighbours", "other"},
      {"applicants", "other"}, {"invanarnas", "other"}, {"barn,", "children"}}};
  for (const auto& e : kGroups) {
    if (std::find(out.begin(), out.end(), e.value) != out.end()) continue;
    std::string_view needle = e.needle;
    bool exact_tail = needle.back() == ' ' || needle.back() == ',';
    if (exact_tail) needle.remove_suffix(1);
    size_t pos = exact_tail ? find_word(f, needle) : find_affirmed(f, needle);
    if (pos != std::string_view::npos && !is_negated(f, pos)) out.emplace_back(e.value);
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return vocab::index_of(vocab::kSubjectGroups, a) < vocab::index_of(vocab::kSubjectGroups, b);
  });
  return out;
}

std::optional<std::string> subject_group_of_noun(std::string_view folded_noun) {
  std::string_view n = folded_noun;
  auto starts = [&](std::string_view p) { return n.substr(0, p.size()) == p; };
  if (starts("medarbetar") || starts("anstalld") || n == "employees" || n == "employee" || n == "staff" ||
      starts("arbetstagar") || starts("personal"))
    return std::string("employees");
  if (starts("brukar") || starts("klient") || n == "clients") return std::string("users");
  if (starts("kund") || starts("customer")) return std::string("customers");
  if (starts("patient")) return std::string("patients");
  if (starts("barn") || starts("child")) return std::string("children");
  if (starts("elev") || starts("pupil")) return std::string("pupils");
  if (starts("student")) return std::string("students");
  if (starts("medlem") || n == "members") return std::string("members");
  if (n == "berorda" || n == "drabbade" || n == "registrerade" || n == "subjects" || n == "mottagare" ||
      n == "mottagarna" || n == "recipients")
    return std::nullopt;  // says nothing about the group
  return std::string("other");
}

std::vector<std::string> read_data_categories(std::string_view text) {
  std::string f = fold(text);
  static const std::array<Entry, 78> kCats = {{
      {"etnisk", "ethnic_origin"}, {"ethnic", "ethnic_origin"}, {"politisk asikt", "political_opinions"},
      {"politiska asikt", "political_opinions"}, {"political opinion", "political_opinions"},
      {"religio", "religious_beliefs"}, {"trosuppfattning", "religious_beliefs"},
      {"fackforening", "trade_union"}, {"fackligt medlemskap", "trade_union"}, {"trade union", "trade_union"},
      {"genetisk", "genetic"}, {"genetic", "genetic"}, {"biometrisk", "biometric"}, {"fingeravtryck", "biometric"},
      {"biometric", "biometric"}, {"halsa ", "health"}, {"halsa,", "health"}, {"halsa.", "health"},
      {"halsotillstand", "health"}, {"halsouppgift", "health"}, {"diagnos", "health"}, {"missbruk", "health"},
      {"sjukfranvaro", "health"}, {"psykisk", "health"}, {"sjukdom", "health"}, {"lakemedel", "health"},
      {"medicinering", "health"}, {"journalanteckning", "health"}, {"patientjournal", "health"},
      {"mental health", "health"}, {"health data", "health"}, {"health information", "health"},
      {"diagnosis", "health"}, {"medical", "health"}, {"sexualliv", "sex_life"}, {"sexuell laggning", "sex_life"},
      {"sexual orientation", "sex_life"}, {"brottmal", "criminal_offences"}, {"brott ", "criminal_offences"},
      {"brottsmisstanke", "criminal_offences"}, {"domar ", "criminal_offences"},
      {"belastningsregist", "criminal_offences"}, {"criminal", "criminal_offences"},
      {"personnummer", "personal_identity_number"}, {"samordningsnummer", "personal_identity_number"},
      {"personal identity number", "personal_identity_number"},
      {"social security number", "personal_identity_number"}, {"lon ", "financial"}, {"lonen", "financial"},
      {"loner", "financial"}, {"manadslon", "financial"}, {"faktura", "financial"}, {"kontonummer", "financial"},
      {"bankkonto", "financial"}, {"inkomst", "financial"}, {"skulder", "financial"}, {"salary", "financial"},
      {"salaries", "financial"}, {"invoice", "financial"}, {"bank account", "financial"}, {"income", "financial"},
      {"passnummer", "official_documents"}, {"korkort", "official_documents"}, {"passport", "official_documents"},
      {"positionsdata", "location"}, {"platsuppgift", "location"}, {"location data", "location"},
      {"namn ", "identifying"}, {"namn,", "identifying"}, {"namn.", "identifying"}, {"namnen", "identifying"},
      {"namnet", "identifying"}, {"name ", "identifying"}, {"name,", "identifying"}, {"name.", "identifying"},
      {"names", "identifying"}, {"bilder", "other"}, {"foton", "other"}}};
  static const std::array<Entry, 22> kMore = {{
      {"fotografier", "other"}, {"photos", "other"}, {"pictures", "other"}, {"portkod", "other"},
      {"dorrkod", "other"}, {"betyg", "other"}, {"grades", "other"}, {"losenordshash", "other"},
      {"password hash", "other"}, {"adress", "contact"}, {"hemadress", "contact"}, {"e-postadress", "contact"},
      {"epostadress", "contact"}, {"mejladress", "contact"}, {"mailadress", "contact"},
      {"telefonnummer", "contact"}, {"mobilnummer", "contact"}, {"kontaktuppgift", "contact"},
      {"address", "contact"}, {"phone number", "contact"}, {"contact details", "contact"},
      {"e-mail address", "contact"}}};
  std::vector<std::string> out;
  // Word-final needles ("namn ", "halsa,") are exact words: pad the text so
  // the last word of the text also ends in a space.
  // Brackets and sentence marks end a word like a space does ("(uppgifter om
  // hälsa)"); commas and full stops stay, since some needles carry them.
  std::string padded = f + " ";
  for (char& ch : padded)
    if (ch == '(' || ch == ')' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '"') ch = ' ';
  auto consider = [&](const Entry& e) {
    if (std::find(out.begin(), out.end(), e.value) != out.end()) return;
    size_t pos = find_prefix_word(padded, e.needle);
    while (pos != std::string_view::npos) {
      bool wrong = false;
      if (e.value == "contact") {
        // "fel adress" / "wrong address" is where a mail went, not what it held.
        std::string_view before = std::string_view(padded).substr(pos >= 7 ? pos - 7 : 0, pos >= 7 ? 7 : pos);
        wrong = before.find("fel ") != std::string_view::npos || before.find("wrong ") != std::string_view::npos ||
                before.find("andra ") != std::string_view::npos;
      }
      if (!wrong && !is_negated(padded, pos)) {
        out.emplace_back(e.value);
        return;
      }
      pos = find_prefix_word(padded, e.needle, pos + 1);
    }
  };
  for (const auto& e : kCats) consider(e);
  for (const auto& e : kMore) consider(e);
  // A personnummer written out names the category too (rule 7 by example).
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return vocab::index_of(vocab::kDataCategories, a) < vocab::index_of(vocab::kDataCategories, b);
  });
  return out;
}

std::vector<std::string> read_consequences(std::string_view text) {
  std::string f = fold(text);
  static const std::array<Entry, 25> kCons = {{
      {"begransning av deras rattigheter", "limitation_of_rights"},
      {"begransning av sina rattigheter", "limitation_of_rights"},
      {"begransas i sina rattigheter", "limitation_of_rights"},
      {"forlora kontroll", "loss_of_control"}, {"forlorar kontroll", "loss_of_control"},
      {"forlust av kontroll", "loss_of_control"}, {"lose control", "loss_of_control"},
      {"loss of control", "loss_of_control"}, {"begransning av rattigheter", "limitation_of_rights"},
      {"limitation of rights", "limitation_of_rights"}, {"diskriminering", "discrimination"},
      {"discrimination", "discrimination"}, {"identitetsstold", "identity_theft_or_fraud"},
      {"bedrageri", "identity_theft_or_fraud"}, {"identity theft", "identity_theft_or_fraud"},
      {"fraud", "identity_theft_or_fraud"}, {"ekonomisk forlust", "financial_loss"},
      {"ekonomiska forluster", "financial_loss"}, {"financial loss", "financial_loss"},
      {"pseudonymisering", "reversal_of_pseudonymisation"}, {"skadat anseende", "damage_to_reputation"},
      {"skada pa anseende", "damage_to_reputation"}, {"damage to reputation", "damage_to_reputation"},
      {"tystnadsplikt", "loss_of_confidentiality_professional_secrecy"},
      {"professional secrecy", "loss_of_confidentiality_professional_secrecy"}}};
  return collect(f, kCons, vocab::kConsequences);
}

}  // namespace gdprd::parsers
