#include "parsers/extract/free_text_parser.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "core/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

using V = std::vector<std::string>;

ExtractContext ctx_at(int y, int mo, int d, int h, int mi, std::string subject = "Incident") {
  ExtractContext c;
  c.message_date = stockholm::to_instant(stockholm::LocalDateTime{y, mo, d, h, mi, 0});
  c.subject = std::move(subject);
  c.document_type = "text_body";
  return c;
}

IncidentRecord parse(std::string_view text, const ExtractContext& ctx) {
  IncidentRecord r;
  parse_free_text(text, ctx, r);
  return r;
}

TEST(FreeText, ShortSwedishReportFillsTheRecord) {
  auto r = parse(
      "Hej,\n\nIgår kl. 13.20 skickade jag av misstag ett mejl med namn och personnummer för fyra elever till fel "
      "mottagare.\n\nJag upptäckte själv felet idag kl. 08.10.\n\nJag har bett mottagaren radera mejlet.\n\n"
      "Hälsningar\nKim Ek\nLärare, Testskolan\nTestby kommun\n070-174 06 01\nkim.ek@testby.kommun.example\n",
      ctx_at(2026, 5, 21, 9, 0));
  EXPECT_EQ(r.report_kind, "free_text");
  EXPECT_EQ(r.occurred_at, "2026-05-20T13:20:00+02:00");
  EXPECT_EQ(r.discovered_at, "2026-05-21T08:10:00+02:00");
  EXPECT_EQ(r.incident_type, "misdirected_message");
  EXPECT_EQ(r.cause, "human_error");
  EXPECT_EQ(r.detected_by, "employee");
  EXPECT_EQ(r.area, "school");
  EXPECT_EQ(r.data_subjects, (Count{4, "1-10"}));
  EXPECT_EQ(r.subject_groups, V{"pupils"});
  EXPECT_EQ(r.data_categories, (V{"personal_identity_number", "identifying"}));
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].action, "Jag har bett mottagaren radera mejlet.");
  EXPECT_EQ(r.actions[0].at, std::nullopt);
  EXPECT_EQ(r.contact.name, "Kim Ek");
  EXPECT_EQ(r.contact.role, "other");
  EXPECT_EQ(r.organisation.name, "Testby kommun");
  EXPECT_EQ(r.organisation.unit, "Testskolan");
  ASSERT_TRUE(r.description);
  EXPECT_EQ(r.description->find("Hej"), std::string::npos);
  EXPECT_EQ(r.description->find("upptäckte"), std::string::npos);
}

TEST(FreeText, ForwarderIsNotTheContactAndQuotedDateResolvesRelativeDays) {
  auto r = parse(
      "Hej,\n\nVidarebefordrar, se nedan.\n\nBo Chef\nAvdelningschef\nTestby kommun\n08-465 004 99\n\n"
      "Från: Ann Ek <ann@testby.kommun.example>\nSkickat: den 1 juni 2026 08:14\nTill: Bo\nÄmne: Tappad pärm\n\n"
      "Hej Bo,\n\nI morse märkte jag att pärmen med 12 brukares planer saknas. Jag har tappat den igår eftermiddag "
      "ca kl. 15.30.\n\nHälsningar\nAnn Ek\nUndersköterska, Hemtjänst Norr\nTestby kommun\n070-174 06 02\n"
      "ann@testby.kommun.example\n",
      ctx_at(2026, 6, 3, 10, 0, "VB: Tappad pärm"));
  EXPECT_EQ(r.contact.name, "Ann Ek");
  EXPECT_EQ(r.contact.phone, "070-174 06 02");
  EXPECT_EQ(r.organisation.unit, "Hemtjänst Norr");
  EXPECT_EQ(r.discovered_at, "2026-06-01");
  EXPECT_EQ(r.occurred_at, "2026-05-31T15:30:00+02:00");
  EXPECT_EQ(r.incident_type, "loss");
}

TEST(FreeText, NewestPartWinsOverQuotedHistory) {
  auto r = parse(
      "Rättelse: uppgifterna gällde 23 personer. Listan skickades ut torsdagen den 11 juni kl. 15.30.\n\n"
      "Nils Gran\nHandläggare\nTestby kommun\n\n"
      "Den 2026-06-12 kl. 16:05, skrev Nils Gran:\n> Idag skickade vi ut en lista med namn. Det är ett obehörigt "
      "röjande. En granne ringde idag kl. 14.10 och påpekade det.\n>\n> Ett tjugotal personer berörs.\n",
      ctx_at(2026, 6, 16, 9, 30));
  EXPECT_EQ(r.data_subjects, (Count{23, "11-100"}));
  EXPECT_EQ(r.occurred_at, "2026-06-11T15:30:00+02:00");
  EXPECT_EQ(r.discovered_at, "2026-06-12T14:10:00+02:00");
  EXPECT_EQ(r.incident_type, "disclosure_other");
  EXPECT_EQ(r.detected_by, "external");
}

