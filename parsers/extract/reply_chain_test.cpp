#include "parsers/extract/reply_chain.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::parsers {
namespace {

TimePoint at(int y, int mo, int d, int h, int mi) {
  return stockholm::to_instant(stockholm::LocalDateTime{y, mo, d, h, mi, 0});
}

TEST(ReplyChain, PlainMailIsOnePart) {
  auto parts = split_reply_chain("Hej,\n\nPärmen är borta.\n", at(2026, 6, 2, 10, 0));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "Hej,\n\nPärmen är borta.\n");
  EXPECT_EQ(parts[0].date, at(2026, 6, 2, 10, 0));
}

TEST(ReplyChain, OutlookSwedishHeaderBlockGivesQuotedDate) {
  auto parts = split_reply_chain(
      "Vidarebefordrar, se nedan.\n\nFrån: Anna Berg <anna@x.example>\nSkickat: den 2 juni 2026 08:14\n"
      "Till: Bo <bo@x.example>\nÄmne: Tappad pärm\n\nHej Bo,\n\nPärmen saknas.\n",
      at(2026, 6, 2, 10, 2));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "Vidarebefordrar, se nedan.\n\n");
  EXPECT_EQ(parts[1].from, "Anna Berg <anna@x.example>");
  EXPECT_EQ(parts[1].subject, "Tappad pärm");
  EXPECT_EQ(parts[1].date, at(2026, 6, 2, 8, 14));
  EXPECT_NE(parts[1].text.find("Pärmen saknas."), std::string::npos);
  EXPECT_EQ(parts[1].text.find("Skickat:"), std::string::npos);
}

TEST(ReplyChain, EnglishOriginalMessageSeparator) {
  auto parts = split_reply_chain(
      "Correction below.\n-----Original Message-----\nFrom: A <a@x.example>\nSent: Monday, May 18, 2026 9:05 AM\n"
      "To: b@x.example\nSubject: Breach\n\nThe list was sent.\n",
      std::nullopt);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].date, at(2026, 5, 18, 9, 5));
  EXPECT_NE(parts[1].text.find("The list was sent."), std::string::npos);
}

TEST(ReplyChain, ThunderbirdSkrevLineAndQuotes) {
  auto parts = split_reply_chain(
      "Rättelse: 23 personer.\n\nDen 2026-06-12 kl. 16:05, skrev Nils Gran:\n> Hej,\n>\n> Ett tjugotal personer "
      "berörs.\n",
      at(2026, 6, 16, 9, 30));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].from, "Nils Gran");
  EXPECT_EQ(parts[1].date, at(2026, 6, 12, 16, 5));
  EXPECT_NE(parts[1].text.find("Ett tjugotal personer berörs."), std::string::npos);
  EXPECT_EQ(parts[1].text.find('>'), std::string::npos);
}

TEST(ReplyChain, EnglishOnWroteLine) {
  auto parts = split_reply_chain("See below.\n\nOn 14 May 2026 at 10:12, Anna Berg <a@x.example> wrote:\n> Lost a USB stick.\n",
                                 at(2026, 5, 15, 8, 0));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].date, at(2026, 5, 14, 10, 12));
  EXPECT_EQ(parts[1].from, "Anna Berg <a@x.example>");
}

TEST(ReplyChain, AppleForwardIsMarkedForwarded) {
  auto parts = split_reply_chain("FYI\n\nBegin forwarded message:\n\nFrom: A <a@x.example>\nDate: 14 May 2026 at 10:12\n"
                                 "Subject: Breach\n\nText.\n",
                                 at(2026, 5, 15, 8, 0));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[1].forwarded);
  EXPECT_EQ(parts[1].text, "Text.\n");
}

TEST(ReplyChain, BareQuotesWithoutIntroKeepTheOuterDate) {
  auto parts = split_reply_chain("Svar.\n> citerad rad\n", at(2026, 5, 15, 8, 0));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].text, "citerad rad\n");
  EXPECT_EQ(parts[1].date, at(2026, 5, 15, 8, 0));
}

TEST(ReplyChain, DeepQuotingIsBoundedAndDoesNotCrash) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += std::string(static_cast<size_t>(i % 50), '>') + " x\n";
  auto parts = split_reply_chain(deep, std::nullopt);
  EXPECT_GE(parts.size(), 1u);
  EXPECT_LE(parts.size(), 20u);
}

}  // namespace
}  // namespace gdprd::parsers
