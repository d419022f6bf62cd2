#include "daemon/ctl_mail_summary.hpp"

#include <gtest/gtest.h>

namespace gdprd::daemon {
namespace {

const std::string kMail =
    "From: =?UTF-8?Q?Anna_=C3=96berg?= <anna@kommun.example>\r\n"
    "To: incident@kommun.example\r\n"
    "Date: Wed, 20 May 2026 09:30:00 +0200\r\n"
    "Subject: =?UTF-8?Q?Personuppgiftsincident_f=C3=B6rskola?=\r\n"
    "Message-ID: <abc@kommun.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b1\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Se bifogad blankett.\r\n"
    "--b1\r\n"
    "Content-Type: application/pdf; name=blankett.pdf\r\n"
    "Content-Disposition: attachment; filename=blankett.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--b1\r\n"
    "Content-Type: image/png\r\n"
    "Content-Disposition: attachment; filename=\"logga.png\"\r\n"
    "\r\n"
    "PNGDATA\r\n"
    "--b1--\r\n";

TEST(CtlMailSummary, HeadersAreDecodedAndPartsListedWithReadFlag) {
  auto s = summarize_mail(kMail, Limits{});
  EXPECT_EQ(s.from, "Anna Öberg <anna@kommun.example>");
  EXPECT_EQ(s.to, "incident@kommun.example");
  EXPECT_EQ(s.date, "Wed, 20 May 2026 09:30:00 +0200");
  EXPECT_EQ(s.subject, "Personuppgiftsincident förskola");
  EXPECT_EQ(s.message_id, "<abc@kommun.example>");
  ASSERT_EQ(s.parts.size(), 3u);
  EXPECT_EQ(s.parts[0].content_type, "text/plain");
  EXPECT_TRUE(s.parts[0].read);
  EXPECT_EQ(s.parts[1].filename, "blankett.pdf");
  EXPECT_EQ(s.parts[1].size, 9);  // "%PDF-1.4\n" decoded from base64
  EXPECT_TRUE(s.parts[1].read);
  EXPECT_EQ(s.parts[2].filename, "logga.png");
  EXPECT_FALSE(s.parts[2].read);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(CtlMailSummary, UnclosedMultipartIsReportedTruncatedNotThrown) {
  std::string cut = kMail.substr(0, kMail.find("--b1\r\nContent-Type: image/png"));
  auto s = summarize_mail(cut, Limits{});
  ASSERT_EQ(s.parts.size(), 2u);
  EXPECT_TRUE(s.parts[1].truncated);
  auto j = mail_summary_json(s);
  EXPECT_EQ(j["parts"][1]["truncated"], true);
  EXPECT_FALSE(j["warnings"].empty());
}

TEST(CtlMailSummary, GarbageGivesOneTextPartAndEmptyHeaders) {
  auto s = summarize_mail(std::string("\0\xff\xfe garbage", 11), Limits{});
  EXPECT_EQ(s.from, "");
  EXPECT_EQ(s.message_id, "");
  ASSERT_EQ(s.parts.size(), 1u);
  EXPECT_EQ(s.parts[0].content_type, "text/plain");
}

TEST(CtlMailSummary, JsonHasTheDocumentedKeys) {
  auto j = mail_summary_json(summarize_mail(kMail, Limits{}));
  for (const char* k : {"from", "to", "date", "subject", "message_id"}) EXPECT_TRUE(j["headers"].contains(k)) << k;
  for (const char* k : {"index", "depth", "content_type", "filename", "disposition", "size", "read", "truncated"})
    EXPECT_TRUE(j["parts"][0].contains(k)) << k;
  EXPECT_EQ(j["parts"][2]["disposition"], "attachment");
}

}  // namespace
}  // namespace gdprd::daemon
