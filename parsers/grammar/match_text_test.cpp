#include "parsers/grammar/match_text.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Fold, SwedishLettersFoldToAscii) { EXPECT_EQ(fold("Åtgärd ÖVER Ärende"), "atgard over arende"); }
TEST(Fold, AccentedLettersFold) { EXPECT_EQ(fold("upptécktes méan Übung"), "upptecktes mean ubung"); }
TEST(Fold, DigitsInsideWordsAreLetters) { EXPECT_EQ(fold("16senord"), "losenord"); }
TEST(Fold, NumbersStayNumbers) { EXPECT_EQ(fold("kl. 16.30 och 14st"), "kl. 16.30 och 14st"); }
TEST(Fold, InvalidUtf8PassesThrough) { EXPECT_EQ(fold("a\xFF" "b"), "a\xFF" "b"); }
TEST(Fold, MapPointsBackIntoOriginal) {
  std::vector<size_t> map;
  std::string f = fold_with_map("Hö x", map);
  ASSERT_EQ(f, "ho x");
  EXPECT_EQ(map[2], 3u);  // the space after the two-byte ö
  EXPECT_EQ(map.back(), 5u);
}
TEST(ContainsWord, NeedsBoundaries) {
  EXPECT_TRUE(contains_word("fel mottagare.", "mottagare"));
  EXPECT_FALSE(contains_word("felmottagaren", "mottagare"));
  EXPECT_FALSE(contains_word("x", ""));
}
TEST(ContainsPrefixWord, AllowsInflection) {
  EXPECT_TRUE(contains_prefix_word("personuppgifterna", "personuppgift"));
  EXPECT_FALSE(contains_prefix_word("kpersonuppgift", "personuppgift"));
}
TEST(TidySpace, CollapsesRunsAndNoBreakSpace) { EXPECT_EQ(tidy_space("  a \n\t b\u00a0 c "), "a b c"); }
TEST(SplitSentences, KeepsAbbreviationsAndClockTimes) {
  auto s = split_sentences("Det hände kl. 08.30 igår. Vi ringde t.ex. IT. Sedan\nslut");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Det hände kl. 08.30 igår.");
  EXPECT_EQ(s[1], "Vi ringde t.ex. IT.");
}
TEST(SplitSentences, BlankLineEndsSentence) {
  auto s = split_sentences("Rad ett utan punkt\n\nRad två");
  ASSERT_EQ(s.size(), 2u);
}
TEST(FindWord, FirstLetterRepeatedBeforeTheWordIsSkipped) {
  // Every 'm' before the word starts a false candidate.
  EXPECT_EQ(find_word("mm mamma mottagare", "mottagare"), 9u);
  EXPECT_EQ(find_prefix_word("mamma mottagaren", "mottagare"), 6u);
  EXPECT_EQ(find_prefix_word("lmottagare mottagare", "mottagare"), 11u);
}

TEST(FindWord, NeedleAtTheVeryEndAndPastTheEnd) {
  EXPECT_EQ(find_word("skickat till fel", "fel"), 13u);
  EXPECT_EQ(find_word("fel", "fel", 1), std::string_view::npos);
  EXPECT_EQ(find_word("fel", "fel", 10), std::string_view::npos);
  EXPECT_EQ(find_word("fe", "fel"), std::string_view::npos);
  EXPECT_EQ(find_prefix_word("a b", "b"), 2u);  // one-byte needle
}

TEST(Tokenize, KindsAndOffsets) {
  auto t = tokenize("kl. 16:39");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].kind, Token::word);
  EXPECT_EQ(t[2].s, "16");
  EXPECT_EQ(t[3].s, ":");
}

}  // namespace
}  // namespace gdprd::parsers
