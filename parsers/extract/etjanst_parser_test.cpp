#include "parsers/extract/etjanst_parser.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace gdprd::parsers {
namespace {

IncidentRecord parse(std::string_view text) {
  ExtractContext ctx;
  ctx.message_date = std::chrono::sys_days{std::chrono::year{2026} / 7 / 14} + std::chrono::hours{11};
  IncidentRecord r;
  parse_etjanst(text, ctx, r);
  return r;
}

constexpr std::string_view kExport =
    "Exempelby kommun – e-tjänst\n"
    "\n"
    "Personuppgiftsincident\n"
    "\n"
    "V1. Uppgifter om personuppgiftsincident\n"
    "\n"
    "Vilken nämnd/myndighet berör personuppgiftsincidenten?\n"
    "Vård- och omsorgsnämnden\n"
    "\n"
    "Ange när incidenten upptäcktes\n"
    "Datum\tTid\n"
    "2026-07-14\t06:55\n"
    "\n"
    "Beskriv incidenten\n"
    "Beskriv händelseförlopp, plats, inblandade program, system och tjänster etc.\n"
    "Den 14 juli kl. 02.10 slutade verksamhetssystemet att svara.\n"
    "\n"
    "Felet upptäcktes genom ett larm från driftövervakningen kl. 06.55.\n"
    "\n"
    "Beskriv vad du/ni gjorde för att åtgärda eller mildra effekterna av incidenten\n"
    "Vad har gjorts, vad ska göras och vad behöver göras framöver för att minimera spridning av personuppgifter?\n"
    "Driften återställdes den 14 juli kl. 09.40 och incidenten är avslutad.\n"
    "\n"
    "Reservlistorna ska uppdateras varje vecka.\n"
    "\n"
    "Vilken typ av incident har inträffat? Markera alla alternativ som gäller.\n"
    "Förlust: Personuppgifter har tillfälligt inte varit tillgängliga\n"
    "\n"
    "Vilka kategorier av personuppgifter berörs av incidenten?\n"
    "Exempel på kategorier är namn, telefonnummer, bilder, adress, användarnamn, lösenord.\n"
    "Namn och personnummer\n"
    "\n"
    "Hur många personer berörs av incidenten?\n"
    "Uppskattat antal\n"
    "ca 340\n"
    "\n"
    "Är din bedömning att incidenten är så allvarlig att den ska anmälas till Integritetsskyddsmyndigheten?\n"
    "Vid en personuppgiftsincident så måste sannolikheten för en negativ påverkan av de registrerades rättigheter och friheter fastställas. Om det är osannolikt att en personuppgiftsincident medför risker behöver inte IMY meddelas.\n"
    "Ja\n"
    "\n"
    "Behöver de registrerade informeras?\n"
    "Nej\n"
    "\n"
    "V2. Kontaktuppgifter\n"
    "\n"
    "Kontaktuppgifter\n"
    "För- och efternamn\tE-postadress\n"
    "Test Testsson\ttest@exempelby.kommun.example\n"
    "\n"
    "Mobiltelefon\tTelefon\n"
    "070-174 06 47\t\n"
    "\n"
    "Förvaltning\tAvdelning\n"
    "Vård- och omsorgsförvaltningen\tHemtjänst\n"
    "\n"
    "Enhet\n"
    "\n";

TEST(EtjanstParser, TabSeparatedPairsAndMostSpecificUnit) {
  IncidentRecord r = parse(kExport);
  EXPECT_EQ(r.organisation.name, "Exempelby kommun");
  EXPECT_EQ(r.organisation.unit, "Hemtjänst");  // Enhet empty: Avdelning is the most specific filled
  EXPECT_EQ(r.contact.name, "Test Testsson");
  EXPECT_EQ(r.contact.email, "test@exempelby.kommun.example");
  EXPECT_EQ(r.contact.phone, "070-174 06 47");
  EXPECT_FALSE(r.contact.role);
  EXPECT_EQ(r.discovered_at, "2026-07-14T06:55:00+02:00");
}

TEST(EtjanstParser, HelpTextsAreNotAnswers) {
  IncidentRecord r = parse(kExport);
  ASSERT_TRUE(r.description);
  EXPECT_EQ(r.description->find("händelseförlopp"), std::string::npos);
  EXPECT_EQ(r.data_categories, (std::vector<std::string>{"personal_identity_number", "identifying"}));
  EXPECT_EQ(r.assessment.report_to_imy, true);
  EXPECT_EQ(r.assessment.inform_subjects, false);
}

TEST(EtjanstParser, ApproximateCountGivesOnlyTheRange) {
  IncidentRecord r = parse(kExport);
  EXPECT_FALSE(r.data_subjects.exact);
  EXPECT_EQ(r.data_subjects.range, "101-1000");
}

TEST(EtjanstParser, ActionsOnePerParagraphWithTheirTimes) {
  IncidentRecord r = parse(kExport);
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[0].at, "2026-07-14T09:40:00+02:00");
  EXPECT_FALSE(r.actions[1].at);
  EXPECT_EQ(r.actions[1].action, "Reservlistorna ska uppdateras varje vecka.");
}

