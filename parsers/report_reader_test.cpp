#include "parsers/report_reader.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "core/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

std::string crlf(std::string_view lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += "\r\n";
    else out.push_back(c);
  }
  return out;
}

TEST(ReadReport, MailFactsAreDecoded) {
  auto r = read_report(crlf(
      "From: =?iso-8859-1?Q?=C5sa_Lind?= <Asa.Lind@X.Kommun.Example>\nReply-To: svar@x.example\n"
      "Cc: A <a@x.example>, b@y.example\nSubject: =?utf-8?Q?F=C3=B6rlorad_p=C3=A4rm?=\n"
      "Date: Tue, 09 Jun 2026 07:12:41 +0000\nMessage-ID: <id1@x>\nIn-Reply-To: <id0@x>\n"
      "References: <idA@x> <id0@x>\n\nPärmen med 12 brukares namn förlorades igår.\n"));
  EXPECT_EQ(r.facts.from_name, "Åsa Lind");
  EXPECT_EQ(r.facts.from_address, "Asa.Lind@x.kommun.example");
  EXPECT_EQ(r.facts.reply_to_address, "svar@x.example");
  ASSERT_EQ(r.facts.cc_addresses.size(), 2u);
  EXPECT_EQ(r.facts.cc_addresses[1], "b@y.example");
  EXPECT_EQ(r.facts.subject, "Förlorad pärm");
  EXPECT_EQ(r.facts.message_id, "id1@x");
  EXPECT_EQ(r.facts.in_reply_to, "id0@x");
  ASSERT_EQ(r.facts.references.size(), 2u);
  ASSERT_TRUE(r.facts.date);
  EXPECT_EQ(stockholm::format_rfc3339(*r.facts.date), "2026-06-09T09:12:41+02:00");
  EXPECT_EQ(r.record.message_class, "report");
  EXPECT_EQ(r.record.document_type, "text_body");
  EXPECT_FALSE(r.needs_human);
}

TEST(ReadReport, AutoReplyGivesAnEmptyRecord) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Autosvar: Personuppgiftsincident\n\n"
                            "Jag är på semester. 12 personer berördes av incidenten igår.\n"));
  EXPECT_EQ(r.record, empty_record("auto_reply"));
  EXPECT_FALSE(r.needs_human);
}

TEST(ReadReport, BounceGivesAnEmptyRecord) {
  auto r = read_report(crlf("From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\n"
                            "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\nfel\n"
                            "--b\nContent-Type: message/rfc822\n\nSubject: incident\n\n12 personer\n--b--\n"));
  EXPECT_EQ(r.record, empty_record("bounce"));
}

TEST(ReadReport, HtmlOnlyMailIsHtmlBody) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: text/html; charset=utf-8\n\n"
                            "<html><body><p>Ett mejl skickades till fel mottagare.</p></body></html>\n"));
  EXPECT_EQ(r.record.document_type, "html_body");
}

TEST(ReadReport, PlainPartOfAlternativeIsTextBody) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: multipart/alternative; boundary=a\n\n"
                            "--a\nContent-Type: text/plain\n\nEtt mejl skickades till fel mottagare.\n--a\n"
                            "Content-Type: text/html\n\n<p>Ett mejl skickades till fel mottagare.</p>\n--a--\n"));
  EXPECT_EQ(r.record.document_type, "text_body");
}

TEST(ReadReport, TextAttachmentIsOther) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: multipart/mixed; boundary=m\n\n"
                            "--m\nContent-Type: text/plain\n\nSe bifogad fil.\n--m\n"
                            "Content-Type: text/plain; name=rapport.txt\nContent-Disposition: attachment; filename=rapport.txt\n\n"
                            "Igår skickades ett mejl med 40 elevers namn och betyg till fel vårdnadshavare. "
                            "Mottagaren har ombetts radera mejlet.\n--m--\n"));
  EXPECT_EQ(r.record.document_type, "other");
}

TEST(ReadReport, UnreadableDocxWarnsAndBodyIsTheReport) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: multipart/mixed; boundary=m\n\n"
                            "--m\nContent-Type: text/plain\n\nEn pärm med 12 brukares namn har försvunnit.\n--m\n"
                            "Content-Type: application/octet-stream; name=blankett.docx\nContent-Transfer-Encoding: base64\n"
                            "Content-Disposition: attachment; filename=blankett.docx\n\n0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAA\n--m--\n"));
  EXPECT_TRUE(r.record.has_warning(vocab::kUnreadableAttachment));
  EXPECT_EQ(r.record.document_type, "text_body");
}

TEST(ReadReport, TruncatedMultipartWarnsAndNeedsHuman) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: multipart/mixed; boundary=m\n\n"
                            "--m\nContent-Type: text/plain\n\nEtt mejl skickades till fel mottagare.\n--m\n"
                            "Content-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK"));
  EXPECT_TRUE(r.record.has_warning(vocab::kTruncatedMessage));
  EXPECT_TRUE(r.record.has_warning(vocab::kUnreadableAttachment));
  EXPECT_EQ(r.record.document_type, "text_body");
  EXPECT_TRUE(r.needs_human);
}

TEST(ReadReport, SubjectOnlyMailIsTextBody) {
  auto r = read_report(crlf("From: a@x.example\nSubject: PU-incident: borttappad mobil\nContent-Type: text/plain\n\n\n"));
  EXPECT_EQ(r.record.document_type, "text_body");
  EXPECT_FALSE(r.needs_human);
}

TEST(ReadReport, MailWithoutAnyTextNeedsHuman) {
  auto r = read_report(crlf("From: a@x.example\n\n\n"));
  EXPECT_EQ(r.record.message_class, "report");
  EXPECT_TRUE(r.needs_human);
}

TEST(ReadReport, LimitExceededNeedsHuman) {
  Limits limits;
  limits.max_message_bytes = 64;
  auto r = read_report(crlf("From: a@x.example\nSubject: x\n\nEtt mejl skickades till fel mottagare och mer text här.\n"),
                       limits);
  EXPECT_TRUE(r.record.has_warning(vocab::kLimitExceeded));
  EXPECT_TRUE(r.needs_human);
}

TEST(ReadReport, GarbageNeverThrows) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  ReadResult r;
  EXPECT_NO_THROW(r = read_report(junk));
  EXPECT_EQ(r.record.message_class, "report");
}

TEST(ReadReport, BodySplitAroundInlineImageIsKeptWhole) {
  auto r = read_report(crlf("From: a@x.example\nSubject: Incident\nContent-Type: multipart/mixed; boundary=m\n\n"
                            "--m\nContent-Type: text/plain\n\nFörsta delen.\n--m\n"
                            "Content-Type: image/png\nContent-Disposition: inline\n\nPNG\n--m\n"
                            "Content-Type: text/plain\n\nEtt mejl med 12 elevers namn skickades till fel mottagare.\n--m--\n"));
  EXPECT_EQ(r.record.document_type, "text_body");
  ASSERT_TRUE(r.record.data_subjects.exact || r.record.incident_type);
}

}  // namespace
}  // namespace gdprd::parsers
