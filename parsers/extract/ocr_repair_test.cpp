#include "parsers/extract/ocr_repair.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(OcrRepair, MangledWordsOfSeed000KindAreRepaired) {
  EXPECT_EQ(repair_ocr_letters("Incidenten upptécktes av en medarbetare pa avdelningen nér mejlet kom in."),
            "Incidenten upptäcktes av en medarbetare på avdelningen när mejlet kom in.");
  EXPECT_EQ(repair_ocr_letters("Personalen beh6ver anvinda sékra meddelanden."),
            "Personalen behöver använda säkra meddelanden.");
}

TEST(OcrRepair, CompoundsThroughTheirKnownPart) {
  EXPECT_EQ(repair_ocr_letters("Kundtjdnst mejlade funktionsbrevlada"), "Kundtjänst mejlade funktionsbrevlåda");
}

TEST(OcrRepair, PlainWordsThatCouldBeMangledAreKept) {
  EXPECT_EQ(repair_ocr_letters("Vi har inte sett saker in i valen."), "Vi har inte sett saker in i valen.");
}

TEST(OcrRepair, CapitalisationIsKept) {
  EXPECT_EQ(repair_ocr_letters("Nér det hande"), "När det hände");
}

TEST(OcrRepair, DetectsMangledTextOnlyWithoutSwedishLetters) {
  EXPECT_TRUE(looks_ocr_mangled("Incidenten upptécktes nér mejlet kom pa morgonen for sent."));
  EXPECT_FALSE(looks_ocr_mangled("Incidenten upptäcktes när mejlet kom på morgonen."));
  EXPECT_FALSE(looks_ocr_mangled("The mail was sent to the wrong address for two days."));
}

TEST(OcrRepair, OneRealSwedishLetterAfterManyMarksMeansNotMangled) {
  // The marks come first; the one capital Ö at the very end decides.
  EXPECT_TRUE(looks_ocr_mangled("Incidenten upptécktes nér mejlet kom pa morgonen for sent. Kontakt: Orebro"));
  EXPECT_FALSE(looks_ocr_mangled("Incidenten upptécktes nér mejlet kom pa morgonen for sent. Kontakt: Örebro"));
}

}  // namespace
}  // namespace gdprd::parsers
