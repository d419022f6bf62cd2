#include "notify/mail_encoding.hpp"

#include <gtest/gtest.h>

#include "notify/test_decode.hpp"

namespace gdprd::notify {
namespace {

using namespace testing;

TEST(SanitizeHeaderValue, CrLfInjectionBecomesASpace) {
  EXPECT_EQ(sanitize_header_value("Hej\r\nBcc: victim@evil.example"), "Hej Bcc: victim@evil.example");
  EXPECT_EQ(sanitize_header_value("a\nb\rc"), "a b c");
}

TEST(SanitizeHeaderValue, ControlsNulAndBidiOverridesAreRemoved) {
  EXPECT_EQ(sanitize_header_value(std::string("a\0b\x01\x7f" "c", 6)), "abc");
  EXPECT_EQ(sanitize_header_value("x\xe2\x80\xaey"), "xy");        // U+202E RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(sanitize_header_value("x\xc2\x85y"), "x y");           // U+0085 NEXT LINE
}

TEST(SanitizeHeaderValue, InvalidUtf8BytesAreDropped) {
  EXPECT_EQ(sanitize_header_value("\xff\xfe" "ok\xc3"), "ok");
  EXPECT_EQ(sanitize_header_value("\xc0\xaf"), "");  // overlong '/'
  EXPECT_EQ(sanitize_header_value("Må\xc3\xa5"), "Måå");
}

TEST(SanitizeHeaderValue, WhitespaceRunsCollapseAndEndsAreTrimmed) {
  EXPECT_EQ(sanitize_header_value("  a \t\r\n  b  "), "a b");
}

TEST(EncodeUnstructured, AsciiStaysReadable) {
  EXPECT_EQ(encode_unstructured("Incident report"), "Incident report");
}

TEST(EncodeUnstructured, NonAsciiIsEncodedAndDecodesBack) {
  std::string subject = "Personuppgiftsincident på förskolan Älgen";
  std::string enc = encode_unstructured(subject);
  EXPECT_EQ(enc.find("å"), std::string::npos);
  for (unsigned char c : enc) EXPECT_LT(c, 0x80);
  std::string unfolded;
  for (char c : enc)
    if (c != '\r' && c != '\n') unfolded += c;
  EXPECT_EQ(decode_words(unfolded), subject);
}

TEST(EncodeUnstructured, LongNonAsciiSubjectUsesWordsOfAtMost75CharsAndWholeCharacters) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "åäö ";
  std::string enc = encode_unstructured(subject);
  size_t start = 0;
  while (start < enc.size()) {
    size_t eol = enc.find("\r\n", start);
    std::string line = enc.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    EXPECT_LE(line.size(), 75u);
    // Each word decodes to valid UTF-8 by itself: it never ends inside a sequence.
    std::string decoded = decode_words(line);
    ASSERT_FALSE(decoded.empty());
    while (!decoded.empty() && decoded.back() == ' ') decoded.pop_back();
    while (!decoded.empty() && decoded.front() == ' ') decoded.erase(0, 1);
    EXPECT_EQ(sanitize_header_value(decoded), decoded);  // no dangling partial sequence
    if (eol == std::string::npos) break;
    start = eol + 2;
  }
  std::string unfolded;
  for (char c : enc)
    if (c != '\r' && c != '\n') unfolded += c;
  std::string expected = subject.substr(0, subject.size() - 1);  // sanitising trims the last space
  EXPECT_EQ(decode_words(unfolded), expected);
}

TEST(EncodeUnstructured, LeadingAsciiReferenceStaysReadable) {
  std::string subject = "[PUI-2026-0042] Mottagen: Förlust av dator";
  std::string enc = encode_unstructured(subject);
  EXPECT_EQ(enc.rfind("[PUI-2026-0042] Mottagen:\r\n =?UTF-8?B?", 0), 0u) << enc;
  std::string unfolded;
  for (char c : enc)
    if (c != '\r' && c != '\n') unfolded += c;
  EXPECT_EQ(decode_words(unfolded), subject);
}

TEST(EncodeUnstructured, AsciiThatLooksLikeAnEncodedWordIsEncoded) {
  std::string tricky = "=?UTF-8?B?QmNjOg==?=";
  std::string enc = encode_unstructured(tricky);
  EXPECT_EQ(decode_words(enc), tricky);
}

TEST(EncodeUnstructured, LongAsciiIsFoldedAtSpaces) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "word" + std::to_string(i) + " ";
  std::string enc = encode_unstructured(subject);
  EXPECT_NE(enc.find("\r\n "), std::string::npos);
  size_t start = 0;
  while (true) {
    size_t eol = enc.find("\r\n", start);
    EXPECT_LE((eol == std::string::npos ? enc.size() : eol) - start, 78u);
    if (eol == std::string::npos) break;
    start = eol + 2;
  }
}

TEST(EncodePhrase, SpecialsAreQuotedAndNonAsciiEncoded) {
  EXPECT_EQ(encode_phrase("Incidentrapportering"), "Incidentrapportering");
  EXPECT_EQ(encode_phrase("Kommun, IT \"säk\""), "=?UTF-8?B?S29tbXVuLCBJVCAic8OkayI=?=");
  EXPECT_EQ(encode_phrase("Kommun, IT"), "\"Kommun, IT\"");
  EXPECT_EQ(encode_phrase("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(decode_words(encode_phrase("Säkerhet")), "Säkerhet");
}

TEST(EncodeQuotedPrintable, RoundTripsUtf8AndKeepsLinesShort) {
  std::string text = "Hej,\nvi har tagit emot anmälan = bra.\nTrailing space \n";
  for (int i = 0; i < 50; ++i) text += "ååå";
  text += "\n";
  std::string enc = encode_quoted_printable(text);
  size_t start = 0;
  while (start < enc.size()) {
    size_t eol = enc.find("\r\n", start);
    ASSERT_NE(eol, std::string::npos);
    EXPECT_LE(eol - start, 76u);
    start = eol + 2;
  }
  std::string expected;
  for (char c : text) {
    if (c == '\n') expected += '\r';
    expected += c;
  }
  EXPECT_EQ(decode_qp(enc), expected);
  EXPECT_NE(enc.find("space=20\r\n"), std::string::npos);
}

TEST(EncodeQuotedPrintable, FromAndDotAtLineStartAreProtected) {
  std::string enc = encode_quoted_printable("From here\n.\n");
  EXPECT_EQ(enc.rfind("=46rom here\r\n", 0), 0u);
  EXPECT_NE(enc.find("=2E\r\n"), std::string::npos);
}

TEST(EncodeBase64Lines, KnownVectorAndLineLength) {
  EXPECT_EQ(encode_base64_lines("abc"), "YWJj\r\n");
  EXPECT_EQ(encode_base64_lines("ab"), "YWI=\r\n");
  std::string big(300, 'x');
  std::string enc = encode_base64_lines(big);
  EXPECT_EQ(enc.find("\r\n"), 76u);
  EXPECT_EQ(decode_base64(enc), big);
}

}  // namespace
}  // namespace gdprd::notify
