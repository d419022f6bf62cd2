#include "parsers/extract/field_extractor.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

ExtractContext context() {
  ExtractContext ctx;
  ctx.message_date = std::chrono::sys_days{std::chrono::year{2026} / 5 / 20} + std::chrono::hours{8};
  ctx.document_type = "text_body";
  return ctx;
}

constexpr std::string_view kUnnumberedBlankett =
    "Organisationens namn: Ekby kommun\n"
    "Organisationens postadress: Box 1, 999 99 Ekby\n"
    "Kontaktpersonens namn: Per Prov\n"
    "Kontaktpersonens e-post: per@ekby.example\n"
    "När inträffade incidenten?: 2026-05-18\n"
    "Pågår incidenten fortfarande?\n"
    "☐ Ja\n"
    "☒ Nej\n"
    "Vad har hänt vid incidenten?\n"
    "☒ Förlust: Information har gått förlorad på något sätt\n"
    "Kort beskrivning av incidenten: En pärm glömdes på tåget.\n";

TEST(DetectReportKind, UnnumberedBlankettIsBlankett) {
  EXPECT_EQ(detect_report_kind(kUnnumberedBlankett), ReportKind::blankett);
}

TEST(DetectReportKind, ChecklistProseIsFreeText) {
  // A mail that follows the routine's checklist borrows labels, not the form.
  EXPECT_EQ(detect_report_kind("Hej,\n"
                               "Datum och tidpunkt för upptäckt: igår kl. 16.20\n"
                               "Incidentens art: Dataintrång.\n"
                               "Kategorier av personuppgifter: namn, personnummer.\n"
                               "Antal registrerade: drygt 40 klienter.\n"
                               "Vidtagna åtgärder: Kontot spärrades.\n"
                               "Med vänlig hälsning\nPer\n"),
            ReportKind::free_text);
}

TEST(DetectReportKind, ProseUnderHeadingsIsFreeText) {
  EXPECT_EQ(detect_report_kind("Bakgrund\nEn elevlista skickades till fel vårdnadshavare.\n\n"
                               "Åtgärder\nMottagaren ombads radera listan.\n"),
            ReportKind::free_text);
}

TEST(DetectReportKind, EtjanstExportBySectionsAndLabels) {
  EXPECT_EQ(detect_report_kind("V1. Uppgifter om personuppgiftsincident\n"
                               "Vilken nämnd/myndighet berör personuppgiftsincidenten?\nSocialnämnden\n"
                               "Ange när incidenten upptäcktes\nDatum\tTid\n2026-05-19\t10:00\n"
                               "Beskriv incidenten\nText.\n"
                               "V2. Kontaktuppgifter\n"),
            ReportKind::etjanst);
}

TEST(DetectReportKind, EmptyAndBinaryTextIsFreeText) {
  EXPECT_EQ(detect_report_kind(""), ReportKind::free_text);
  EXPECT_EQ(detect_report_kind(std::string_view("\0\xff\xfe\x01", 4)), ReportKind::free_text);
}

TEST(DetectLayout, KeepsTheBlocksOfTheScannedText) {
  ReportLayout layout = detect_layout(kUnnumberedBlankett);
  EXPECT_EQ(layout.kind, ReportKind::blankett);
  EXPECT_EQ(layout.text.data(), kUnnumberedBlankett.data());
  // Eight questions are asked; "Pågår incidenten fortfarande?" carries two boxes.
  ASSERT_EQ(layout.blankett.size(), 8u);
  EXPECT_EQ(layout.blankett[5].ticks.size(), 2u);
  EXPECT_EQ(blankett_evidence(layout.blankett).questions, scan_blankett(kUnnumberedBlankett).questions);
}

TEST(ExtractFields, ReusedLayoutGivesTheSameRecordAsAFreshScan) {
  ReportLayout layout = detect_layout(kUnnumberedBlankett);
  IncidentRecord reused, fresh;
  extract_fields(kUnnumberedBlankett, context(), reused, &layout);
  extract_fields(kUnnumberedBlankett, context(), fresh);
  EXPECT_EQ(reused.report_kind, "blankett");
  EXPECT_EQ(reused.description, fresh.description);
  EXPECT_EQ(reused.incident_type, fresh.incident_type);
  EXPECT_EQ(reused.organisation.name, fresh.organisation.name);
  EXPECT_EQ(reused.contact.email, fresh.contact.email);
  EXPECT_EQ(reused.warnings.size(), fresh.warnings.size());
}

