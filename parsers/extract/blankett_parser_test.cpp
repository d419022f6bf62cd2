#include "parsers/extract/blankett_parser.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

IncidentRecord parse(std::string_view text) {
  ExtractContext ctx;
  ctx.message_date = std::chrono::sys_days{std::chrono::year{2026} / 5 / 20} + std::chrono::hours{8};
  IncidentRecord r;
  parse_blankett(text, ctx, r);
  return r;
}

// The pasted form as Word's clipboard gives it: "N. Question *: answer".
constexpr std::string_view kPastedSameLine = R"(Hej,

Blankett för rapportering av personuppgiftsincident

Personuppgiftsansvarig

1. Organisationens namn *: Exempelby kommun – Ekskolan
2. Organisationsnummer: 212999-0053
3. Organisationens postadress *: Box 8, 999 62 Exempelby
4. Er organisations interna referensnummer: Klicka här för att ange text.

Kontaktuppgifter för anmälan

5. Kontaktpersonens namn *: Test Testsson
6. Kontaktpersonens roll
☐ Dataskyddsombud
☒ Annan roll
7. Kontaktpersonens e-post *: test.testsson@exempelby.kommun.example
8. Kontaktpersonens telefonnummer *: 031-390 06 58
9. Den adress ni önskar bli kontaktad på *: Ekskolan, Skolvägen 3, 999 62 Exempelby

Incidenten

10. När inträffade incidenten?: 2026-05-19 15:05
11. När upptäckte ni incidenten?: 2026-05-19 16:20
12. Pågår incidenten fortfarande?
☐ Ja
☒ Nej
13. När upphörde incidenten?: Klicka här för att ange text.
15. Vad har hänt vid incidenten?
☒ Obehörigt röjande genom felaktigt utskick av mejl/brev/sms
☐ Obehörigt röjande: Övrigt
☐ Förlust: Information har gått förlorad på något sätt
16. Kort beskrivning av incidenten: Ett meddelande om en elev gick till fel vårdnadshavare.
19. Inom vilken sektor inträffade incidenten?
☒ Offentlig sektor
☐ Privat sektor
23. Hur många registrerade har påverkats?
Exakt antal registrerade: 1
☐ 1–10
☐ 11–100
26. Vilken sorts personuppgifter har incidenten drabbat?
☐ Etniskt ursprung
☒ Hälsa
☒ Identifierande information (till exempel för- och efternamn)
29. Hur allvarlig bedömer ni att incidenten är?
☐ 1. Obetydlig
☒ 2. Begränsad
30. Hur har ni agerat efter incidenten? Beskriv vad ni har gjort.
Datum och klockslag: 2026-05-19 16:30
Åtgärd: Mottagaren ombads radera meddelandet.
31. Har ni informerat de registrerade om incidenten?
☒ Ja
☐ Nej
32. När informerade ni de registrerade?: 2026-05-20
37. Om ni anser att viss information i er anmälan bör omfattas av sekretess, beskriv vilken information som enligt er bör vara sekretessbelagd och varför.: Klicka här för att ange text.

Hälsningar
Test Testsson
Lärare
)";