TEST(FreeText, EnglishAssessmentAndRelativeWeekday) {
  auto r = parse(
      "Hello,\n\nOn Tuesday at around 15:40 I e-mailed a pupil's grades to the wrong guardian by mistake.\n\n"
      "The guardian contacted me yesterday.\n\nOne pupil is affected. I do not think the incident needs to be "
      "reported to IMY, but I think the pupil should be informed.\n\nBest regards,\nAnn Hill\nTeacher\n",
      ctx_at(2026, 9, 17, 8, 20));
  EXPECT_EQ(r.occurred_at, "2026-09-15T15:40:00+02:00");
  EXPECT_EQ(r.discovered_at, "2026-09-16");
  EXPECT_EQ(r.detected_by, "external");
  EXPECT_EQ(r.data_subjects, (Count{1, "1-10"}));
  EXPECT_EQ(r.assessment.report_to_imy, false);
  EXPECT_EQ(r.assessment.inform_subjects, true);
  EXPECT_EQ(r.data_categories, V{"other"});
}

TEST(FreeText, ApproximateCountGivesRangeOnly) {
  auto r = parse("Hej,\n\nListan med drygt 350 elever publicerades av misstag på webben.\n",
                 ctx_at(2026, 5, 21, 9, 0));
  EXPECT_EQ(r.data_subjects, (Count{std::nullopt, "101-1000"}));
}

TEST(FreeText, PlansAndFactsAreNotAssessment) {
  auto r = parse(
      "Hej,\n\nJag skickade listan till fel mottagare igår.\n\nVi kommer att informera de berörda eleverna. "
      "Vårdnadshavarna har informerats idag.\n",
      ctx_at(2026, 5, 21, 9, 0));
  EXPECT_EQ(r.will_inform_subjects, "yes");
  EXPECT_EQ(r.subjects_informed, true);
  EXPECT_EQ(r.subjects_informed_at, "2026-05-21");
  EXPECT_EQ(r.assessment.report_to_imy, std::nullopt);
  EXPECT_EQ(r.assessment.inform_subjects, std::nullopt);
}

TEST(FreeText, ChecklistLabelsAndActionList) {
  auto r = parse(
      "Datum och tidpunkt för upptäckt: igår kl. 16.20\nIncidentens art: Dataintrång. Någon loggade in.\n"
      "Vidtagna åtgärder:\n- igår kl. 16.35: Kontot spärrades. Incidenten upphörde då.\n"
      "- igår kl. 17.10: Sessionerna avslutades.\n",
      ctx_at(2026, 5, 12, 9, 0));
  EXPECT_EQ(r.discovered_at, "2026-05-11T16:20:00+02:00");
  EXPECT_EQ(r.description, "Dataintrång. Någon loggade in.");
  EXPECT_EQ(r.incident_type, "unauthorized_access");
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[0].at, "2026-05-11T16:35:00+02:00");
  EXPECT_EQ(r.actions[0].action, "Kontot spärrades. Incidenten upphörde då.");
  EXPECT_EQ(r.ended_at, "2026-05-11T16:35:00+02:00");
  EXPECT_EQ(r.ongoing, false);
}

TEST(FreeText, SubjectOnlyMailReadsTheSubject) {
  auto r = parse("", ctx_at(2026, 4, 28, 8, 55, "PU-incident: förlorat USB-minne på bussen i morse"));
  EXPECT_EQ(r.description, "förlorat USB-minne på bussen i morse");
  EXPECT_EQ(r.occurred_at, "2026-04-28");
  EXPECT_EQ(r.incident_type, "loss");
  EXPECT_FALSE(r.contact.name);
}

TEST(FreeText, MojibakeBodyIsRepaired) {
  auto r = parse("Hej,\n\nJag skickade bilder pÃ¥ 6 barn frÃ¥n fÃ¶rskolan till fel mottagare.\n",
                 ctx_at(2026, 8, 25, 15, 0));
  ASSERT_TRUE(r.description);
  EXPECT_NE(r.description->find("förskolan"), std::string::npos);
  EXPECT_EQ(r.area, "school");
  EXPECT_EQ(r.subject_groups, V{"children"});
}

TEST(FreeText, PersonnummerInTextWarns) {
  auto r = parse("Hej,\n\nMejlet till fel mottagare innehöll 19121212-1212.\n", ctx_at(2026, 1, 27, 11, 0));
  EXPECT_TRUE(r.has_warning(vocab::kPersonalIdentityNumber));
}

TEST(FreeText, NoRelativeDatesWithoutMessageDate) {
  ExtractContext c;
  auto r = parse("Hej,\n\nIgår kl. 13 skickade jag listan till fel mottagare.\n", c);
  EXPECT_EQ(r.occurred_at, std::nullopt);
  EXPECT_EQ(r.incident_type, "misdirected_message");
}

TEST(FreeText, BinaryGarbageDoesNotCrash) {
  std::string junk;
  for (int i = 0; i < 20000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  IncidentRecord r;
  parse_free_text(junk, ctx_at(2026, 1, 1, 0, 0), r);
  EXPECT_EQ(r.report_kind, "free_text");
}

}  // namespace
}  // namespace gdprd::parsers
