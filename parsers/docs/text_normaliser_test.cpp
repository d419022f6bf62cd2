#include "parsers/docs/text_normaliser.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(SymbolFontTick, SymbolFontTickTable) {
  EXPECT_EQ(symbol_font_tick("Wingdings", 0xF0FD), true);
  EXPECT_EQ(symbol_font_tick("wingdings", 0xFE), true);
  EXPECT_EQ(symbol_font_tick("Wingdings", 0xF0A8), false);
  EXPECT_EQ(symbol_font_tick("Wingdings", 0xF04A), std::nullopt);  // a smiley is no box
  EXPECT_EQ(symbol_font_tick("Arial", 0xF0FE), std::nullopt);
}

TEST(NormaliseLine, RunsOfSpacesBecomeOneAndEndsTrimmed) {
  EXPECT_EQ(normalise_line("  Box   104,\u00A0 999 31  "), "Box 104, 999 31");
}

TEST(NormaliseLine, TabBetweenWordsKeptAsOneTab) {
  EXPECT_EQ(normalise_line("Datum \t\t 2026-01-20"), "Datum\t2026-01-20");
  EXPECT_EQ(normalise_line("\tindraget"), "indraget");
}

TEST(NormaliseLine, TickVariantsBecomeBoxThenLabel) {
  EXPECT_EQ(normalise_line("☒\tAnnan roll"), "☒ Annan roll");
  EXPECT_EQ(normalise_line("☑Ja"), "☒ Ja");
  EXPECT_EQ(normalise_line("[X]  Ja"), "☒ Ja");
  EXPECT_EQ(normalise_line("(x) Nej"), "☒ Nej");
  EXPECT_EQ(normalise_line("[ ] Nej"), "☐ Nej");
  EXPECT_EQ(normalise_line("✓ Kommun"), "☒ Kommun");
}

TEST(NormaliseLine, BracketInsideWordIsNotATick) {
  EXPECT_EQ(normalise_line("f(x) = 2"), "f(x) = 2");
  EXPECT_EQ(normalise_line("[x]y"), "[x]y");
}

TEST(NormaliseLine, PlaceholderLineIsEmpty) {
  EXPECT_EQ(normalise_line("Klicka här för att ange text."), "");
  EXPECT_EQ(normalise_line("Click or tap here to enter text."), "");
  EXPECT_EQ(normalise_line("Välj ett objekt."), "");
}

TEST(NormaliseLine, PlaceholderAfterLabelDropped) {
  EXPECT_EQ(normalise_line("Organisationsnummer: Klicka här för att ange text."), "Organisationsnummer:");
  EXPECT_EQ(normalise_line("☐ Övrigt: Klicka här för att ange text."), "☐ Övrigt:");
  EXPECT_EQ(normalise_line("Fråga\tKlicka här för att ange text.\tNästa"), "Fråga\t\tNästa");
}

TEST(NormaliseLine, PlaceholderQuotedInProseKept) {
  EXPECT_EQ(normalise_line("där det står ”Klicka här för att ange text” och"),
            "där det står ”Klicka här för att ange text” och");
}

TEST(NormaliseLine, InvalidUtf8ReplacedAndControlsDropped) {
  EXPECT_EQ(normalise_line("a\xC3\x28" "b\x01" "c"), "a\uFFFD(bc");
  EXPECT_EQ(normalise_line("\xEF\xBB\xBFHej\u200B"), "Hej");
}

TEST(TextNormaliser, ParagraphsAreLinesAndEmptyRunsCollapse) {
  TextNormaliser t(1000);
  t.end_paragraph();  // leading empty lines dropped
  t.append("Fråga");
  t.end_paragraph();
  t.end_paragraph();
  t.end_paragraph();
  t.append("Svar rad 1\nSvar rad 2");
  t.end_paragraph();
  EXPECT_EQ(t.take(), "Fråga\n\nSvar rad 1\nSvar rad 2");
}

TEST(TextNormaliser, TickBeforeLabel) {
  TextNormaliser t(1000);
  t.tick(true);
  t.append("\tAnnan roll");
  t.end_paragraph();
  t.tick(false);
  t.append("Dataskyddsombud");
  EXPECT_EQ(t.take(), "☒ Annan roll\n☐ Dataskyddsombud");
}

TEST(TextNormaliser, CellsKeepEmptyLeadingCell) {
  TextNormaliser t(1000);
  t.push_cells({"", "08-465 004 21", ""});
  t.push_cells({"Datum", "Tid"});
  EXPECT_EQ(t.take(), "\t08-465 004 21\nDatum\tTid");
}

TEST(TextNormaliser, BudgetStopsAndReportsTruncation) {
  TextNormaliser t(20);
  for (int i = 0; i < 10; ++i) {
    t.append("rad " + std::to_string(i));
    t.end_paragraph();
  }
  EXPECT_TRUE(t.truncated());
  const std::string out = t.take();
  EXPECT_LE(out.size(), 20u);
  EXPECT_EQ(out.substr(0, 11), "rad 0\nrad 1");
}

}  // namespace
}  // namespace gdprd::parsers
