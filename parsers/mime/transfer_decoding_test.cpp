#include "parsers/mime/transfer_decoding.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Base64, DecodesAcrossLineBreaksOfEveryKind) {
  EXPECT_EQ(decode_base64("SGVq\r\nIHDl\nIGRp\rZw==", 100), "Hej p\xE5 dig");
}

TEST(Base64, PipeAndOtherJunkInsideAreSkipped) {
  // mimetic reads out of bounds on '|'; here it is just not alphabet.
  EXPECT_EQ(decode_base64("SG|Vq||\x01\xFF", 100), "Hej");
  std::string pipes(100000, '|');
  EXPECT_EQ(decode_base64(pipes, 100), "");
}

TEST(Base64, IncompleteFinalGroupKeepsWholeBytes) {
  EXPECT_EQ(decode_base64("SGVqIQ", 100), "Hej!");
  EXPECT_EQ(decode_base64("SGVqI", 100), "Hej");
}

TEST(Base64, OutputIsCutAtTheLimit) {
  bool truncated = false;
  EXPECT_EQ(decode_base64("SGVqIHDlIGRpZw==", 3, &truncated), "Hej");
  EXPECT_TRUE(truncated);
}

TEST(QuotedPrintable, SoftBreaksInEveryLineEndVariant) {
  EXPECT_EQ(decode_quoted_printable("ab=\r\ncd=\nef=\rgh", 100), "abcdefgh");
}

TEST(QuotedPrintable, SoftBreakInsideAMultibyteCharacter) {
  EXPECT_EQ(decode_quoted_printable("f=C3=\r\n=B6r", 100), "f\xC3\xB6r");
}

TEST(QuotedPrintable, LowercaseHexAndInvalidEscapes) {
  EXPECT_EQ(decode_quoted_printable("=e4 =ZZ = 3", 100), "\xE4 =ZZ = 3");
}

TEST(QuotedPrintable, SoftBreakWithTrailingWhitespace) {
  EXPECT_EQ(decode_quoted_printable("ab= \t\r\ncd", 100), "abcd");
}

TEST(TransferEncoding, UnknownEncodingPassesThrough) {
  EXPECT_EQ(decode_transfer_encoding("=E4", "8bit", 100), "=E4");
  EXPECT_EQ(decode_transfer_encoding("=E4", "Quoted-Printable", 100), "\xE4");
  EXPECT_EQ(decode_transfer_encoding("SGVq", " BASE64 ", 100), "Hej");
}

}  // namespace
}  // namespace gdprd::parsers
