#include "parsers/mime/encoded_words.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(EncodedWords, QAndBEncodings) {
  EXPECT_EQ(decode_header_text("=?iso-8859-1?Q?=C5sa_Lindstr=F6m?= <a@b.example>"), "Åsa Lindström <a@b.example>");
  EXPECT_EQ(decode_header_text("=?UTF-8?B?RsO2cnNrb2xh?="), "Förskola");
}

TEST(EncodedWords, WhitespaceBetweenAdjacentWordsIsDropped) {
  EXPECT_EQ(decode_header_text("=?utf-8?Q?Personuppgifts?=\r\n =?utf-8?Q?incident?="), "Personuppgiftsincident");
}

TEST(EncodedWords, CharacterSplitOverTwoWordsSurvives) {
  EXPECT_EQ(decode_header_text("=?utf-8?Q?f=C3?= =?utf-8?Q?=B6r?="), "för");
  EXPECT_EQ(decode_header_text("=?utf-8?B?w6Q=?= =?utf-8?B?w7Y=?="), "äö");
}

TEST(EncodedWords, Windows1252WordSplitInsideQuotes) {
  EXPECT_EQ(decode_header_text("\"=?windows-1252?Q?Blankett_=96_nyhetsbrev_f=F6renin?= =?windows-1252?Q?gar.docx?=\""),
            "\"Blankett – nyhetsbrev föreningar.docx\"");
}

TEST(EncodedWords, TextBetweenWordsIsKept) {
  EXPECT_EQ(decode_header_text("VB: =?utf-8?Q?Fr=C3=A5nvaro?= idag"), "VB: Frånvaro idag");
}

TEST(EncodedWords, MalformedWordIsKeptLiterally) {
  EXPECT_EQ(decode_header_text("=?utf-8?X?abc?="), "=?utf-8?X?abc?=");
  EXPECT_EQ(decode_header_text("=?utf-8?Q?open"), "=?utf-8?Q?open");
}

TEST(EncodedWords, Raw8BitHeaderIsReadAsUtf8OrWindows1252) {
  EXPECT_EQ(decode_header_text("F\xC3\xB6rlorad"), "Förlorad");
  EXPECT_EQ(decode_header_text("F\xF6rlorad"), "Förlorad");
}

TEST(EncodedWords, LanguageSuffixOfRfc2231IsIgnored) {
  EXPECT_EQ(decode_header_text("=?utf-8*sv?Q?h=C3=A4r?="), "här");
}

}  // namespace
}  // namespace gdprd::parsers
