#include "parsers/text/charset.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Charset, AliasesAndMisspellingsAreRecognised) {
  EXPECT_EQ(charset_from_name("UTF-8"), Charset::utf8);
  EXPECT_EQ(charset_from_name("\"uft-8\""), Charset::utf8);
  EXPECT_EQ(charset_from_name("utf8"), Charset::utf8);
  EXPECT_EQ(charset_from_name("latin1"), Charset::latin1);
  EXPECT_EQ(charset_from_name("ISO_8859-1"), Charset::latin1);
  EXPECT_EQ(charset_from_name("iso-8859-15"), Charset::latin9);
  EXPECT_EQ(charset_from_name("cp1252"), Charset::cp1252);
  EXPECT_EQ(charset_from_name("Windows-1252"), Charset::cp1252);
  EXPECT_EQ(charset_from_name("us-ascii"), Charset::ascii);
  EXPECT_EQ(charset_from_name("koi8-r"), Charset::unknown);
}

TEST(Charset, Latin1BytesBecomeSwedishLetters) {
  EXPECT_EQ(decode_to_utf8("N\xE4r f\xF6rskolan \xC5sa", "iso-8859-1"), "När förskolan Åsa");
}

TEST(Charset, Windows1252PunctuationBecomesUnicode) {
  EXPECT_EQ(decode_to_utf8("\x93" "citat\x94 \x96 \x80", "windows-1252"), "“citat” – €");
}

TEST(Charset, Latin9EuroSignDiffersFromLatin1) {
  EXPECT_EQ(decode_to_utf8("\xA4", "iso-8859-15"), "€");
  EXPECT_EQ(decode_to_utf8("\xA4", "iso-8859-1"), "¤");
}

TEST(Charset, UnknownCharsetValidUtf8IsKept) {
  EXPECT_EQ(decode_to_utf8("f\xC3\xB6r", "x-unknown"), "för");
}

TEST(Charset, UnknownCharsetInvalidUtf8IsReadAsWindows1252) {
  EXPECT_EQ(decode_to_utf8("f\xF6r", "x-unknown"), "för");
  EXPECT_EQ(decode_to_utf8("f\xF6r", ""), "för");
}

TEST(Charset, DeclaredUtf8WithStrayLatin1ByteIsRepaired) {
  std::string out = decode_to_utf8("h\xC3\xA4r och d\xE4r", "utf-8");
  EXPECT_EQ(out, "här och där");
  EXPECT_TRUE(is_utf8(out));
}

TEST(Charset, OverlongAndSurrogateSequencesAreInvalid) {
  EXPECT_FALSE(is_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_utf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(is_utf8("\xE2\x82"));  // cut in the middle
  EXPECT_TRUE(is_utf8("\xE2\x82\xAC"));
  EXPECT_TRUE(is_utf8(repair_utf8("\xE2\x82")));
}

TEST(Charset, Cp1252RoundTripsForMappedCodePoints) {
  for (int b = 0; b < 256; ++b) {
    char32_t cp = cp1252_to_unicode(static_cast<unsigned char>(b));
    EXPECT_EQ(unicode_to_cp1252(cp), b) << b;
  }
  EXPECT_EQ(unicode_to_cp1252(0x2612), -1);  // ☒ has no cp1252 byte
}

}  // namespace
}  // namespace gdprd::parsers

TEST(CharsetUtf7, DecodesModifiedBase64AndLiteralPlus) {
  using gdprd::parsers::decode_to_utf8;
  EXPECT_EQ(decode_to_utf8("Ig+AOU-r", "utf-7"), "Igår");
  EXPECT_EQ(decode_to_utf8("2+-2", "UTF-7"), "2+2");
  EXPECT_EQ(decode_to_utf8("uppt+AOQ-ckte och H+AOQ-lsningar", "utf-7"), "upptäckte och Hälsningar");
}

TEST(CharsetUtf7, LoneSurrogateAndEightBitBytesBecomeReplacement) {
  using gdprd::parsers::decode_to_utf8;
  using gdprd::parsers::is_utf8;
  EXPECT_TRUE(is_utf8(decode_to_utf8("+2D0-x\xff", "utf-7")));
}
