#include "parsers/extract/label_match.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(LabelMatch, MangledOcrLettersGiveTheSameKey) {
  EXPECT_EQ(label_key("När upptäckte ni incidenten?"), label_key("Nér upptéckte ni incidenten"));
  EXPECT_EQ(label_key("Vilken nämnd/myndighet berör"), label_key("Vilken namnd/myndighet berér"));
  EXPECT_EQ(label_key("Behöver de registrerade informeras?"), label_key("Behover de registrerade informeras?"));
}

TEST(LabelMatch, MojibakeLabelStillMatches) {
  EXPECT_TRUE(match_label_prefix("NÃ¤r intrÃ¤ffade incidenten?: 2026-05-19", "När inträffade incidenten?"));
}

TEST(LabelMatch, PrefixEndsAfterTheLabelWord) {
  std::string_view line = "Organisationens namn *: Sörmyra kommun";
  auto end = match_label_prefix(line, "Organisationens namn");
  ASSERT_TRUE(end);
  EXPECT_EQ(line.substr(*end), " *: Sörmyra kommun");
}

TEST(LabelMatch, TypoInLongLabelTolerated) {
  EXPECT_TRUE(match_label_prefix("Hur många registerade har påverkats?", "Hur många registrerade har påverkats?"));
}

TEST(LabelMatch, DifferentLabelDoesNotMatch) {
  EXPECT_FALSE(match_label_prefix("Kontaktpersonens roll", "Kontaktpersonens namn"));
  EXPECT_FALSE(match_label_prefix("Nej", "Ja"));
}

TEST(KeysSimilar, EditsUpToOnePerEightCharacters) {
  // 16 key characters allow two edits: a substitution and a deletion pass,
  // a third edit does not.
  EXPECT_TRUE(keys_similar("nrntrffdncdntn12", "nrntrffdncdntn12"));
  EXPECT_TRUE(keys_similar("nrntrffdncdntn12", "nrxtrffdncdntn1"));
  EXPECT_FALSE(keys_similar("nrntrffdncdntn12", "nrxtrffdxcdntn1"));
  EXPECT_FALSE(keys_similar("abcd", "abce"));  // shorter than five: exact only
}

TEST(KeysSimilar, SameLettersInAnotherOrderAreNotSimilar) {
  // Equal character counts pass the cheap bound; the edit rows must still say no.
  EXPECT_FALSE(keys_similar("bcdfghjklmnp", "pnmlkjhgfdcb"));
  // Twelve characters allow one edit: a swap is two, a substitution one.
  EXPECT_FALSE(keys_similar("bcdfghjklmnp", "bcdfghjklmpn"));
  EXPECT_TRUE(keys_similar("bcdfghjklmnp", "bcdfghjklmnx"));
}

TEST(LabelMatch, QuestionNumbersOfEveryStyleAreStripped) {
  std::optional<int> n;
  EXPECT_EQ(strip_question_number("12. Pågår incidenten?", &n), "Pågår incidenten?");
  EXPECT_EQ(n, 12);
  EXPECT_EQ(strip_question_number("B3) Pågår incidenten?", &n), "Pågår incidenten?");
  EXPECT_EQ(n, 3);
  EXPECT_EQ(strip_question_number("Fråga 7: E-post", &n), "E-post");
  EXPECT_EQ(n, 7);
  EXPECT_EQ(strip_question_number("Pågår incidenten?", &n), "Pågår incidenten?");
  EXPECT_FALSE(n);
}

TEST(LabelMatch, RangesAndDatesAreNotQuestionNumbers) {
  std::optional<int> n;
  EXPECT_EQ(strip_question_number("101–1 000", &n), "101–1 000");
  EXPECT_FALSE(n);
  EXPECT_EQ(strip_question_number("2026-05-19 15:05", &n), "2026-05-19 15:05");
  EXPECT_FALSE(n);
}

TEST(LabelMatch, QuotingOfAnyDepthIsStripped) {
  EXPECT_EQ(strip_quote("> > 5. Kontaktpersonens namn"), "5. Kontaktpersonens namn");
  EXPECT_EQ(strip_quote(">>Text"), "Text");
}

TEST(LabelMatch, PlaceholdersInSwedishAndEnglish) {
  EXPECT_TRUE(is_placeholder("Klicka här för att ange text."));
  EXPECT_TRUE(is_placeholder(" Click or tap here to enter text. "));
  EXPECT_FALSE(is_placeholder("Klicka här för att ange text. Mejlet gick till fel person."));
  EXPECT_FALSE(is_placeholder("Box 8"));
}

}  // namespace
}  // namespace gdprd::parsers