TEST(EtjanstParser, TimesInTheDescriptionFillOccurrenceAndEnd) {
  IncidentRecord r = parse(kExport);
  EXPECT_EQ(r.occurred_at, "2026-07-14T02:10:00+02:00");
  EXPECT_EQ(r.ended_at, "2026-07-14T09:40:00+02:00");
  EXPECT_EQ(r.ongoing, false);
  EXPECT_EQ(r.incident_type, "loss");
}

TEST(EtjanstParser, MangledLabelsAndExactEstimate) {
  IncidentRecord r = parse(
      "V1. Uppgifter om personuppgiftsincident\n"
      "Vilken namnd/myndighet berér personuppgiftsincidenten?\n"
      "Kommunstyrelsen\n"
      "Ange nér incidenten upptécktes\n"
      "Datum Tid\n"
      "2026-01-20 10:48\n"
      "Beskriv incidenten\n"
      "Beskriv hindelseforlopp, plats, inblandade program, system och tjénster etc.\n"
      "Ett mejl med tva personnummer skickades till fel avdelning. Det upptécktes av en medarbetare pa avdelningen.\n"
      "Vilken typ av incident har intraffat? Markera alla alternativ som galler.\n"
      "Obehorigt rojande: Personuppgifter har spridits pa ett felaktigt sétt\n"
      "Hur manga personer berors av incidenten?\n"
      "Uppskattat antal: 2\n"
      "Ar din bedémning att incidenten ar sa allvarlig att den ska anmiilas till Integritetsskyddsmyndigheten?\n"
      "Nej\n"
      "Behover de registrerade informeras?\n"
      "Nej\n"
      "V2. Kontaktuppgifter\n"
      "For- och efternamn E-postadress\n"
      "Per Prov per.prov@exempel.example\n"
      "Forvaltning\tAvdelning\n"
      "Kommunledningskontoret\tKommunikationsavdelningen\n");
  EXPECT_EQ(r.organisation.unit, "Kommunikationsavdelningen");
  EXPECT_EQ(r.discovered_at, "2026-01-20T10:48:00+01:00");
  EXPECT_EQ(r.incident_type, "disclosure_other");
  EXPECT_EQ(r.data_subjects.exact, 2);
  EXPECT_EQ(r.assessment.report_to_imy, false);
  EXPECT_EQ(r.assessment.inform_subjects, false);
  EXPECT_EQ(r.contact.name, "Per Prov");
  EXPECT_EQ(r.contact.email, "per.prov@exempel.example");
  // Free text repaired where certain.
  EXPECT_EQ(r.description,
            "Ett mejl med två personnummer skickades till fel avdelning. Det upptäcktes av en medarbetare på "
            "avdelningen.");
  EXPECT_EQ(r.detected_by, "employee");
}

TEST(EtjanstParser, FragaSvarPairsAndMultiTicksTakeTheFirst) {
  IncidentRecord r = parse(
      "Fråga: Vilken typ av incident har inträffat? Markera alla alternativ som gäller.\n"
      "☐ Obehörigt röjande: Personuppgifter har spridits på ett felaktigt sätt\n"
      "☒ Obehörig åtkomst: Någon har tagit del av uppgifter utan behörighet\n"
      "☒ Förlust: Personuppgifter har förlorats\n"
      "Fråga: Hur många personer berörs av incidenten?\n"
      "Svar: 12\n"
      "Fråga: Behöver de registrerade informeras?\n"
      "Svar: Ja\n");
  EXPECT_EQ(r.incident_type, "unauthorized_access");
  EXPECT_EQ(r.data_subjects.exact, 12);
  EXPECT_EQ(r.assessment.inform_subjects, true);
}

TEST(EtjanstParser, EvidenceFromSectionsAndPairs) {
  EXPECT_GE(scan_etjanst(kExport), 6u);
  EXPECT_GE(scan_etjanst("Fråga: Beskriv incidenten\nSvar: Text\nFråga: Behöver de registrerade informeras?\nSvar: Nej\n"), 4u);
  EXPECT_LT(scan_etjanst("Hej!\nJag skickade ett mejl till fel person.\nMvh Per\n"), 2u);
}

}  // namespace
}  // namespace gdprd::parsers