TEST(BlankettParser, PastedFormWithAnswersOnTheSameLine) {
  IncidentRecord r = parse(kPastedSameLine);
  EXPECT_EQ(r.organisation.name, "Exempelby kommun");
  EXPECT_EQ(r.organisation.unit, "Ekskolan");
  EXPECT_EQ(r.organisation.org_number, "212999-0053");
  EXPECT_EQ(r.organisation.postal_address, "Box 8, 999 62 Exempelby");
  EXPECT_FALSE(r.organisation.internal_reference);
  EXPECT_EQ(r.contact.name, "Test Testsson");
  EXPECT_EQ(r.contact.role, "other");
  EXPECT_EQ(r.contact.email, "test.testsson@exempelby.kommun.example");
  EXPECT_EQ(r.contact.phone, "031-390 06 58");
  EXPECT_EQ(r.contact.address, "Ekskolan, Skolvägen 3, 999 62 Exempelby");
  EXPECT_EQ(r.occurred_at, "2026-05-19T15:05:00+02:00");
  EXPECT_EQ(r.discovered_at, "2026-05-19T16:20:00+02:00");
  EXPECT_EQ(r.ongoing, false);
  EXPECT_FALSE(r.ended_at);
  EXPECT_EQ(r.incident_type, "misdirected_message");
  EXPECT_EQ(r.description, "Ett meddelande om en elev gick till fel vårdnadshavare.");
  EXPECT_EQ(r.sector, "public");
  EXPECT_EQ(r.data_subjects.exact, 1);
  EXPECT_EQ(r.data_subjects.range, "1-10");
  EXPECT_EQ(r.data_categories, (std::vector<std::string>{"health", "identifying"}));
  EXPECT_EQ(r.severity, 2);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].at, "2026-05-19T16:30:00+02:00");
  EXPECT_EQ(r.actions[0].action, "Mottagaren ombads radera meddelandet.");
  EXPECT_EQ(r.subjects_informed, true);
  EXPECT_EQ(r.subjects_informed_at, "2026-05-20");
  EXPECT_FALSE(r.confidentiality_request);  // placeholder, and the signature is not an answer
  EXPECT_TRUE(r.warnings.empty());
}

TEST(BlankettParser, AnswersOnTheNextLineTwoColumnTable) {
  // A two-column Word table read cell by cell: question (with its help text)
  // then the answer cell.
  IncidentRecord r = parse(
      "1. Organisationens namn *\n"
      "Skriv namnet på den personuppgiftsansvarige där incidenten har inträffat.\n"
      "Tallby kommun, Individ- och familjeomsorgen\n"
      "10. När inträffade incidenten?\n"
      "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM) och eventuell kommentar.\n"
      "2026-04-14 (klockslag okänt)\n"
      "16. Kort beskrivning av incidenten\n"
      "En utredning sparades i fel mapp.\n"
      "\n"
      "Mappen var öppen för hela förvaltningen.\n"
      "23. Hur många registrerade har påverkats?\n"
      "Om ni inte känner till det exakta antalet kan ni uppskatta antalet genom att fylla i något av de angivna intervallen. Markera endast ett alternativ.\n"
      "Exakt antal: \n"
      "☐ 1–10\n"
      "☒ 11–100\n"
      "☐ 101–1 000\n");
  EXPECT_EQ(r.organisation.name, "Tallby kommun");
  EXPECT_EQ(r.organisation.unit, "Individ- och familjeomsorgen");
  EXPECT_EQ(r.occurred_at, "2026-04-14");
  EXPECT_EQ(r.description, "En utredning sparades i fel mapp. Mappen var öppen för hela förvaltningen.");
  EXPECT_FALSE(r.data_subjects.exact);
  EXPECT_EQ(r.data_subjects.range, "11-100");
}

TEST(BlankettParser, TabSeparatedAnswers) {
  IncidentRecord r = parse(
      "5. Kontaktpersonens namn *\tAnna Exempel\n"
      "7. Kontaktpersonens e-post *\tanna@exempel.example\n"
      "11. När upptäckte ni incidenten?\t2026-02-18 08:10\n");
  EXPECT_EQ(r.contact.name, "Anna Exempel");
  EXPECT_EQ(r.contact.email, "anna@exempel.example");
  EXPECT_EQ(r.discovered_at, "2026-02-18T08:10:00+01:00");
}

TEST(BlankettParser, RenumberedLocalVersion) {
  IncidentRecord r = parse(
      "A1. Organisationens namn: Ekby kommun\n"
      "B1. Kontaktpersonens namn: Per Prov\n"
      "C1. När inträffade incidenten?: 2026-03-02 10:00\n"
      "C2. Pågår incidenten fortfarande?\n"
      "☒ Ja\n"
      "☐ Nej\n");
  EXPECT_EQ(r.organisation.name, "Ekby kommun");
  EXPECT_EQ(r.contact.name, "Per Prov");
  EXPECT_EQ(r.occurred_at, "2026-03-02T10:00:00+01:00");
  EXPECT_EQ(r.ongoing, true);
}

