#include "parsers/mime/content_field.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gdprd::parsers {
namespace {

TEST(ContentField, ValueAndQuotedParameters) {
  ContentField f = parse_content_field("Multipart/Mixed; boundary=\"_004_B8;x_\"; charset=UTF-8");
  EXPECT_EQ(f.value, "multipart/mixed");
  EXPECT_EQ(f.param("boundary"), "_004_B8;x_");
  EXPECT_EQ(f.param("charset"), "UTF-8");
  EXPECT_FALSE(f.has_param("name"));
}

TEST(ContentField, Rfc2231ContinuationWithCharset) {
  ContentField f = parse_content_field(
      "attachment; filename*0*=UTF-8''Blankett%20f%C3%B6r; filename*1*=%20incident; filename*2=\".docx\"");
  EXPECT_EQ(f.param("filename"), "Blankett för incident.docx");
}

TEST(ContentField, Rfc2231SingleExtendedValueWithLanguage) {
  ContentField f = parse_content_field("attachment; filename*=iso-8859-1'sv'Sk%E4rmklipp.pdf");
  EXPECT_EQ(f.param("filename"), "Skärmklipp.pdf");
}

TEST(ContentField, Rfc2231SectionsOutOfOrder) {
  ContentField f = parse_content_field("attachment; name*1=\"b\"; name*0=\"a\"");
  EXPECT_EQ(f.param("name"), "ab");
}

// Found by mime_reader_fuzz: a section number of 80 digits overflowed the int
// it was summed into before its length was checked (UBSan). Such a parameter
// is dropped; the others stay.
TEST(ContentField, Rfc2231SectionNumberTooLongIsDroppedWithoutOverflow) {
  ContentField f = parse_content_field("multipart/mixed; bounda*" + std::string(80, '4') + "=x; boundary=b1");
  EXPECT_EQ(f.value, "multipart/mixed");
  EXPECT_FALSE(f.has_param("bounda"));
  EXPECT_EQ(f.param("boundary"), "b1");
}

TEST(ContentField, EncodedWordInsideQuotedName) {
  ContentField f = parse_content_field("application/pdf; name=\"=?iso-8859-1?Q?Sk=E4rmklipp=2Epdf?=\"");
  EXPECT_EQ(f.param("name"), "Skärmklipp.pdf");
}

TEST(ContentField, JunkParametersAreSkipped) {
  ContentField f = parse_content_field("text/plain; ; junk; =x; format=flowed; delsp=yes (comment)");
  EXPECT_EQ(f.value, "text/plain");
  EXPECT_EQ(f.param("format"), "flowed");
}

TEST(ContentField, MissingParametersGiveEmptyValues) {
  ContentField f = parse_content_field("multipart/mixed");
  EXPECT_EQ(f.param("boundary"), "");
}

}  // namespace
}  // namespace gdprd::parsers
