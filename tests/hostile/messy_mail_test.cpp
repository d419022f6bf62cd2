// "Real mail is messier" (issue 7): malformed but everyday mails must still
// give the report. Each test damages one aspect of an otherwise plain report
// and checks the report text and the sender survive.
#include <gtest/gtest.h>

#include <string>

#include "core/vocabulary.hpp"
#include "parsers/report_reader.hpp"
#include "tests/hostile/hostile_mail.hpp"

namespace gdprd::hostile {
namespace {

const std::string kBody =
    "Hej!\r\n\r\nIgår skickade jag av misstag elevlistan med vårdnadshavares telefonnummer till fel "
    "mottagare. Mejlet gick till en extern adress. Jag upptäckte felet i morse.\r\n\r\nHälsningar\r\n"
    "Test Person\r\n";

const std::string kHead =
    "From: Test Person <test.person@kommun.example>\r\n"
    "To: gdprincident@kommun.example\r\n"
    "Subject: Personuppgiftsincident\r\n"
    "Date: Tue, 10 Nov 2026 08:47:12 +0100\r\n"
    "Message-ID: <messy@kommun.example>\r\n"
    "MIME-Version: 1.0\r\n";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

bool description_has(const parsers::ReadResult& r, const std::string& word) {
  return r.record.description && r.record.description->find(word) != std::string::npos;
}

void expect_report(const parsers::ReadResult& r) {
  EXPECT_EQ(r.record.message_class, "report");
  EXPECT_TRUE(description_has(r, "elevlistan")) << r.record.description.value_or("<no description>");
  EXPECT_EQ(r.facts.from_address, "test.person@kommun.example");
}

std::string plain(const std::string& extra_headers = "") {
  return kHead + "Content-Type: text/plain; charset=utf-8\r\n" + extra_headers + "\r\n" + kBody;
}

TEST(MessyMail, CrOnlyLineEnds) { expect_report(parsers::read_report(replace_all(plain(), "\r\n", "\r"))); }

TEST(MessyMail, MixedLineEnds) {
  std::string m = plain();
  // Headers LF, body alternately CRLF and bare CR.
  const size_t body = m.find("\r\n\r\n");
  std::string head = replace_all(m.substr(0, body), "\r\n", "\n");
  std::string rest = m.substr(body);
  bool cr = false;
  for (size_t p = rest.find("\r\n"); p != std::string::npos; p = rest.find("\r\n", p + 1)) {
    if (cr) rest.replace(p, 2, "\r");
    cr = !cr;
  }
  expect_report(parsers::read_report(head + rest));
}

TEST(MessyMail, MboxFromLineBeforeHeaders) {
  expect_report(parsers::read_report("From test.person@kommun.example Tue Nov 10 08:47:12 2026\n" + plain()));
}

TEST(MessyMail, ByteOrderMarkBeforeHeaders) { expect_report(parsers::read_report("\xEF\xBB\xBF" + plain())); }

TEST(MessyMail, EightBitBytesAndNulsInHeaders) {
  std::string m = plain("X-Junk: \xE5\xE4\xF6 raw latin-1 \xFF\r\nX-Nul: a");
  m.insert(m.find("X-Nul: a") + 8, std::string("\0\0b", 3));
  const auto r = parsers::read_report(m);
  expect_report(r);
}

TEST(MessyMail, InvalidContentTransferEncodingIsReadAsIs) {
  expect_report(parsers::read_report(plain("Content-Transfer-Encoding: x-bogus-9bit\r\n")));
}

TEST(MessyMail, MultipartWithoutBoundaryParameter) {
  const auto r = parsers::read_report(kHead + "Content-Type: multipart/mixed\r\n\r\n" + kBody);
  // Nothing tells where parts begin: the body is the only text there is.
  EXPECT_EQ(r.record.message_class, "report");
  EXPECT_TRUE(description_has(r, "elevlistan") || r.needs_human);
}

TEST(MessyMail, MultipartWithoutClosingBoundary) {
  expect_report(parsers::read_report(kHead + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\n"
                                              "Content-Type: text/plain; charset=utf-8\r\n\r\n" + kBody));
}

TEST(MessyMail, NoHeaderBodySeparator) {
  // Headers run straight into the text: the first non-header line starts the body.
  std::string m = kHead + "Content-Type: text/plain; charset=utf-8\r\n" + kBody.substr(kBody.find("Igår"));
  const auto r = parsers::read_report(m);
  EXPECT_EQ(r.facts.from_address, "test.person@kommun.example");
  EXPECT_TRUE(description_has(r, "elevlistan")) << r.record.description.value_or("<none>");
}

// Known parser gap (reported, issue 7): parsers/text/charset.cpp has no
// UTF-7 decoder, so "+AOU-" stays literal in the record. Enable when added.
TEST(MessyMail, Utf7Charset) {
  // "Igår" in UTF-7 is "Ig+AOU-r"; the rest is ASCII-safe after transliteration.
  std::string body = replace_all(kBody, "Igår", "Ig+AOU-r");
  body = replace_all(body, "vårdnadshavares", "v+AOU-rdnadshavares");
  body = replace_all(body, "upptäckte", "uppt+AOQ-ckte");
  body = replace_all(body, "Hälsningar", "H+AOQ-lsningar");
  const auto r = parsers::read_report(kHead + "Content-Type: text/plain; charset=utf-7\r\n\r\n" + body);
  expect_report(r);
  EXPECT_TRUE(description_has(r, "Igår")) << r.record.description.value_or("");
}

TEST(MessyMail, Iso2022JpCharsetDoesNotLoseAsciiText) {
  std::string body = replace_all(kBody, "Hälsningar", "\x1b$B$3$s$K$A$O\x1b(B");
  body = replace_all(body, "å", "a");
  body = replace_all(body, "ä", "a");
  const auto r = parsers::read_report(kHead + "Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n" + body);
  EXPECT_EQ(r.record.message_class, "report");
  EXPECT_TRUE(description_has(r, "elevlistan")) << r.record.description.value_or("");
}

TEST(MessyMail, MisspeltUtf8CharsetIsStillUtf8) {
  const auto r = parsers::read_report(kHead + "Content-Type: text/plain; charset=uft-8\r\n\r\n" + kBody);
  expect_report(r);
  EXPECT_TRUE(description_has(r, "vårdnadshavares")) << r.record.description.value_or("");
}

TEST(MessyMail, SmimeSignedReport) {
  const std::string m = kHead +
                        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                        "micalg=sha-256; boundary=\"sig\"\r\n\r\n--sig\r\n"
                        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + kBody +
                        "--sig\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                        "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n"
                        "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCAMIIF\r\n--sig--\r\n";
  expect_report(parsers::read_report(m));
}

TEST(MessyMail, UuencodedAttachmentInBodyKeepsTheText) {
  const std::string m = plain() + "\r\nbegin 644 bilaga.bin\r\nM9F]O8F%R\r\n`\r\nend\r\n";
  expect_report(parsers::read_report(m));
}

TEST(MessyMail, YencAttachmentInBodyKeepsTheText) {
  const std::string m = plain() + "\r\n=ybegin line=128 size=6 name=bilaga.bin\r\n\x90\x99\x99\x8c\x8b\x9c\r\n=yend size=6\r\n";
  expect_report(parsers::read_report(m));
}

TEST(MessyMail, VeryLongAddressHeaders) {
  std::string to = "To: ";
  for (int i = 0; i < 3000; ++i) to += "mottagare" + std::to_string(i) + "@kommun.example, ";
  to += "sista@kommun.example\r\n";
  std::string cc = "Cc: ";
  for (int i = 0; i < 200; ++i) cc += "\"Namn " + std::to_string(i) + "\" <cc" + std::to_string(i) + "@kommun.example>,\r\n ";
  cc += "cc-sista@kommun.example\r\n";
  const auto r = parsers::read_report(to + cc + plain());
  expect_report(r);
}

}  // namespace
}  // namespace gdprd::hostile