TEST(BlankettParser, ShortenedQuestionsWithoutNumbers) {
  IncidentRecord r = parse(
      "Organisation: Ekby kommun\n"
      "Kontaktperson: Per Prov\n"
      "Telefon: 08-465 004 21\n"
      "Typ av incident\n"
      "☐ Felaktigt utskick\n"
      "☒ Förlust\n"
      "Beskrivning: Ett USB-minne tappades på bussen.\n"
      "Antal registrerade: 9\n");
  EXPECT_EQ(r.organisation.name, "Ekby kommun");
  EXPECT_EQ(r.contact.name, "Per Prov");
  EXPECT_EQ(r.contact.phone, "08-465 004 21");
  EXPECT_EQ(r.incident_type, "loss");
  EXPECT_EQ(r.description, "Ett USB-minne tappades på bussen.");
  EXPECT_EQ(r.data_subjects.exact, 9);
}

TEST(BlankettParser, MangledQuestionLabels) {
  IncidentRecord r = parse(
      "10. Nér intraffade incidenten?: 2026-01-20 10:48\n"
      "12. Pagar incidenten fortfarande?\n"
      "☐ Ja\n"
      "☒ Nej\n"
      "17. Hur upptickte ni incidenten?\n"
      "☒ En anstélld informerade oss\n");
  EXPECT_EQ(r.occurred_at, "2026-01-20T10:48:00+01:00");
  EXPECT_EQ(r.ongoing, false);
  EXPECT_EQ(r.detected_by, "employee");
}

TEST(BlankettParser, PlaceholdersAndHelpTextsAreNotAnswers) {
  IncidentRecord r = parse(
      "13. När upphörde incidenten?\n"
      "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM) och eventuell kommentar.\n"
      "Click or tap here to enter text.\n"
      "14. Om er anmälan kommer in senare än 72 timmar efter att ni\n"
      "upptäckte incidenten, beskriv varför.\n"
      "Klicka här för att ange text.\n"
      "2. Organisationsnummer Ange organisationsnummer\n"
      "(XXXXXX-XXXX).\n");
  EXPECT_FALSE(r.ended_at);
  EXPECT_FALSE(r.late_reason);
  EXPECT_FALSE(r.organisation.org_number);
}

TEST(BlankettParser, SingleChoiceWithSeveralTicksTakesTheFirstInFormOrder) {
  IncidentRecord r = parse(
      "18. Varför inträffade incidenten enligt er uppfattning?\n"
      "Markera endast ett alternativ.\n"
      "☐ Mänskliga faktorn: Fel i det enskilda fallet\n"
      "☒ Brist i organisatoriska rutiner eller processer: Systematiska fel\n"
      "☒ Tekniskt fel, till exempel fel i mjukvara, programinställningar\n");
  EXPECT_EQ(r.cause, "organisational");
}

TEST(BlankettParser, MultiChoiceKeepsEveryTickInSpecOrder) {
  IncidentRecord r = parse(
      "25. Vilka grupper tillhör de registrerade?\n"
      "☒ Skolelever i förskola, grundskola eller gymnasium\n"
      "☐ Patienter\n"
      "☒ Anställda hos den personuppgiftsansvarige\n"
      "35. Varför kommer ni inte att informera de registrerade?\n"
      "☒ Incidenten medför inte hög risk för personers fri- och rättigheter\n"
      "☒ Vi har redan vidtagit åtgärder som avhjälper riskerna\n");
  EXPECT_EQ(r.subject_groups, (std::vector<std::string>{"employees", "pupils"}));
  EXPECT_EQ(r.not_inform_reasons, (std::vector<std::string>{"not_high_risk", "already_mitigated"}));
}

TEST(BlankettParser, MissingMandatoryFieldFromPrintedStars) {
  IncidentRecord r = parse(
      "1. Organisationens namn *: Ekby kommun\n"
      "8. Kontaktpersonens telefonnummer *: 070-174 06 23\n"
      "9. Den adress ni önskar bli kontaktad på *: Klicka här för att ange text.\n"
      "10. När inträffade incidenten?: 2026-02-17 16:50\n");
  ASSERT_TRUE(r.has_warning(vocab::kMissingMandatoryField));
  EXPECT_NE(r.warnings[0].message.find("Fråga 9"), std::string::npos);
}

