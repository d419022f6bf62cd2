#include "parsers/text/mojibake.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Mojibake, Utf8ReadAsWindows1252IsRepaired) {
  EXPECT_EQ(repair_cp1252_mojibake("NÃ¤r fÃ¶rskolan upptÃ¤ckte"), "När förskolan upptäckte");
}

TEST(Mojibake, CapitalLettersWhoseSecondByteIsCp1252PunctuationAreRepaired) {
  // Å = C3 85 (…), Ä = C3 84 („), Ö = C3 96 (–)
  EXPECT_EQ(repair_cp1252_mojibake("Ã… Ã„ Ã–"), "Å Ä Ö");
}

TEST(Mojibake, Utf8ReadAsLatin1WithC1ControlsIsRepaired) {
  EXPECT_EQ(repair_cp1252_mojibake("\xC3\x83\xC2\x85sa"), "Åsa");  // "Ã" + U+0085
}

TEST(Mojibake, CorrectSwedishTextIsUntouched) {
  EXPECT_EQ(repair_cp1252_mojibake("När förskolan Åsa – “ok”"), "När förskolan Åsa – “ok”");
}

TEST(Mojibake, TextWithoutCertainRepairIsUntouched) {
  EXPECT_EQ(repair_cp1252_mojibake("Ã la carte"), "Ã la carte");  // a lone Ã is not a UTF-8 lead with trail
  EXPECT_EQ(repair_cp1252_mojibake("☒ Ja"), "☒ Ja");
}

TEST(Mojibake, DashAndQuotesInMojibakeAreRepaired) {
  EXPECT_EQ(repair_cp1252_mojibake("a â€“ b â€\xC2\x9D"), "a – b ”");
}

TEST(Mojibake, UndefinedCp1252ByteReadAsC1ControlIsRepaired) {
  // U+009D stands for the byte 0x9D that Windows-1252 leaves undefined (the
  // last byte of ”); the letters of the same text are repaired too.
  EXPECT_EQ(repair_cp1252_mojibake("fÃ¶rskola pÃ¥ â€\xC2\x9D" "x"), "förskola på ”x");
}

TEST(Mojibake, LoneCapitalATildeAfterRealLettersIsUntouched) {
  EXPECT_EQ(repair_cp1252_mojibake("förskola Ã"), "förskola Ã");
}

TEST(Mojibake, RealLetterDirectlyBeforeDashIsUntouched) {
  // "ä–" looks like a lead and a trail to the quick test; its bytes E4 96 are
  // no UTF-8, so the run stays.
  EXPECT_EQ(repair_cp1252_mojibake("grå–vit ä”"), "grå–vit ä”");
}

TEST(Mojibake, InvalidUtf8IsReadAsWindows1252) {
  EXPECT_EQ(repair_cp1252_mojibake("f\xF6rskola"), "förskola");
}

}  // namespace
}  // namespace gdprd::parsers
