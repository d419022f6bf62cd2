#include "parsers/mime/mail_address.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::parsers {
namespace {

TEST(MailAddress, NameAndAngleAddressWithDomainLowerCased) {
  auto list = parse_address_list("\"Lind, Åsa\" <Asa.Lind@Lonnvik.Kommun.EXAMPLE>, b@c.example (Bo Ek)");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Lind, Åsa");
  EXPECT_EQ(list[0].address, "Asa.Lind@lonnvik.kommun.example");
  EXPECT_EQ(list[1].name, "Bo Ek");
  EXPECT_EQ(list[1].address, "b@c.example");
}

TEST(MailAddress, GroupSyntaxAndEntriesWithoutAt) {
  auto list = parse_address_list("undisclosed-recipients:;, Team: x@y.example, z@y.example;");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].address, "x@y.example");
  EXPECT_EQ(list[1].address, "z@y.example");
}

TEST(MailAddress, MessageIds) {
  EXPECT_EQ(strip_angle_brackets(" <abc@x> "), "abc@x");
  auto ids = parse_message_ids("<a@x>\r\n <b@y>");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[1], "b@y");
}

TEST(MailDate, NumericZone) {
  auto t = parse_mail_date("Tue, 09 Jun 2026 07:12:41 +0000");
  ASSERT_TRUE(t);
  EXPECT_EQ(stockholm::format_rfc3339(*t), "2026-06-09T09:12:41+02:00");
}

TEST(MailDate, NoWeekdayNoSecondsAndNamedZone) {
  auto t = parse_mail_date("8 Dec 2026 09:12 CET");
  ASSERT_TRUE(t);
  EXPECT_EQ(stockholm::format_rfc3339(*t), "2026-12-08T09:12:00+01:00");
}

TEST(MailDate, TrailingCommentAndTwoDigitYear) {
  auto t = parse_mail_date("Mon, 30 Nov 26 14:06:10 -0100 (XYZ)");
  ASSERT_TRUE(t);
  EXPECT_EQ(stockholm::format_rfc3339(*t), "2026-11-30T16:06:10+01:00");
}

TEST(MailDate, GarbageGivesNothing) {
  EXPECT_FALSE(parse_mail_date("igår"));
  EXPECT_FALSE(parse_mail_date("32 Jan 2026 10:00 +0000"));
  EXPECT_FALSE(parse_mail_date(""));
}

TEST(MailDate, YearsPastWhatATimePointHoldsGiveNothing) {
  // Found by report_reader_fuzz: a year past 2262 overflowed the nanosecond
  // TimePoint (UBSan: signed integer overflow in chrono).
  EXPECT_FALSE(parse_mail_date("Tue, 28 Apr 4052 08:55:19 +0200"));
  EXPECT_FALSE(parse_mail_date("Fri, 31 Dec 9999 23:59:59 +0000"));
  EXPECT_TRUE(parse_mail_date("Mon, 1 Jan 2198 00:00:00 +0000"));
}

}  // namespace
}  // namespace gdprd::parsers