TEST(BlankettParser, MissingMandatoryFieldFromTheTableWhenNoStarsPrinted) {
  IncidentRecord r = parse(
      "Organisationens namn:\n"
      "Kontaktpersonens namn: Per Prov\n"
      "När inträffade incidenten?: 2026-02-17 16:50\n"
      "Kort beskrivning av incidenten: Text.\n");
  EXPECT_TRUE(r.has_warning(vocab::kMissingMandatoryField));
  IncidentRecord full = parse(
      "Organisationens namn: Ekby kommun\n"
      "Kontaktpersonens namn: Per Prov\n"
      "Kort beskrivning av incidenten: Text.\n");
  EXPECT_FALSE(full.has_warning(vocab::kMissingMandatoryField));
}

TEST(BlankettParser, ProcessorsAsNameAndNumberPairs) {
  IncidentRecord r = parse(
      "21. Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden eller underbiträden?\n"
      "☒ Ja\n"
      "☐ Nej\n"
      "22. Organisationens namn och organisationsnummer.\n"
      "Organisationens namn: Omsorgsdata Norr AB\n"
      "Organisationsnummer: 559912-3451\n"
      "Organisationens namn: Klicka här för att ange text.\n"
      "Organisationsnummer: Klicka här för att ange text.\n"
      "23. Hur många registrerade har påverkats?\n"
      "Exakt antal registrerade: 2\n");
  EXPECT_EQ(r.processor_involved, true);
  ASSERT_EQ(r.processors.size(), 1u);
  EXPECT_EQ(r.processors[0].name, "Omsorgsdata Norr AB");
  EXPECT_EQ(r.processors[0].org_number, "559912-3451");
  EXPECT_EQ(r.data_subjects.exact, 2);
  EXPECT_FALSE(r.organisation.name);  // Q22's sub-label is not Q1
}

TEST(BlankettParser, ProcessorOnOneLine) {
  IncidentRecord r = parse(
      "22. Organisationens namn och organisationsnummer.\n"
      "Leverantören AB, 559912-3451\n");
  ASSERT_EQ(r.processors.size(), 1u);
  EXPECT_EQ(r.processors[0].name, "Leverantören AB");
  EXPECT_EQ(r.processors[0].org_number, "559912-3451");
}

TEST(BlankettParser, ActionRowsWithEmptyRowsSkipped) {
  IncidentRecord r = parse(
      "30. Hur har ni agerat efter incidenten? Beskriv vad ni har gjort.\n"
      "Ange datum och klockslag (ÅÅÅÅ-MM-DD HH:MM)\n"
      "Datum och klockslag: 2026-06-08 16:20\n"
      "Åtgärd: Mejlet återkallades.\n"
      "Datum och klockslag: 2026-06-09\n"
      "Åtgärd: Rutinen ändrades.\n"
      "Datum och klockslag: Klicka här för att ange text.\n"
      "Åtgärd: Klicka här för att ange text.\n");
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[0].at, "2026-06-08T16:20:00+02:00");
  EXPECT_EQ(r.actions[0].action, "Mejlet återkallades.");
  EXPECT_EQ(r.actions[1].at, "2026-06-09");
  EXPECT_EQ(r.actions[1].action, "Rutinen ändrades.");
}

TEST(BlankettParser, ExactCountAlsoFillsRangeAndBeatsTick) {
  IncidentRecord r = parse(
      "24. Hur många uppgifter om de registrerade har påverkats totalt?\n"
      "Exakt antal uppgifter: 114\n"
      "☐ 11–100\n"
      "☐ 101–1 000\n");
  EXPECT_EQ(r.records.exact, 114);
  EXPECT_EQ(r.records.range, "101-1000");
}

TEST(BlankettParser, QuotedForwardedForm) {
  IncidentRecord r = parse(
      "> 5. Kontaktpersonens namn *: Per Prov\n"
      "> 6. Kontaktpersonens roll\n"
      "> ☒ Dataskyddsombud\n"
      "> ☐ Annan roll\n"
      "> 27. Var personuppgifterna krypterade?\n"
      "> ☐ Ja, samtliga uppgifter\n"
      "> ☒ Ja, men inte alla uppgifter\n");
  EXPECT_EQ(r.contact.name, "Per Prov");
  EXPECT_EQ(r.contact.role, "dpo");
  EXPECT_EQ(r.encrypted, "partial");
}

