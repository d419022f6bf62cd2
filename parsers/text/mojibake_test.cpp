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

}  // namespace
}  // namespace gdprd::parsers
