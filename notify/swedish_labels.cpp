#include "notify/swedish_labels.hpp"

#include <array>
#include <utility>

#include "core/vocabulary.hpp"

namespace gdprd::notify {
namespace {

struct Table {
  std::string_view field;
  const std::string_view* values;
  const std::string_view* labels;
  size_t size;
};

template <size_t N>
Table table(std::string_view field, const std::array<std::string_view, N>& values,
            const std::array<std::string_view, N>& labels) {
  return Table{field, values.data(), labels.data(), N};
}

// Same order as the vocab arrays (the spec's order, which is the form's).
constexpr std::array<std::string_view, 6> kIncidentTypeSv = {
    "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms",
    "Obehörigt röjande: Övrigt",
    "Obehörig åtkomst: Någon inom eller utanför organisationen har tagit del av information som den "
    "saknade behörighet till",
    "Förlust: Information har gått förlorad på något sätt",
    "Förstöring: Någon eller något har förstört information",
    "Ändring: Personuppgifter har ändrats på något sätt"};
constexpr std::array<std::string_view, 5> kDetectedBySv = {
    "Genom en automatiserad process: Tekniska säkerhetsåtgärder",
    "Genom organisatoriska rutiner, till exempel en återkommande kontroll",
    "En anställd informerade oss", "Vårt personuppgiftsbiträde informerade oss",
    "En utomstående eller registrerad informerade oss"};
constexpr std::array<std::string_view, 7> kCausesSv = {
    "Mänskliga faktorn: Fel i det enskilda fallet",
    "Brist i organisatoriska rutiner eller processer: Systematiska fel",
    "Tekniskt fel, till exempel fel i mjukvara, programinställningar",
    "Medvetet angrepp från någon i organisationen",
    "Antagonistiskt angrepp: Angrepp utifrån",
    "Okänd orsak",
    "Övrigt"};
constexpr std::array<std::string_view, 3> kSectorsSv = {"Offentlig sektor", "Privat sektor", "Övrigt"};
constexpr std::array<std::string_view, 16> kAreasSv = {
    "Hälso- och sjukvård", "Socialtjänst", "Skola: Förskola, grundskola, gymnasium",
    "Universitet eller högskola", "Annan eftergymnasial utbildning", "Forskning",
    "Finansiell sektor eller försäkring", "Kreditupplysning", "Inkasso", "Näringslivet i övrigt",
    "Polis", "Rättsväsendet i övrigt", "Ideell organisation eller ekonomisk förening", "Kommun",
    "Statlig myndighet", "Övrigt"};
constexpr std::array<std::string_view, 14> kSubjectGroupsSv = {
    "Anställda hos den personuppgiftsansvarige",
    "Användare av den personuppgiftsansvariges tjänster",
    "Kunder hos den personuppgiftsansvarige",
    "Prenumeranter",
    "Medlemmar, till exempel i en förening eller en kundklubb",
    "Militär, det vill säga anställda inom totalförsvaret",
    "Patienter",
    "Barn",
    "Skolelever i förskola, grundskola eller gymnasium",
    "Studerande i eftergymnasial utbildning",
    "Utsatta personer, till exempel personer som lever med skyddad identitet",
    "Övriga personer som enligt er bedömning drabbas särskilt hårt om personuppgifter sprids",
    "Kan inte ange för närvarande",
    "Övrigt"};
constexpr std::array<std::string_view, 19> kDataCategoriesSv = {
    "Etniskt ursprung", "Politiska åsikter", "Religiös eller filosofisk övertygelse",
    "Medlemskap i fackförening", "Genetiska uppgifter", "Biometriska uppgifter", "Hälsa",
    "Sexualliv eller sexuell läggning", "Uppgift om brott", "Personnummer",
    "Ekonomisk eller finansiell information", "Officiella dokument",
    "Lokaliseringsuppgifter (till exempel GPS-position, ej adressuppgifter)", "Kommunikationsloggar",
    "Metadata om kommunikation", "Identifierande information (till exempel för- och efternamn)",
    "Kontaktinformation", "Okänd", "Övrigt"};
constexpr std::array<std::string_view, 4> kEncryptedSv = {"Ja, samtliga uppgifter", "Ja, men inte alla uppgifter",
                                                         "Nej", "Vet inte"};
constexpr std::array<std::string_view, 10> kConsequencesSv = {
    "Den registrerade förlorar kontrollen över de egna personuppgifterna",
    "Begränsning av rättigheter",
    "Diskriminering",
    "Identitetsstöld eller bedrägeri",
    "Ekonomisk förlust",
    "Obehörigt hävande av pseudonymisering",
    "Skadat anseende",
    "Förlust av konfidentialitet när det gäller personuppgifter som omfattas av tystnadsplikt",
    "Annan ekonomisk eller social nackdel",
    "Övrigt"};
constexpr std::array<std::string_view, 3> kWillInformSv = {"Ja", "Nej", "Vi har inte tagit ställning än"};
constexpr std::array<std::string_view, 4> kNotInformSv = {
    "Incidenten medför inte hög risk för personers fri- och rättigheter",
    "Personuppgifterna var krypterade eller på annat sätt skyddade",
    "Vi har redan vidtagit åtgärder som avhjälper riskerna",
    "Att informera innebär en oproportionell ansträngning, vi har istället informerat allmänheten"};
constexpr std::array<std::string_view, 9> kRangesSv = {
    "1–10", "11–100", "101–1 000", "1 001–10 000", "10 001–100 000", "100 001–500 000",
    "500 001–1 miljon", "Över 1 miljon", "Okänt/kan inte ange"};
constexpr std::array<std::string_view, 4> kSeverityValues = {"1", "2", "3", "4"};
constexpr std::array<std::string_view, 4> kSeveritySv = {"1. Obetydlig", "2. Begränsad", "3. Betydande",
                                                        "4. Mycket allvarlig"};

const std::array<Table, 13>& tables() {
  static const std::array<Table, 13> all = {
      table("incident_type", vocab::kIncidentTypes, kIncidentTypeSv),
      table("detected_by", vocab::kDetectedBy, kDetectedBySv),
      table("cause", vocab::kCauses, kCausesSv),
      table("sector", vocab::kSectors, kSectorsSv),
      table("area", vocab::kAreas, kAreasSv),
      table("subject_groups", vocab::kSubjectGroups, kSubjectGroupsSv),
      table("data_categories", vocab::kDataCategories, kDataCategoriesSv),
      table("encrypted", vocab::kEncrypted, kEncryptedSv),
      table("consequences", vocab::kConsequences, kConsequencesSv),
      table("will_inform_subjects", vocab::kWillInform, kWillInformSv),
      table("not_inform_reasons", vocab::kNotInformReasons, kNotInformSv),
      table("range", vocab::kRanges, kRangesSv),
      table("severity", kSeverityValues, kSeveritySv),
  };
  return all;
}

}  // namespace

std::string swedish_label(std::string_view field, std::string_view value) {
  for (const auto& t : tables()) {
    if (t.field != field) continue;
    for (size_t i = 0; i < t.size; ++i)
      if (t.values[i] == value) return std::string(t.labels[i]);
  }
  return std::string(value);
}

std::string swedish_labels(std::string_view field, const std::vector<std::string>& values,
                           std::string_view sep) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += sep;
    out += swedish_label(field, v);
  }
  return out;
}

std::string form_time(std::string_view t) {
  // YYYY-MM-DDTHH:MM...
  if (t.size() >= 16 && t[4] == '-' && t[7] == '-' && (t[10] == 'T' || t[10] == ' ') && t[13] == ':') {
    return std::string(t.substr(0, 10)) + " " + std::string(t.substr(11, 5));
  }
  return std::string(t);
}

}  // namespace gdprd::notify
