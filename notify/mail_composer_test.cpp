#include "notify/mail_composer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/stockholm_time.hpp"
#include "notify/test_decode.hpp"

namespace gdprd::notify {
namespace {

using namespace testing;

OutgoingMail sample() {
  OutgoingMail m;
  m.from = "pui@kommun.example";
  m.from_name = "Incidenthantering";
  m.to = {"anna@kommun.example"};
  m.subject = "Hello";
  m.body = "Line one\nLine two\n";
  m.date = stockholm::to_instant({2026, 5, 20, 16, 39, 0});
  return m;
}

std::string header_block(const std::string& bytes) { return bytes.substr(0, bytes.find("\r\n\r\n") + 2); }

TEST(MailComposer, HeadersAndCrlfStructure) {
  MailComposer composer("kommun.example");
  auto r = composer.compose(sample());
  ASSERT_TRUE(r.mail) << r.error;
  const std::string& b = r.mail->bytes;
  EXPECT_EQ(raw_header(b, "Date"), "Wed, 20 May 2026 16:39:00 +0200");
  EXPECT_EQ(raw_header(b, "From"), "Incidenthantering <pui@kommun.example>");
  EXPECT_EQ(raw_header(b, "To"), "anna@kommun.example");
  EXPECT_EQ(raw_header(b, "Subject"), "Hello");
  EXPECT_EQ(raw_header(b, "MIME-Version"), "1.0");
  EXPECT_EQ(raw_header(b, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(raw_header(b, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(raw_header(b, "Message-ID"), "<" + r.mail->message_id + ">");
  EXPECT_FALSE(raw_header(b, "Auto-Submitted"));
  EXPECT_TRUE(r.mail->message_id.ends_with("@kommun.example"));
  // Every line ends in CRLF: no bare LF or CR anywhere.
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i] == '\n') {
      EXPECT_EQ(b[i - 1], '\r') << i;
    }
    if (b[i] == '\r') {
      EXPECT_EQ(b[i + 1], '\n') << i;
    }
  }
  EXPECT_EQ(decode_qp(body_of(b)), "Line one\r\nLine two\r\n");
}

TEST(MailComposer, WinterDateHasPlusOneHour) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.date = stockholm::to_instant({2026, 12, 24, 9, 5, 7});
  auto r = composer.compose(m);
  EXPECT_EQ(raw_header(r.mail->bytes, "Date"), "Thu, 24 Dec 2026 09:05:07 +0100");
}

TEST(MailComposer, HeaderInjectionThroughSubjectIsNeutralised) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.subject = "Incident\r\nBcc: victim@evil.example\r\n\r\nfake body";
  auto r = composer.compose(m);
  ASSERT_TRUE(r.mail);
  EXPECT_FALSE(raw_header(r.mail->bytes, "Bcc"));
  EXPECT_EQ(raw_header(r.mail->bytes, "Subject"), "Incident Bcc: victim@evil.example fake body");
  EXPECT_EQ(header_block(r.mail->bytes).find("\r\nBcc"), std::string::npos);
}

TEST(MailComposer, HeaderInjectionThroughDisplayNameIsNeutralised) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.from_name = "X\nBcc: victim@evil.example";
  auto r = composer.compose(m);
  ASSERT_TRUE(r.mail);
  EXPECT_FALSE(raw_header(r.mail->bytes, "Bcc"));
}

TEST(MailComposer, HostileMessageIdsFromReportsAreDropped) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.in_reply_to = "<abc@x>\r\nBcc: victim@evil.example";
  m.references = {"<ok@kommun.example>", "<bad id@x>", "<x>\nBcc: v@evil.example"};
  auto r = composer.compose(m);
  ASSERT_TRUE(r.mail);
  EXPECT_FALSE(raw_header(r.mail->bytes, "In-Reply-To"));
  EXPECT_FALSE(raw_header(r.mail->bytes, "Bcc"));
  EXPECT_EQ(raw_header(r.mail->bytes, "References"), "<ok@kommun.example>");
}

TEST(MailComposer, ThreadingHeadersAreKeptBoundedWithRoot) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.in_reply_to = "report-1@kommun.example";
  for (int i = 0; i < 1000; ++i) m.references.push_back("<r" + std::to_string(i) + "@x.example>");
  auto r = composer.compose(m);
  EXPECT_EQ(raw_header(r.mail->bytes, "In-Reply-To"), "<report-1@kommun.example>");
  auto refs = raw_header(r.mail->bytes, "References");
  ASSERT_TRUE(refs);
  EXPECT_EQ(refs->rfind("<r0@x.example>", 0), 0u);
  EXPECT_TRUE(refs->ends_with("<r999@x.example>"));
  EXPECT_EQ(std::count(refs->begin(), refs->end(), '<'), 20);
}

TEST(MailComposer, AutoSubmittedKinds) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.auto_submitted = AutoSubmitted::auto_replied;
  EXPECT_EQ(raw_header(composer.compose(m).mail->bytes, "Auto-Submitted"), "auto-replied");
  m.auto_submitted = AutoSubmitted::auto_generated;
  EXPECT_EQ(raw_header(composer.compose(m).mail->bytes, "Auto-Submitted"), "auto-generated");
}

TEST(MailComposer, InvalidAddressesAreRefusedNotRepaired) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.to = {"anna@kommun.example\r\nBcc: victim@evil.example"};
  auto r = composer.compose(m);
  EXPECT_FALSE(r.mail);
  EXPECT_FALSE(r.error.empty());
  m = sample();
  m.to.clear();
  EXPECT_FALSE(composer.compose(m).mail);
  m = sample();
  m.from = "pui";
  EXPECT_FALSE(composer.compose(m).mail);
  m = sample();
  m.cc = {"x@"};
  EXPECT_FALSE(composer.compose(m).mail);
}

TEST(MailComposer, NonAsciiSubjectAndNameAreRfc2047) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.subject = "Mottagen: Förlust av USB-minne";
  m.from_name = "Säkerhetsfunktionen";
  auto r = composer.compose(m);
  auto subject = raw_header(r.mail->bytes, "Subject");
  ASSERT_TRUE(subject);
  for (unsigned char c : header_block(r.mail->bytes)) EXPECT_LT(c, 0x80);
  EXPECT_EQ(decode_words(*subject), "Mottagen: Förlust av USB-minne");
  EXPECT_EQ(decode_words(*raw_header(r.mail->bytes, "From")), "Säkerhetsfunktionen <pui@kommun.example>");
}

TEST(MailComposer, Base64BodyRoundTrips) {
  MailComposer composer("kommun.example");
  auto m = sample();
  m.encoding = BodyEncoding::base64;
  m.body = "Åtgärd\n";
  auto r = composer.compose(m);
  EXPECT_EQ(raw_header(r.mail->bytes, "Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(decode_base64(body_of(r.mail->bytes)), "Åtgärd\r\n");
}

TEST(MailComposer, MessageIdsAreUniqueAndInvalidDomainIsReplaced) {
  MailComposer composer("kommun.example");
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(composer.new_message_id());
  EXPECT_EQ(ids.size(), 1000u);
  MailComposer bad("evil>\r\nBcc: x");
  EXPECT_TRUE(bad.new_message_id().ends_with("@invalid.invalid"));
}

}  // namespace
}  // namespace gdprd::notify
