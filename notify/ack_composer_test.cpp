#include "notify/ack_composer.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "notify/test_decode.hpp"

namespace gdprd::notify {
namespace {

using namespace testing;

AckFacts facts() {
  AckFacts f;
  f.reference = "PUI-2026-0042";
  f.recipient = "anna@kommun.example";
  f.original_subject = "Felskickat mejl med elevuppgifter";
  f.original_message_id = "<report-1@kommun.example>";
  f.discovered_at = stockholm::to_instant({2026, 5, 20, 16, 39, 0});
  f.imy_deadline = *f.discovered_at + std::chrono::hours(72);
  f.data_subjects = "12";
  f.data_categories = {"health", "contact"};
  f.unit = "Barn- och utbildningsförvaltningen";
  return f;
}

AckComposer composer() {
  return AckComposer(MailComposer("kommun.example"), "pui@kommun.example", "Incidenthantering");
}

std::string decoded_body(const ComposeResult& r) { return decode_qp(body_of(r.mail->bytes)); }

TEST(AckComposer, SwedishSubjectCarriesReferenceAndOriginal) {
  EXPECT_EQ(AckComposer::subject(facts(), Language::sv), "[PUI-2026-0042] Mottagen: Felskickat mejl med elevuppgifter");
  EXPECT_EQ(AckComposer::subject(facts(), Language::en), "[PUI-2026-0042] Received: Felskickat mejl med elevuppgifter");
  auto f = facts();
  f.original_subject = "";
  EXPECT_EQ(AckComposer::subject(f, Language::sv), "[PUI-2026-0042] Mottagen");
}

TEST(AckComposer, SwedishBodyStatesWhatWasRead) {
  std::string b = AckComposer::body(facts(), Language::sv);
  EXPECT_NE(b.find("referensnummer PUI-2026-0042"), std::string::npos);
  EXPECT_NE(b.find("behåller referensnumret [PUI-2026-0042] i ämnesraden"), std::string::npos);
  EXPECT_NE(b.find("Upptäckt: 2026-05-20 16:39"), std::string::npos);
  EXPECT_NE(b.find("2026-05-23 16:39"), std::string::npos);  // awareness + 72 h
  EXPECT_NE(b.find("Antal berörda personer: 12"), std::string::npos);
  EXPECT_NE(b.find("uppgifter om hälsa, kontaktuppgifter"), std::string::npos);
  EXPECT_NE(b.find("Barn- och utbildningsförvaltningen"), std::string::npos);
  EXPECT_NE(b.find("Alla obligatoriska uppgifter finns med"), std::string::npos);
}

TEST(AckComposer, DeadlineAcrossAutumnDstChangeIsWallClock72Hours) {
  auto f = facts();
  f.discovered_at = stockholm::to_instant({2026, 10, 23, 10, 0, 0});
  f.imy_deadline = *f.discovered_at + std::chrono::hours(72);
  std::string b = AckComposer::body(f, Language::sv);
  // 72 real hours after Fri 10:00 CEST is Mon 09:00 CET.
  EXPECT_NE(b.find("2026-10-26 09:00"), std::string::npos) << b;
}

TEST(AckComposer, EnglishBody) {
  std::string b = AckComposer::body(facts(), Language::en);
  EXPECT_NE(b.find("reference number is PUI-2026-0042"), std::string::npos);
  EXPECT_NE(b.find("Discovered: 2026-05-20 16:39"), std::string::npos);
  EXPECT_NE(b.find("health data, contact details"), std::string::npos);
  EXPECT_EQ(b.find("Mottagen"), std::string::npos);
  EXPECT_EQ(b.find("Antal"), std::string::npos);
}

TEST(AckComposer, AbsentFactsAreSaidToBeAbsentNotInvented) {
  AckFacts f;
  f.reference = "PUI-2026-0001";
  f.recipient = "anna@kommun.example";
  f.missing_fields = {"discovered_at", "data_subjects", "contact.phone", "contact", "no_such_field\nBcc"};
  std::string b = AckComposer::body(f, Language::sv);
  EXPECT_NE(b.find("Upptäckt: uppgift saknas"), std::string::npos);
  EXPECT_NE(b.find("kan inte beräknas"), std::string::npos);
  EXPECT_NE(b.find("Antal berörda personer: uppgift saknas"), std::string::npos);
  EXPECT_NE(b.find("Typer av personuppgifter: uppgift saknas"), std::string::npos);
  EXPECT_NE(b.find("- när incidenten upptäcktes (fråga 11)"), std::string::npos);
  EXPECT_NE(b.find("- kontaktpersonens telefonnummer (fråga 8)"), std::string::npos);
  EXPECT_NE(b.find("- kontaktperson: namn och e-post (fråga 5–7)"), std::string::npos);
  EXPECT_NE(b.find("- no_such_field Bcc\n"), std::string::npos);  // unknown names shown as given, one line
  EXPECT_EQ(b.find("Alla obligatoriska"), std::string::npos);
  std::string en = AckComposer::body(f, Language::en);
  EXPECT_NE(en.find("- when the incident was discovered (question 11)"), std::string::npos);
}

TEST(AckComposer, DateOnlyDiscoverySaysTimeIsMissing) {
  auto f = facts();
  f.discovered_at = stockholm::to_instant({2026, 5, 20, 0, 0, 0});
  f.discovered_date_only = true;
  std::string b = AckComposer::body(f, Language::sv);
  EXPECT_NE(b.find("Upptäckt: 2026-05-20 (klockslag saknas)"), std::string::npos);
}

TEST(AckComposer, WholeMailIsAnAutoReplyInTheThread) {
  auto r = composer().compose(facts(), Language::sv, stockholm::to_instant({2026, 5, 20, 17, 0, 0}));
  ASSERT_TRUE(r.mail) << r.error;
  const auto& b = r.mail->bytes;
  EXPECT_EQ(raw_header(b, "Auto-Submitted"), "auto-replied");
  EXPECT_EQ(raw_header(b, "In-Reply-To"), "<report-1@kommun.example>");
  EXPECT_EQ(raw_header(b, "References"), "<report-1@kommun.example>");
  EXPECT_EQ(raw_header(b, "To"), "anna@kommun.example");
  EXPECT_EQ(decode_words(*raw_header(b, "Subject")), "[PUI-2026-0042] Mottagen: Felskickat mejl med elevuppgifter");
  EXPECT_NE(decoded_body(r).find("referensnummer PUI-2026-0042"), std::string::npos);
}

TEST(AckComposer, HostileOriginalSubjectCannotInjectHeaders) {
  auto f = facts();
  f.original_subject = "x\r\nBcc: victim@evil.example";
  auto r = composer().compose(f, Language::sv, TimePoint{});
  ASSERT_TRUE(r.mail);
  EXPECT_FALSE(raw_header(r.mail->bytes, "Bcc"));
  EXPECT_EQ(raw_header(r.mail->bytes, "Subject"), "[PUI-2026-0042] Mottagen: x Bcc: victim@evil.example");
}

TEST(AckComposer, VeryLongSubjectIsShortenedOnACharacterBoundary) {
  auto f = facts();
  f.original_subject.clear();
  for (int i = 0; i < 500; ++i) f.original_subject += "ö";
  std::string s = AckComposer::subject(f, Language::sv);
  EXPECT_LT(s.size(), 260u);
  EXPECT_TRUE(s.ends_with("…"));
  EXPECT_EQ(s.find("\xc3…"), std::string::npos);
}

TEST(AckComposer, InvalidRecipientGivesErrorNotMail) {
  auto f = facts();
  f.recipient = "not-an-address";
  auto r = composer().compose(f, Language::sv, TimePoint{});
  EXPECT_FALSE(r.mail);
}

TEST(ParseLanguage, OnlyEnglishIsEnglish) {
  EXPECT_EQ(parse_language("EN"), Language::en);
  EXPECT_EQ(parse_language("sv"), Language::sv);
  EXPECT_EQ(parse_language("de"), Language::sv);
}

}  // namespace
}  // namespace gdprd::notify