TEST(BlankettParser, TypedAnswerInsteadOfTicks) {
  IncidentRecord r = parse(
      "12. Pågår incidenten fortfarande?: Nej\n"
      "19. Inom vilken sektor inträffade incidenten?: Offentlig sektor\n"
      "26. Vilken sorts personuppgifter har incidenten drabbat?: Personnummer, Hälsa\n");
  EXPECT_EQ(r.ongoing, false);
  EXPECT_EQ(r.sector, "public");
  EXPECT_EQ(r.data_categories, (std::vector<std::string>{"health", "personal_identity_number"}));
}

TEST(BlankettParser, InternalFollowUpPageTicksAreNotAnswers) {
  IncidentRecord r = parse(
      "36. Avser ni att komplettera er anmälan?\n"
      "☐ Ja\n"
      "☒ Nej\n"
      "Kontakt tas alltid med din chef vid en incident.\n"
      "Fortsatt internutredning kopplat till personuppgiftsanmälan\n"
      "Anmäld till IMY\n"
      "☒ JA\n"
      "☐ NEJ\n");
  EXPECT_EQ(r.supplement_planned, false);
}

TEST(BlankettParser, EvidenceCountsQuestionsNumbersAndTicks) {
  BlankettEvidence e = scan_blankett(kPastedSameLine);
  EXPECT_GE(e.questions, 20u);
  EXPECT_GE(e.numbered, 20u);
  EXPECT_GE(e.ticks, 10u);
  BlankettEvidence prose = scan_blankett("Hej,\nJag skickade ett mejl till fel person igår.\nMvh Per\n");
  EXPECT_EQ(prose.questions, 0u);
}

}  // namespace
}  // namespace gdprd::parsers

namespace gdprd::parsers {
namespace {

TEST(BlankettParser, EmptyFormWhoseBoxesWereLostAnswersNothing) {
  // pdftotext of the empty seed form: options printed as plain lines.
  IncidentRecord r = parse(
      "6. Kontaktpersonens roll\n"
      "Markera endast ett alternativ.\n"
      "Dataskyddsombud\n"
      "\n"
      "Annan roll\n"
      "12. Pågår incidenten fortfarande?\n"
      "Ja\n"
      "Nej\n"
      "Om ni svarat ja på frågan ovan, gå till fråga 14.\n"
      "26. Vilken sorts personuppgifter har incidenten drabbat?\n"
      "Markera alla alternativ som gäller.\n"
      "Etniskt ursprung\n"
      "Politiska åsikter\n"
      "Hälsa\n");
  EXPECT_FALSE(r.contact.role);
  EXPECT_FALSE(r.ongoing);
  EXPECT_TRUE(r.data_categories.empty());
}

}  // namespace
}  // namespace gdprd::parsers

namespace gdprd::parsers {
namespace {

TEST(BlankettParser, PrintedRangeLabelsAreNoCountAndWrappedHelpTailIsNoAnswer) {
  IncidentRecord r = parse(
      "9. Den adress ni önskar bli kontaktad på * Brev som IMY skickar till er gällande\n"
      "anmälan kommer att skickas till den\n"
      "här adressen.\n"
      "Den kontaktperson som IMY kan\n"
      "kontakta\n"
      "23. Hur många registrerade har påverkats?\n"
      "Exakt antal registrerade:\n"
      "1–10\n"
      "11–100\n");
  EXPECT_FALSE(r.contact.address);
  EXPECT_FALSE(r.data_subjects.range);
  EXPECT_TRUE(r.has_warning(vocab::kMissingMandatoryField));
}

}  // namespace
}  // namespace gdprd::parsers

namespace gdprd::parsers {
namespace {

TEST(BlankettParser, LayoutRenderingWithAnswerAfterARunOfSpaces) {
  IncidentRecord r = parse(
      "Kontaktpersonens namn *        Per Prov\n"
      "Kontaktpersonens telefonnummer    08-465 004 21\n");
  EXPECT_EQ(r.contact.name, "Per Prov");
  EXPECT_EQ(r.contact.phone, "08-465 004 21");
}

}  // namespace
}  // namespace gdprd::parsers
