#include "parsers/decision/decision_parser.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(DecisionParser, SwedishNotifiedWithReferenceAndTokenInSubject) {
  auto d = parse_decision_mail("SV: [PUI-2026-0042 #0123abcdef456789] Påminnelse", "BESLUT: ANMÄLD DI-2026-1234\n");
  EXPECT_EQ(d.reference, "PUI-2026-0042");
  EXPECT_EQ(d.token, "0123abcdef456789");
  ASSERT_TRUE(d.imy);
  EXPECT_TRUE(d.imy->notified);
  EXPECT_EQ(d.imy->imy_reference, "DI-2026-1234");
  EXPECT_TRUE(d.errors.empty());
}

TEST(DecisionParser, LowerCaseAndUnaccentedKeywordsAreRead) {
  auto d = parse_decision_mail("Re: [pui-2026-0007]", "beslut: anmald di-2026-99\r\nkategori 3 p1\r\n");
  EXPECT_EQ(d.reference, "PUI-2026-0007");
  ASSERT_TRUE(d.imy);
  EXPECT_EQ(d.imy->imy_reference, "DI-2026-99");
  ASSERT_TRUE(d.assessment);
  EXPECT_EQ(d.assessment->category, 3);
  EXPECT_EQ(d.assessment->priority, 1);
}

TEST(DecisionParser, NotNotifiedMotivationContinuesUntilBlankLine) {
  auto d = parse_decision_mail("[PUI-2026-0042]",
                               "BESLUT: EJ ANMÄLAN: krypterad dator,\nnyckeln ej röjd.\n\nMvh Kalle\n");
  ASSERT_TRUE(d.imy);
  EXPECT_FALSE(d.imy->notified);
  EXPECT_EQ(d.imy->motivation, "krypterad dator, nyckeln ej röjd.");
}

TEST(DecisionParser, NotNotifiedWithoutMotivationIsAnError) {
  auto d = parse_decision_mail("[PUI-2026-0042]", "BESLUT: EJ ANMÄLAN\n\nMvh\n");
  EXPECT_FALSE(d.imy);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_TRUE(d.has_keywords());
}

TEST(DecisionParser, NotifiedWithoutImyReferenceIsAnError) {
  auto d = parse_decision_mail("[PUI-2026-0042]", "BESLUT: ANMÄLD\n");
  EXPECT_FALSE(d.imy);
  EXPECT_EQ(d.errors.size(), 1u);
}

TEST(DecisionParser, EnglishKeywordsAndTokenLine) {
  auto d = parse_decision_mail("Re: [PUI-2026-0042]",
                               "DECISION: NOT NOTIFIED: no risk to the data subjects\nCATEGORY 1 P3\n"
                               "Token: ABCDEF0123456789\n");
  ASSERT_TRUE(d.imy);
  EXPECT_FALSE(d.imy->notified);
  EXPECT_EQ(d.imy->motivation, "no risk to the data subjects");
  ASSERT_TRUE(d.assessment);
  EXPECT_EQ(d.assessment->category, 1);
  EXPECT_EQ(d.assessment->priority, 3);
  EXPECT_EQ(d.token, "abcdef0123456789");
}

TEST(DecisionParser, QuotedReminderInstructionsAreNotADecision) {
  auto d = parse_decision_mail("Re: [PUI-2026-0042 #0123abcdef456789]",
                               "Tack, jag tittar på det.\n\n> BESLUT: ANMÄLD DI-2026-1234\n> KATEGORI 2 P2\n");
  EXPECT_FALSE(d.has_keywords());
}

TEST(DecisionParser, TextBelowTheOriginalMessageMarkerIsIgnored) {
  auto d = parse_decision_mail("Re: [PUI-2026-0042]",
                               "Ok\n\nFrån: PUI <pui@kommun.example>\nBESLUT: ANMÄLD DI-2026-1234\n");
  EXPECT_FALSE(d.imy);
  auto e = parse_decision_mail("Re: [PUI-2026-0042]",
                               "KATEGORI 2 P2\nOn Mon, 4 May 2026 Anna wrote:\nBESLUT: ANMÄLD DI-2026-1\n");
  EXPECT_TRUE(e.assessment);
  EXPECT_FALSE(e.imy);
}

TEST(DecisionParser, ConflictingDecisionsAreReported) {
  auto d = parse_decision_mail("[PUI-2026-0042]", "BESLUT: ANMÄLD DI-2026-1\nBESLUT: EJ ANMÄLAN: ingen risk\n");
  ASSERT_TRUE(d.imy);
  EXPECT_TRUE(d.imy->notified);
  EXPECT_EQ(d.errors.size(), 1u);
}

TEST(DecisionParser, CategoryOutOfRangeIsAnError) {
  auto d = parse_decision_mail("[PUI-2026-0042]", "KATEGORI 5 P2\nKATEGORI 2 P9\n");
  EXPECT_FALSE(d.assessment);
  EXPECT_EQ(d.errors.size(), 2u);
}

TEST(DecisionParser, ReferenceInsideALongerWordIsNotAReference) {
  EXPECT_FALSE(parse_decision_mail("XPUI-2026-0042", "").reference);
  EXPECT_FALSE(parse_decision_mail("PUI-2026-004", "").reference);
  EXPECT_FALSE(parse_decision_mail("[PUI-2026-0042 #abc]", "").token);  // too short to be a token
}

TEST(DecisionParser, DelayReasonIsRead) {
  auto d = parse_decision_mail("[PUI-2026-0042]", "BESLUT: ANMÄLD DI-2026-5\nFÖRSENING: påsk, ingen på plats\n");
  EXPECT_EQ(d.delay_reason, "påsk, ingen på plats");
}

TEST(DecisionParser, HugeBodyIsCutAtTheTextLimit) {
  Limits limits;
  limits.max_text_bytes = 64;
  std::string body(100, 'x');
  body += "\nBESLUT: ANMÄLD DI-2026-5\n";
  EXPECT_FALSE(parse_decision_mail("[PUI-2026-0042]", body, limits).imy);
}

TEST(DecisionParser, BodyOfAMultipartMailIsItsPlainPart) {
  std::string raw =
      "Subject: Re: [PUI-2026-0042]\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "BESLUT: ANM=C4LD DI-2026-77\r\n"
      "--b\r\nContent-Type: text/html\r\n\r\n<p>BESLUT: ANMÄLD DI-2026-88</p>\r\n--b--\r\n";
  std::string body = decision_mail_body(raw);
  auto d = parse_decision_mail("Re: [PUI-2026-0042]", body);
  ASSERT_TRUE(d.imy);
  EXPECT_EQ(d.imy->imy_reference, "DI-2026-77");
}

TEST(DecisionParser, HtmlOnlyMailIsReadWithoutTags) {
  std::string raw =
      "Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<div>KATEGORI 2 P2</div><div>BESLUT: ANMÄLD DI-2026-3</div>\r\n";
  auto d = parse_decision_mail("[PUI-2026-0042]", decision_mail_body(raw));
  ASSERT_TRUE(d.assessment);
  ASSERT_TRUE(d.imy);
  EXPECT_EQ(d.imy->imy_reference, "DI-2026-3");
}

}  // namespace
}  // namespace gdprd::parsers