TEST(ExtractFields, LayoutOfOtherBytesIsNotReused) {
  // A layout scanned on another text (here: a blankett) must not fill the
  // record of a prose mail passed with it.
  ReportLayout blankett = detect_layout(kUnnumberedBlankett);
  std::string prose = "Hej,\nJag skickade igår ett mejl med en elevlista till fel vårdnadshavare.\nMvh Per\n";
  IncidentRecord r;
  extract_fields(prose, context(), r, &blankett);
  EXPECT_EQ(r.report_kind, "free_text");
  EXPECT_NE(r.organisation.name, std::optional<std::string>("Ekby kommun"));
  // The same bytes cut shorter are other bytes too.
  IncidentRecord cut;
  extract_fields(kUnnumberedBlankett.substr(0, 60), context(), cut, &blankett);
  EXPECT_EQ(cut.report_kind, "free_text");
}

TEST(ExtractFields, SetsReportKindAndDispatches) {
  IncidentRecord r;
  extract_fields(kUnnumberedBlankett, context(), r);
  EXPECT_EQ(r.report_kind, "blankett");
  EXPECT_EQ(r.incident_type, "loss");
  EXPECT_EQ(r.ongoing, false);
  EXPECT_EQ(r.occurred_at, "2026-05-18");
}

TEST(ExtractFields, PersonalIdentityNumberWarningForEveryKind) {
  IncidentRecord blankett;
  extract_fields(std::string(kUnnumberedBlankett) + "Om ni anser att viss information i er anmälan bör omfattas av sekretess: Eleven 19121212-1212\n",
                 context(), blankett);
  EXPECT_TRUE(blankett.has_warning(vocab::kPersonalIdentityNumber));
  IncidentRecord clean;
  extract_fields(kUnnumberedBlankett, context(), clean);
  EXPECT_FALSE(clean.has_warning(vocab::kPersonalIdentityNumber));
}

TEST(ExtractFields, OrganisationNumberIsNoPersonalIdentityNumber) {
  IncidentRecord r;
  extract_fields(std::string(kUnnumberedBlankett) + "Organisationsnummer: 212999-0053\n", context(), r);
  EXPECT_FALSE(r.has_warning(vocab::kPersonalIdentityNumber));
}

TEST(ExtractFields, OversizedTextIsCutWithALimitWarning) {
  std::string huge{kUnnumberedBlankett};
  huge.append(2u * 1024 * 1024 + 10, 'x');
  IncidentRecord r;
  extract_fields(huge, context(), r);
  EXPECT_TRUE(r.has_warning(vocab::kLimitExceeded));
  EXPECT_EQ(r.report_kind, "blankett");
}

#ifdef GDPRD_SOURCE_DIR
// The pasted blankett of corpus 05 (its text/plain part, quoted-printable
// decoded), read without the MIME layer.
TEST(ExtractFields, CorpusPastedBlankettKeepsEveryTick) {
  std::ifstream in(std::string(GDPRD_SOURCE_DIR) + "/tests/corpus/05_blankett_pasted_plain_wrong_guardian.eml",
                   std::ios::binary);
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  // Decode quoted-printable of the first text/plain part well enough for the test.
  size_t start = raw.find("Content-Type: text/plain");
  ASSERT_NE(start, std::string::npos);
  start = raw.find("\r\n\r\n", start);
  size_t end = raw.find("\r\n--", start);
  std::string qp = raw.substr(start + 4, end - start - 4), text;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && i + 2 < qp.size() && qp[i + 1] == '\r' && qp[i + 2] == '\n') {
      i += 2;
    } else if (qp[i] == '=' && i + 2 < qp.size()) {
      text.push_back(static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (qp[i] != '\r') {
      text.push_back(qp[i]);
    }
  }
  IncidentRecord r;
  extract_fields(text, context(), r);
  EXPECT_EQ(r.report_kind, "blankett");
  EXPECT_EQ(r.organisation.unit, "Björkhagaskolan");
  EXPECT_EQ(r.contact.role, "other");
  EXPECT_EQ(r.incident_type, "misdirected_message");
  EXPECT_EQ(r.detected_by, "external");
  EXPECT_EQ(r.cause, "human_error");
  EXPECT_EQ(r.area, "school");
  EXPECT_EQ(r.subject_groups, (std::vector<std::string>{"pupils"}));
  EXPECT_EQ(r.consequences, (std::vector<std::string>{"loss_of_confidentiality_professional_secrecy"}));
  EXPECT_EQ(r.processor_involved, false);
  EXPECT_EQ(r.supplement_planned, false);
  EXPECT_FALSE(r.will_inform_subjects);
  EXPECT_TRUE(r.warnings.empty());
}
#endif

}  // namespace
}  // namespace gdprd::parsers
